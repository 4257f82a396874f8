package com.serviceform.sdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Retry-After as delay-seconds or an HTTP-date (RFC 9110, 10.2.3), and what is not one. */
class RetryAfterTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void secondsAndDates() {
    assertEquals(Duration.ofSeconds(12), RetryAfter.parse("12", clock));
    assertEquals(Duration.ofSeconds(12), RetryAfter.parse(" 12 ", clock));
    assertEquals(Duration.ZERO, RetryAfter.parse("0", clock));
    assertEquals(Duration.ofSeconds(90), RetryAfter.parse("Wed, 25 Nov 2026 12:01:30 GMT", clock));
    assertEquals(Duration.ZERO, RetryAfter.parse("Wed, 25 Nov 2026 11:00:00 GMT", clock), "a past date is no wait");
  }

  @Test
  void numbersTooLargeToHoldAreBeyondAnyCapNotGarbage() {
    assertEquals(RetryAfter.BEYOND_ANY_CAP, RetryAfter.parse("99999999999999999999", clock));
    assertEquals(Duration.ofSeconds(99_999_999_999L), RetryAfter.parse("99999999999", clock));
  }

  @Test
  void anythingElseIsUnreadable() {
    assertNull(RetryAfter.parse(null, clock));
    assertNull(RetryAfter.parse("", clock));
    assertNull(RetryAfter.parse("soon-ish", clock));
    assertNull(RetryAfter.parse("-5", clock));
    assertNull(RetryAfter.parse("1.5", clock));
    assertNull(RetryAfter.parse("Someday, 32 Nov 2026 12:00:00 GMT", clock));
  }
}
