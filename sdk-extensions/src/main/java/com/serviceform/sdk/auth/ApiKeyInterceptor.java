package com.serviceform.sdk.auth;

import feign.RequestInterceptor;
import feign.RequestTemplate;

/**
 * Sends the Serviceform API key in the {@code sf-api-key} header of every request.
 *
 * <p>The key is sent literally: Feign would otherwise read {@code {...}} in a header value as a
 * template expression. Any {@code sf-api-key} already on the request is replaced, so exactly one is
 * sent. The key never appears in {@link #toString()}.
 */
public final class ApiKeyInterceptor implements RequestInterceptor {
  /** The header the Serviceform Public API reads the key from. */
  public static final String HEADER = "sf-api-key";

  private final String apiKey;

  /**
   * @param apiKey the account's Public API key
   * @throws IllegalArgumentException if the key is null, empty, blank, or holds whitespace, control
   *     or non-ASCII characters (the message never includes the key)
   */
  public ApiKeyInterceptor(String apiKey) {
    this.apiKey = validate(apiKey);
  }

  @Override
  public void apply(RequestTemplate template) {
    template.removeHeader(HEADER);
    template.headerLiteral(HEADER, apiKey);
  }

  /**
   * Checks that {@code apiKey} can be sent as a header value.
   *
   * @return the key, unchanged
   * @throws IllegalArgumentException if it cannot; the message names the problem and its position,
   *     never the key
   */
  public static String validate(String apiKey) {
    if (apiKey == null) {
      throw new IllegalArgumentException("apiKey is null: set it on the builder or in SERVICEFORM_API_KEY");
    }
    if (apiKey.isEmpty()) {
      throw new IllegalArgumentException("apiKey is empty");
    }
    if (apiKey.isBlank()) {
      throw new IllegalArgumentException("apiKey is blank");
    }
    for (int i = 0; i < apiKey.length(); i++) {
      char c = apiKey.charAt(i);
      // Printable ASCII only: anything else is either unsafe in a header (CR, LF, NUL) or
      // not transmitted the same way by every HTTP client.
      if (c <= 0x20 || c >= 0x7f) {
        throw new IllegalArgumentException(
            "apiKey has a whitespace, control or non-ASCII character at index " + i
                + " (of " + apiKey.length() + "); the key itself is not shown");
      }
    }
    return apiKey;
  }

  @Override
  public String toString() {
    return "ApiKeyInterceptor{" + HEADER + "=<redacted>}";
  }
}
