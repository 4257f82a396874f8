package com.serviceform.sdk.retry;

/**
 * A monotonic clock in nanoseconds: what call deadlines are measured with. The default is {@link
 * System#nanoTime()}; tests pass one they move themselves, together with a {@link Sleeper} that
 * advances it, so that deadlines are decided in exact, fake time.
 *
 * <p>Only differences between readings mean anything, as with {@link System#nanoTime()}.
 */
@FunctionalInterface
public interface Ticker {
  /** The current reading, in nanoseconds. */
  long read();

  /** {@link System#nanoTime()}; always the same instance. */
  static Ticker system() {
    return Tickers.SYSTEM;
  }
}

/** Holds the one system ticker. */
final class Tickers {
  static final Ticker SYSTEM = System::nanoTime;

  private Tickers() {}
}
