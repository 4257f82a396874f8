package com.serviceform.sdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.retry.Ticker;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The call-timeout watchdog's contract with an attempt: aborted once when its deadline passes, never
 * once its caller released it. Decided on fake time with a watchdog that has no thread (the test
 * scans it), so every outcome is exact; one test runs the real thread on real time. The wire
 * behaviour of an abort (a dribbling server cut off on each transport) is in sdk-tests.
 */
class DeadlineWatchdogTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final Ticker ticker = now::get;
  private final DeadlineWatchdog watchdog = DeadlineWatchdog.manual(ticker);

  private static AttemptOptions attempt() {
    return new AttemptOptions(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 1);
  }

  private void advance(long millis) {
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  @Test
  void anAttemptIsAbortedAtItsDeadlineNotBeforeWithEveryActionOnce() {
    AttemptOptions attempt = attempt();
    AtomicInteger first = new AtomicInteger();
    AtomicInteger second = new AtomicInteger();
    attempt.onAbort(first::incrementAndGet);
    attempt.onAbort(second::incrementAndGet);
    watchdog.watch(now.get() + TimeUnit.MILLISECONDS.toNanos(20), attempt);

    advance(19);
    assertEquals(now.get() + TimeUnit.MILLISECONDS.toNanos(1), watchdog.scan(), "next pass due at the deadline");
    assertFalse(attempt.aborted(), "1 ms before the deadline");

    advance(1);
    assertEquals(DeadlineWatchdog.IDLE, watchdog.scan(), "nothing left in flight");
    assertTrue(attempt.aborted(), "at the deadline");
    assertEquals(1, first.get());
    assertEquals(1, second.get());

    attempt.abort();
    watchdog.scan();
    assertEquals(1, first.get(), "a second abort runs nothing again");
  }

  @Test
  void aReleasedAttemptIsNeverAborted() {
    AttemptOptions released = attempt();
    AtomicInteger aborts = new AtomicInteger();
    released.onAbort(aborts::incrementAndGet);
    DeadlineWatchdog.Watch watch = watchdog.watch(now.get() + TimeUnit.MILLISECONDS.toNanos(200), released);
    watchdog.release(watch);

    advance(1_000);
    assertEquals(DeadlineWatchdog.IDLE, watchdog.scan(), "the released attempt was dropped");
    assertFalse(released.aborted());
    assertEquals(0, aborts.get());
  }

  @Test
  void theNextPassIsTheEarliestDeadlineOrASweep() {
    long sweep = TimeUnit.MILLISECONDS.toNanos(DeadlineWatchdog.SWEEP_MILLIS);
    watchdog.watch(now.get() + TimeUnit.MINUTES.toNanos(30), attempt());
    assertEquals(now.get() + sweep, watchdog.scan(), "a far deadline: a sweep from now");
    watchdog.watch(now.get() + TimeUnit.MILLISECONDS.toNanos(7), attempt());
    assertEquals(now.get() + TimeUnit.MILLISECONDS.toNanos(7), watchdog.scan(), "the sooner deadline");
  }

  @Test
  void anActionRegisteredAfterTheAbortRunsAtOnce() {
    AttemptOptions attempt = attempt();
    attempt.abort();
    AtomicInteger runs = new AtomicInteger();
    attempt.onAbort(runs::incrementAndGet);
    assertEquals(1, runs.get());
  }

  @Test
  void aFailingActionDoesNotStopTheOthers() {
    AttemptOptions attempt = attempt();
    AtomicInteger runs = new AtomicInteger();
    attempt.onAbort(runs::incrementAndGet);
    attempt.onAbort(() -> {
      throw new IllegalStateException("boom");
    });
    attempt.onAbort(runs::incrementAndGet);
    attempt.abort();
    assertEquals(2, runs.get());
  }

  /** The one test on real time and the real thread: generous margins, as real time needs. */
  @Test
  void theThreadEnforcesASoonerDeadlineWithoutWaitingForASweepAndEndsWhenIdle() throws InterruptedException {
    // Sweeps an hour apart: only the new, sooner deadline can wake the thread in time.
    try (DeadlineWatchdog hourly = DeadlineWatchdog.withSweep(TimeUnit.HOURS.toNanos(1))) {
      AttemptOptions far = attempt();
      hourly.watch(System.nanoTime() + TimeUnit.MINUTES.toNanos(30), far);
      AttemptOptions soon = attempt();
      CountDownLatch aborted = new CountDownLatch(1);
      soon.onAbort(aborted::countDown);
      hourly.watch(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20), soon);

      assertTrue(aborted.await(5, TimeUnit.SECONDS), "the sooner deadline was enforced without a sweep");
      assertFalse(far.aborted());
    }
  }
}
