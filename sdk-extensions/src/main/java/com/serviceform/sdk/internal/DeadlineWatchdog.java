package com.serviceform.sdk.internal;

import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.locks.LockSupport;

/**
 * Aborts attempts whose call deadline has passed. One daemon thread per client looks at the
 * attempts in flight every {@value #TICK_MILLIS} ms, so an abort comes at most that late. A caller
 * registers an attempt with one append to a lock-free queue and releases it with one CAS on the
 * attempt's own state; the thread drops released attempts as it scans, so callers share no lock
 * and no counter (docs/performance.md, fix 10). The thread parks while nothing is in flight.
 */
final class DeadlineWatchdog implements AutoCloseable {
  static final long TICK_MILLIS = 5;

  /** An attempt in flight and the moment it must end; released by its caller or aborted here, once. */
  static final class Watch {
    private static final int IN_FLIGHT = 0;
    private static final int RELEASED = 1;
    private static final int ABORTED = 2;
    private static final AtomicIntegerFieldUpdater<Watch> STATE =
        AtomicIntegerFieldUpdater.newUpdater(Watch.class, "state");

    final long deadlineNanos;
    final AttemptOptions attempt;
    private volatile int state = IN_FLIGHT;

    Watch(long deadlineNanos, AttemptOptions attempt) {
      this.deadlineNanos = deadlineNanos;
      this.attempt = attempt;
    }
  }

  private final Queue<Watch> inFlight = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  private volatile boolean idle;
  private volatile boolean closed;

  DeadlineWatchdog() {
    thread = new Thread(this::run, "serviceform-call-timeout");
    thread.setDaemon(true);
    thread.start();
  }

  Watch watch(long deadlineNanos, AttemptOptions attempt) {
    Watch watch = new Watch(deadlineNanos, attempt);
    inFlight.add(watch);
    if (idle) {
      LockSupport.unpark(thread);
    }
    return watch;
  }

  /** Ends the watch; an attempt already aborted stays aborted. */
  void release(Watch watch) {
    Watch.STATE.compareAndSet(watch, Watch.IN_FLIGHT, Watch.RELEASED);
  }

  private void run() {
    while (!closed) {
      if (inFlight.isEmpty()) {
        idle = true;
        // Re-check after announcing idleness: a watch added meanwhile has unparked us or is seen here.
        if (inFlight.isEmpty()) {
          LockSupport.park(this);
        }
        idle = false;
        continue;
      }
      long now = System.nanoTime();
      for (Iterator<Watch> it = inFlight.iterator(); it.hasNext(); ) {
        Watch watch = it.next();
        if (watch.state != Watch.IN_FLIGHT) {
          it.remove();
        } else if (now - watch.deadlineNanos >= 0) {
          it.remove();
          // The CAS decides a race with a caller finishing at the deadline: one of the two wins.
          if (Watch.STATE.compareAndSet(watch, Watch.IN_FLIGHT, Watch.ABORTED)) {
            watch.attempt.abort();
          }
        }
      }
      LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
    }
  }

  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
  }
}
