package com.serviceform.sdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The call-timeout watchdog's contract with an attempt: aborted once when its deadline passes,
 * never once its caller released it. The wire behaviour of an abort (a dribbling server cut off
 * on each transport) is in ResilienceTest.
 */
class DeadlineWatchdogTest {
  private final DeadlineWatchdog watchdog = new DeadlineWatchdog();

  @AfterEach
  void close() {
    watchdog.close();
  }

  private static AttemptOptions attempt() {
    return new AttemptOptions(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 1);
  }

  @Test
  void anAttemptPastItsDeadlineIsAbortedOnceWithEveryAction() throws InterruptedException {
    AttemptOptions attempt = attempt();
    CountDownLatch aborted = new CountDownLatch(2);
    AtomicInteger runs = new AtomicInteger();
    attempt.onAbort(() -> {
      runs.incrementAndGet();
      aborted.countDown();
    });
    attempt.onAbort(aborted::countDown);
    watchdog.watch(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20), attempt);

    assertTrue(aborted.await(5, TimeUnit.SECONDS), "both abort actions ran");
    assertTrue(attempt.aborted());
    attempt.abort();
    assertEquals(1, runs.get(), "a second abort runs nothing again");
  }

  @Test
  void aReleasedAttemptIsNeverAborted() throws InterruptedException {
    AttemptOptions released = attempt();
    AtomicInteger releasedAborts = new AtomicInteger();
    released.onAbort(releasedAborts::incrementAndGet);
    DeadlineWatchdog.Watch watch =
        watchdog.watch(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200), released);
    watchdog.release(watch);

    // A later deadline: once this one is aborted, the watchdog has scanned past the first's.
    AttemptOptions later = attempt();
    CountDownLatch laterAborted = new CountDownLatch(1);
    later.onAbort(laterAborted::countDown);
    watchdog.watch(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400), later);

    assertTrue(laterAborted.await(5, TimeUnit.SECONDS));
    assertFalse(released.aborted());
    assertEquals(0, releasedAborts.get());
  }

  @Test
  void aDeadlineBeforeThePlannedWakeUpWakesTheWatchdog() throws InterruptedException {
    // Sweeps an hour apart: only the new, sooner deadline can wake the thread in time.
    try (DeadlineWatchdog hourly = new DeadlineWatchdog(TimeUnit.HOURS.toNanos(1))) {
      AttemptOptions far = attempt();
      hourly.watch(System.nanoTime() + TimeUnit.MINUTES.toNanos(30), far);
      // Let the thread scan the far deadline and go to sleep until it.
      Thread.sleep(50);
      AttemptOptions soon = attempt();
      CountDownLatch aborted = new CountDownLatch(1);
      soon.onAbort(aborted::countDown);
      hourly.watch(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20), soon);

      assertTrue(aborted.await(5, TimeUnit.SECONDS), "the sooner deadline was enforced without waiting for a sweep");
      assertFalse(far.aborted());
    }
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
    attempt.onAbort(() -> { throw new IllegalStateException("boom"); });
    attempt.onAbort(runs::incrementAndGet);
    attempt.abort();
    assertEquals(2, runs.get());
  }
}
