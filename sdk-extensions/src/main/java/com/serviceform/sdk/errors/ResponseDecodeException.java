package com.serviceform.sdk.errors;

/**
 * A success status arrived but its body is not the JSON the spec documents: HTML, truncated JSON,
 * values of the wrong type, or nothing where a list was due. Carries the status and the first
 * {@value #MAX_SNIPPET_CHARS} characters of the body.
 */
public class ResponseDecodeException extends ServiceformException {
  private static final long serialVersionUID = 1L;

  /** The most characters of the body kept in {@link #bodySnippet()}. */
  public static final int MAX_SNIPPET_CHARS = 512;

  private final int statusCode;
  private final String bodySnippet;

  public ResponseDecodeException(int statusCode, String bodySnippet, String message, Throwable cause) {
    this(statusCode, bodySnippet, message, cause, null);
  }

  /** @param requestId the id the server gave the response, or null */
  public ResponseDecodeException(int statusCode, String bodySnippet, String message, Throwable cause,
      String requestId) {
    super(message, cause, 1, requestId);
    this.statusCode = statusCode;
    String snippet = bodySnippet == null ? "" : bodySnippet;
    this.bodySnippet = snippet.length() <= MAX_SNIPPET_CHARS ? snippet : snippet.substring(0, MAX_SNIPPET_CHARS);
  }

  /** The HTTP status of the response whose body could not be decoded. */
  public int statusCode() {
    return statusCode;
  }

  /** The start of the body, at most {@value #MAX_SNIPPET_CHARS} characters. */
  public String bodySnippet() {
    return bodySnippet;
  }
}
