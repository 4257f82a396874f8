package com.serviceform.sdk.retry;

import java.time.Duration;

/**
 * Waits between attempts. The default is {@link Thread#sleep}; tests pass one that records the
 * waits (and advances a fake clock) instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {
  /** Waits {@code duration}, or less if interrupted. */
  void sleep(Duration duration) throws InterruptedException;

  /** {@link Thread#sleep}. */
  static Sleeper system() {
    return duration -> Thread.sleep(duration.toMillis(), (int) (duration.toNanosPart() % 1_000_000));
  }
}
