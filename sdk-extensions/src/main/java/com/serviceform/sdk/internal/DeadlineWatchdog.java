package com.serviceform.sdk.internal;

import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.locks.LockSupport;

/**
 * Aborts attempts whose call deadline has passed. One daemon thread per client sleeps until the
 * earliest deadline in flight, or at most {@value #SWEEP_MILLIS} ms, when it drops the attempts
 * their callers have released; it sleeps without a timeout while nothing is in flight.
 *
 * <p>A caller registers an attempt with one append to a lock-free queue and releases it with one
 * CAS on the attempt's own state, so callers share no lock and no counter (docs/performance.md,
 * fixes 10 and 12). A caller wakes the thread only when its deadline comes before the thread's
 * planned wake-up, or while the thread is scanning or idle; with one client-wide call timeout that
 * is rare, so a busy client costs the thread {@code 1000 / SWEEP_MILLIS} wake-ups a second, not one
 * per call or per tick.
 */
final class DeadlineWatchdog implements AutoCloseable {
  /** The longest sleep while attempts are in flight: how long released attempts wait to be dropped. */
  static final long SWEEP_MILLIS = 50;

  private final long sweepNanos;

  /** An attempt in flight and the moment it must end; released by its caller or aborted here, once. */
  static final class Watch {
    private static final int IN_FLIGHT = 0;
    private static final int RELEASED = 1;
    private static final int ABORTED = 2;
    private static final AtomicIntegerFieldUpdater<Watch> STATE =
        AtomicIntegerFieldUpdater.newUpdater(Watch.class, "state");

    final long deadlineNanos;
    /** Cleared on release, so a released watch waiting for the sweep keeps no response alive. */
    private AttemptOptions attempt;
    private volatile int state = IN_FLIGHT;

    Watch(long deadlineNanos, AttemptOptions attempt) {
      this.deadlineNanos = deadlineNanos;
      this.attempt = attempt;
    }
  }

  private final Queue<Watch> inFlight = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  /**
   * True while the thread scans the queue or sleeps with nothing in flight: a new watch must wake
   * it, since the scan may miss the watch and an idle sleep has no end.
   */
  private volatile boolean mustWake = true;
  /** When the thread's current sleep ends ({@link System#nanoTime()}); read only when mustWake is false. */
  private volatile long wakeAtNanos;
  private volatile boolean closed;

  DeadlineWatchdog() {
    this(TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS));
  }

  /** With another sweep interval; tests use a long one to show that deadlines, not sweeps, wake the thread. */
  DeadlineWatchdog(long sweepNanos) {
    this.sweepNanos = sweepNanos;
    thread = new Thread(this::run, "serviceform-call-timeout");
    thread.setDaemon(true);
    thread.start();
  }

  Watch watch(long deadlineNanos, AttemptOptions attempt) {
    Watch watch = new Watch(deadlineNanos, attempt);
    inFlight.add(watch);
    if (mustWake || deadlineNanos - wakeAtNanos < 0) {
      LockSupport.unpark(thread);
    }
    return watch;
  }

  /** Ends the watch; an attempt already aborted stays aborted. */
  void release(Watch watch) {
    if (Watch.STATE.compareAndSet(watch, Watch.IN_FLIGHT, Watch.RELEASED)) {
      // Only the CAS winner touches the attempt, so this plain write races with nothing.
      watch.attempt = null;
    }
  }

  private void run() {
    while (!closed) {
      mustWake = true;
      long now = System.nanoTime();
      long wakeAt = now + sweepNanos;
      boolean watching = false;
      for (Iterator<Watch> it = inFlight.iterator(); it.hasNext(); ) {
        Watch watch = it.next();
        if (watch.state != Watch.IN_FLIGHT) {
          it.remove();
        } else if (now - watch.deadlineNanos >= 0) {
          it.remove();
          // The CAS decides a race with a caller finishing at the deadline: one of the two wins.
          if (Watch.STATE.compareAndSet(watch, Watch.IN_FLIGHT, Watch.ABORTED)) {
            AttemptOptions attempt = watch.attempt;
            watch.attempt = null;
            attempt.abort();
          }
        } else {
          watching = true;
          if (watch.deadlineNanos - wakeAt < 0) {
            wakeAt = watch.deadlineNanos;
          }
        }
      }
      if (!watching) {
        // mustWake stays true, so the next watch unparks this sleep (or has already: then park
        // returns at once and the loop scans again).
        LockSupport.park(this);
        continue;
      }
      wakeAtNanos = wakeAt;
      mustWake = false;
      LockSupport.parkNanos(this, wakeAt - System.nanoTime());
    }
  }

  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
  }
}
