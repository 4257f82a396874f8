package com.serviceform.sdk.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Aborts attempts whose call deadline has passed. One daemon thread per client looks at the
 * attempts in flight every {@value #TICK_MILLIS} ms, so an abort comes at most that late;
 * registering and unregistering an attempt touch only a concurrent set (no lock shared by all
 * callers, unlike a scheduled executor's queue). The thread parks while nothing is in flight.
 */
final class DeadlineWatchdog implements AutoCloseable {
  static final long TICK_MILLIS = 5;

  /** An attempt in flight and the moment it must end. */
  static final class Watch {
    final long deadlineNanos;
    final AttemptOptions attempt;

    Watch(long deadlineNanos, AttemptOptions attempt) {
      this.deadlineNanos = deadlineNanos;
      this.attempt = attempt;
    }
  }

  private final Set<Watch> inFlight = ConcurrentHashMap.newKeySet();
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

  void release(Watch watch) {
    inFlight.remove(watch);
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
      for (Watch watch : inFlight) {
        if (now - watch.deadlineNanos >= 0) {
          inFlight.remove(watch);
          watch.attempt.abort();
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
