package com.serviceform.sdk.errors;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The API answered with an HTTP status that is not a success. Subclasses name the status class.
 *
 * <p>{@link #body()} holds at most {@value #MAX_BODY_CHARS} characters of the response body as
 * text: the vendor documents no error body, so it is kept raw rather than parsed.
 */
public class ServiceformApiException extends ServiceformException {
  private static final long serialVersionUID = 1L;

  /** The most characters of an error body kept on the exception. */
  public static final int MAX_BODY_CHARS = 8192;

  private final int statusCode;
  private final transient Map<String, List<String>> headers;
  private final String body;
  private final String method;
  private final String requestUrl;

  /**
   * @param attempts how many exchanges the call made; the last one got this status
   */
  public ServiceformApiException(int statusCode, Map<String, List<String>> headers, String body, String method,
      String requestUrl, int attempts) {
    super(describe(statusCode, body, method, requestUrl, attempts), null, attempts,
        com.serviceform.sdk.internal.RequestIds.find(headers));
    this.statusCode = statusCode;
    this.headers = copyHeaders(headers);
    this.body = body == null ? "" : truncate(body);
    this.method = Objects.requireNonNull(method, "method == null");
    this.requestUrl = Objects.requireNonNull(requestUrl, "requestUrl == null");
  }

  /** The HTTP status code the API answered with. */
  public int statusCode() {
    return statusCode;
  }

  /** The response headers, keyed by lower-case name. Read-only. */
  public Map<String, List<String>> headers() {
    return headers == null ? Map.of() : headers;
  }

  /** The first value of a response header, by case-insensitive name, or null. */
  public String header(String name) {
    List<String> values = headers().get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The response body as text, at most {@value #MAX_BODY_CHARS} characters; empty when none. */
  public String body() {
    return body;
  }

  /** The request method, for example {@code GET}. */
  public String method() {
    return method;
  }

  /** The URL the request was sent to. */
  public String requestUrl() {
    return requestUrl;
  }

  private static String describe(int status, String body, String method, String url, int attempts) {
    StringBuilder message = new StringBuilder()
        .append(method).append(' ').append(url).append(" answered HTTP ").append(status)
        .append(afterAttempts(attempts));
    if (body != null && !body.isBlank()) {
      String oneLine = body.strip().replaceAll("\\s+", " ");
      message.append(": ").append(oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine);
    }
    return message.toString();
  }

  private static String truncate(String body) {
    return body.length() <= MAX_BODY_CHARS ? body : body.substring(0, MAX_BODY_CHARS);
  }

  private static Map<String, List<String>> copyHeaders(Map<String, List<String>> headers) {
    if (headers == null || headers.isEmpty()) {
      return Map.of();
    }
    Map<String, List<String>> copy = new TreeMap<>();
    headers.forEach((name, values) -> {
      if (name != null) {
        copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(values));
      }
    });
    return Collections.unmodifiableMap(copy);
  }
}
