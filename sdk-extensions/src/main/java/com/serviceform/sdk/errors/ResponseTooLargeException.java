package com.serviceform.sdk.errors;

/**
 * A success response was larger than the client's {@code maxResponseBytes}: the call ended as soon
 * as the body passed the cap (or declared a length beyond it), and the connection was discarded
 * rather than read to its end. Not retried.
 *
 * <p>Lists of any size can be read without a cap through the streaming methods ({@code
 * streamItems}, {@code streamLeads}, {@code streamChats}, {@code chatHistory}), which decode one
 * element at a time; or raise the cap with {@code ServiceformClient.Builder#maxResponseBytes}.
 */
public class ResponseTooLargeException extends ServiceformException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final long maxResponseBytes;

  public ResponseTooLargeException(int statusCode, String method, String requestUrl, long maxResponseBytes,
      int attempts) {
    this(statusCode, method, requestUrl, maxResponseBytes, attempts, null);
  }

  /** @param requestId the id the server gave the response, or null */
  public ResponseTooLargeException(int statusCode, String method, String requestUrl, long maxResponseBytes,
      int attempts, String requestId) {
    super(method + " " + requestUrl + " answered HTTP " + statusCode + " with a body larger than maxResponseBytes ("
        + maxResponseBytes + " bytes); use the streaming methods (streamItems, streamLeads, streamChats, "
        + "chatHistory) for large lists, or raise ServiceformClient.Builder.maxResponseBytes", null, attempts, requestId);
    this.statusCode = statusCode;
    this.maxResponseBytes = maxResponseBytes;
  }

  /** The status of the response whose body was too large. */
  public int statusCode() {
    return statusCode;
  }

  /** The cap the body passed. */
  public long maxResponseBytes() {
    return maxResponseBytes;
  }
}
