package com.serviceform.sdk.internal;

/**
 * The Serviceform API key in the {@code sf-api-key} header. Each operation's headers are compiled
 * once per client ({@link OperationCall}), so the key is put on them there, once, rather than on
 * every request; a request without the header is refused before it is sent ({@link
 * ExchangeClient}). The key never appears in {@link #toString()} or in any message.
 */
final class ApiKeyInterceptor {
  /** The header the Serviceform Public API reads the key from. */
  public static final String HEADER = "sf-api-key";

  private ApiKeyInterceptor() {}

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
}
