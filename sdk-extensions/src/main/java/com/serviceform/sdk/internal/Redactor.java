package com.serviceform.sdk.internal;

import com.serviceform.sdk.auth.ApiKeyInterceptor;
import java.util.Objects;

/**
 * Keeps the API key out of anything the SDK prints: header values of {@code sf-api-key}, and any
 * place the key shows up in text the server sent back (an error body that echoes the request).
 */
public final class Redactor {
  public static final String REDACTED = "<redacted>";

  private final String secret;

  public Redactor(String secret) {
    this.secret = Objects.requireNonNull(secret, "secret == null");
  }

  /** The value to print for a header. */
  public String headerValue(String name, String value) {
    return ApiKeyInterceptor.HEADER.equalsIgnoreCase(name) ? REDACTED : redact(value);
  }

  /** {@code text} with every occurrence of the key replaced. */
  public String redact(String text) {
    if (text == null || text.indexOf(secret) < 0) {
      return text;
    }
    return text.replace(secret, REDACTED);
  }

  @Override
  public String toString() {
    return "Redactor{" + REDACTED + "}";
  }
}
