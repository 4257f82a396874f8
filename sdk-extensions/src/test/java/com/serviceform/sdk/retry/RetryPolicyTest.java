package com.serviceform.sdk.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Full-jitter exponential backoff: its ceiling doubles from the base up to the cap. */
class RetryPolicyTest {
  @Test
  void theBackoffCeilingDoublesUpToTheCap() {
    RetryPolicy policy = RetryPolicy.custom().baseDelay(Duration.ofMillis(500)).maxDelay(Duration.ofSeconds(8)).build();
    long[] ceilings = new long[8];
    for (int attempt = 1; attempt <= 8; attempt++) {
      ceilings[attempt - 1] = policy.backoffCeiling(attempt).toMillis();
    }
    assertEquals("[500, 1000, 2000, 4000, 8000, 8000, 8000, 8000]", java.util.Arrays.toString(ceilings));
  }

  @Test
  void aZeroBaseMeansNoWaitAndNoneMeansOneAttempt() {
    assertEquals(Duration.ZERO, RetryPolicy.custom().baseDelay(Duration.ZERO).build().backoffCeiling(3));
    assertEquals(1, RetryPolicy.none().maxAttempts());
    assertEquals(3, RetryPolicy.ofDefaults().maxAttempts());
  }

  @Test
  void badValuesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> RetryPolicy.custom().maxAttempts(0));
    assertThrows(IllegalArgumentException.class, () -> RetryPolicy.custom().baseDelay(Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class,
        () -> RetryPolicy.custom().baseDelay(Duration.ofSeconds(2)).maxDelay(Duration.ofSeconds(1)).build());
  }
}
