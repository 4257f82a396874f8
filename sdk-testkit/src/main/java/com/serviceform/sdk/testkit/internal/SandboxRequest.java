package com.serviceform.sdk.testkit.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** One HTTP request as the engine sees it, independent of the server it came through. */
public final class SandboxRequest {
  private final String method;
  private final String path;
  private final String rawQuery;
  private final Map<String, List<String>> headers;
  private final byte[] body;

  /**
   * @param method the HTTP method
   * @param pathAndQuery the raw request target, for example {@code /statistics/chat?metrics=a}
   * @param headers the headers (names in any case)
   * @param body the body, empty for none
   */
  public SandboxRequest(String method, String pathAndQuery, Map<String, List<String>> headers, byte[] body) {
    this.method = Objects.requireNonNull(method, "method == null").toUpperCase(Locale.ROOT);
    Objects.requireNonNull(pathAndQuery, "pathAndQuery == null");
    int q = pathAndQuery.indexOf('?');
    this.path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    this.rawQuery = q < 0 ? null : pathAndQuery.substring(q + 1);
    Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> h.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
    this.headers = Collections.unmodifiableMap(h);
    this.body = body == null ? new byte[0] : body;
  }

  public String method() {
    return method;
  }

  /** The raw path, without query. */
  public String path() {
    return path;
  }

  /** Headers by case-insensitive name. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of a header, or null. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public byte[] body() {
    return body;
  }

  /** The body as UTF-8 text, or null when empty. */
  public String bodyText() {
    return body.length == 0 ? null : new String(body, StandardCharsets.UTF_8);
  }

  /**
   * The decoded query parameters in order.
   *
   * @throws IllegalArgumentException if the query is not well-formed percent-encoding
   */
  public Map<String, List<String>> query() {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return query;
  }
}
