package com.serviceform.sdk.internal;

import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Aborts attempts whose call deadline has passed. One daemon thread, shared by every client of the
 * JVM, sleeps until the earliest deadline in flight, or at most {@value #SWEEP_MILLIS} ms, when it
 * drops the attempts their callers have released. It is started by the first deadline and ends
 * once nothing is in flight and either no client is open or it has been idle for {@value
 * #LINGER_MILLIS} ms; so an idle client costs no thread, and closing the last client leaves none.
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
  /** How long an idle thread waits for new work while clients are open before it ends. */
  static final long LINGER_MILLIS = 1000;

  private static final DeadlineWatchdog SHARED = new DeadlineWatchdog(TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS));
  private static final AtomicInteger THREADS = new AtomicInteger();

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
  /** The running thread, or null: set by whoever starts one, cleared by the thread as it ends. */
  private final AtomicReference<Thread> thread = new AtomicReference<>();
  private final AtomicInteger openClients = new AtomicInteger();
  /**
   * True while the thread scans the queue or sleeps with nothing in flight: a new watch must wake
   * it, since the scan may miss the watch and an idle sleep is not bounded by any deadline.
   */
  private volatile boolean mustWake = true;
  /** When the thread's current sleep ends ({@link System#nanoTime()}); read only when mustWake is false. */
  private volatile long wakeAtNanos;
  private volatile boolean closed;

  /** With another sweep interval; tests use a long one to show that deadlines, not sweeps, wake the thread. */
  DeadlineWatchdog(long sweepNanos) {
    this.sweepNanos = sweepNanos;
  }

  /** A watchdog of its own, for tests; the clients share {@link #shared()}. */
  DeadlineWatchdog() {
    this(TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS));
  }

  /** The watchdog every client uses. */
  static DeadlineWatchdog shared() {
    return SHARED;
  }

  /** A client was built: the thread may linger between its calls. */
  void clientOpened() {
    openClients.incrementAndGet();
  }

  /** A client was closed: with none left open, an idle thread ends now. */
  void clientClosed() {
    if (openClients.decrementAndGet() <= 0) {
      Thread current = thread.get();
      if (current != null) {
        LockSupport.unpark(current);
      }
    }
  }

  Watch watch(long deadlineNanos, AttemptOptions attempt) {
    Watch watch = new Watch(deadlineNanos, attempt);
    inFlight.add(watch);
    Thread current = thread.get();
    if (current == null) {
      start();
    } else if (mustWake || deadlineNanos - wakeAtNanos < 0) {
      LockSupport.unpark(current);
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

  private void start() {
    Thread next = new Thread(this::run, "serviceform-call-timeout-" + THREADS.incrementAndGet());
    next.setDaemon(true);
    if (thread.compareAndSet(null, next)) {
      next.start();
    }
  }

  /** Whether the thread is running; for tests. */
  boolean running() {
    Thread current = thread.get();
    return current != null && current.isAlive();
  }

  private void run() {
    Thread self = Thread.currentThread();
    long idleSince = 0;
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
        if (idleSince == 0) {
          idleSince = now;
        }
        if (openClients.get() <= 0 || now - idleSince >= TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS)) {
          if (retire(self)) {
            return;
          }
          continue;
        }
        // mustWake stays true, so the next watch unparks this sleep (or has already: then park
        // returns at once and the loop scans again).
        LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS));
        continue;
      }
      idleSince = 0;
      wakeAtNanos = wakeAt;
      mustWake = false;
      LockSupport.parkNanos(this, wakeAt - System.nanoTime());
    }
    thread.compareAndSet(self, null);
  }

  /**
   * Ends the thread unless a watch arrived meanwhile. The thread clears itself first, then looks
   * again: a caller that added a watch either sees no thread (and starts one) or is seen here.
   */
  private boolean retire(Thread self) {
    thread.compareAndSet(self, null);
    for (Watch watch : inFlight) {
      if (watch.state == Watch.IN_FLIGHT) {
        // Work arrived: carry on, unless the caller already started a thread of its own.
        return !thread.compareAndSet(null, self);
      }
    }
    return true;
  }

  /** Stops a watchdog of its own (tests); the shared one ends by itself. */
  @Override
  public void close() {
    closed = true;
    Thread current = thread.get();
    if (current != null) {
      LockSupport.unpark(current);
    }
  }
}
