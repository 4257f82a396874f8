package com.serviceform.sdk.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads a {@code Retry-After} header: delay-seconds or an HTTP-date (RFC 9110, section 10.2.3). */
final class RetryAfter {
  private RetryAfter() {}

  /**
   * What a delay too large for a {@code long} of seconds reads as: longer than any cap, so the call
   * fails at once, as it does for any value beyond {@code maxRetryAfter}.
   */
  static final Duration BEYOND_ANY_CAP = Duration.ofSeconds(Long.MAX_VALUE);

  /**
   * The wait the header asks for, or null when it is absent or unreadable. A date in the past is
   * a zero wait; a number of seconds too large to hold is {@link #BEYOND_ANY_CAP}.
   */
  public static Duration parse(String value, Clock clock) {
    if (value == null) {
      return null;
    }
    String text = value.trim();
    if (text.isEmpty()) {
      return null;
    }
    if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        return Duration.ofSeconds(Long.parseLong(text));
      } catch (NumberFormatException | ArithmeticException tooLarge) {
        // All digits, just too many: the server asks for longer than anything.
        return BEYOND_ANY_CAP;
      }
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration wait = Duration.between(clock.instant(), at.toInstant());
      return wait.isNegative() ? Duration.ZERO : wait;
    } catch (DateTimeParseException garbage) {
      return null;
    }
  }
}
