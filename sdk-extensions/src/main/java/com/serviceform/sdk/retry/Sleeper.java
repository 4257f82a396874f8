package com.serviceform.sdk.retry;

import java.time.Duration;

/**
 * Waits between attempts. The default is {@link Thread#sleep}; tests pass one that records the
 * waits (and advances a fake clock) instead of sleeping.
 *
 * <p>With the default, {@code ServiceformClient.close()} cuts a wait short; a sleeper of your own is
 * called as it is.
 */
@FunctionalInterface
public interface Sleeper {
  /** Waits {@code duration}, or less if interrupted. */
  void sleep(Duration duration) throws InterruptedException;

  /** {@link Thread#sleep}; always the same instance. */
  static Sleeper system() {
    return Sleepers.SYSTEM;
  }
}

/** Holds the one system sleeper. */
final class Sleepers {
  static final Sleeper SYSTEM =
      duration -> Thread.sleep(duration.toMillis(), (int) (duration.toNanosPart() % 1_000_000));

  private Sleepers() {}
}
