package com.serviceform.sdk.events;

import java.util.Objects;
import java.util.Optional;

/**
 * A call of one operation, as it starts. The same instance is {@code call()} of every later event of
 * the call, so listeners can tell calls apart by identity.
 */
public final class CallStart {
  private final String operationId;
  private final String method;
  private final String urlTemplate;
  private final String url;
  private final String serverAddress;
  private final int serverPort;
  private final boolean retrySafe;
  private final boolean streaming;
  private final String requestBody;

  /**
   * @param urlTemplate the path with its parameters as placeholders, base URL prefix included
   *     ({@code /flex/spaces/{spaceId}/items/{itemId}})
   * @param url the full request URL, redacted
   * @param requestBody the request body as text, redacted; null unless bodies were asked for
   */
  public CallStart(String operationId, String method, String urlTemplate, String url, String serverAddress,
      int serverPort, boolean retrySafe, boolean streaming, String requestBody) {
    this.operationId = Objects.requireNonNull(operationId, "operationId == null");
    this.method = Objects.requireNonNull(method, "method == null");
    this.urlTemplate = Objects.requireNonNull(urlTemplate, "urlTemplate == null");
    this.url = Objects.requireNonNull(url, "url == null");
    this.serverAddress = Objects.requireNonNull(serverAddress, "serverAddress == null");
    this.serverPort = serverPort;
    this.retrySafe = retrySafe;
    this.streaming = streaming;
    this.requestBody = requestBody;
  }

  /** The spec's operationId, for example {@code getItem}. */
  public String operationId() {
    return operationId;
  }

  /** The HTTP method, for example {@code GET}. */
  public String method() {
    return method;
  }

  /**
   * The path with its parameters as placeholders, any path prefix of the base URL included: {@code
   * /flex/spaces/{spaceId}/items/{itemId}}. Low-cardinality, unlike {@link #url()}.
   */
  public String urlTemplate() {
    return urlTemplate;
  }

  /** The full request URL, ids and query included (redacted like the SDK's logs). */
  public String url() {
    return url;
  }

  /** The host of the base URL. */
  public String serverAddress() {
    return serverAddress;
  }

  /** The port of the base URL, explicit or the scheme's default. */
  public int serverPort() {
    return serverPort;
  }

  /** Whether the spec says the operation may be re-sent after an unknown outcome. */
  public boolean retrySafe() {
    return retrySafe;
  }

  /** Whether the answer is streamed to the caller (then the call ends at the response headers). */
  public boolean streaming() {
    return streaming;
  }

  /** The request body as text (redacted), only when bodies were asked for on the builder. */
  public Optional<String> requestBody() {
    return Optional.ofNullable(requestBody);
  }

  @Override
  public String toString() {
    return "CallStart{" + operationId + " " + method + " " + urlTemplate + (streaming ? ", streaming" : "") + "}";
  }
}
