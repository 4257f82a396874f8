package com.serviceform.sdk.internal;

import com.serviceform.sdk.retry.Ticker;
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

  private static final DeadlineWatchdog SHARED =
      new DeadlineWatchdog(Ticker.system(), TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS), false);
  private static final AtomicInteger THREADS = new AtomicInteger();
  /** What {@link #scan()} returns when nothing is in flight. */
  static final long IDLE = Long.MIN_VALUE;

  private final Ticker ticker;
  private final long sweepNanos;
  /** Scanned only by {@link #scan()} calls of a test: no thread. */
  private final boolean manual;

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

  private DeadlineWatchdog(Ticker ticker, long sweepNanos, boolean manual) {
    this.ticker = ticker;
    this.sweepNanos = sweepNanos;
    this.manual = manual;
  }

  /**
   * A watchdog of its own on {@code ticker}, for a client on fake time: its thread looks at the
   * ticker at least every {@value #SWEEP_MILLIS} ms of real time.
   */
  DeadlineWatchdog(Ticker ticker) {
    this(ticker, TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS), false);
  }

  /** With another sweep interval; tests use a long one to show that deadlines, not sweeps, wake the thread. */
  static DeadlineWatchdog withSweep(long sweepNanos) {
    return new DeadlineWatchdog(Ticker.system(), sweepNanos, false);
  }

  /** A watchdog without a thread, on fake time: a test calls {@link #scan()} itself. */
  static DeadlineWatchdog manual(Ticker ticker) {
    return new DeadlineWatchdog(ticker, TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS), true);
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

  /** Watches {@code attempt} until {@code deadlineNanos} (on this watchdog's ticker). */
  Watch watch(long deadlineNanos, AttemptOptions attempt) {
    Watch watch = new Watch(deadlineNanos, attempt);
    inFlight.add(watch);
    if (manual) {
      return watch;
    }
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

  /**
   * One pass over the attempts in flight at the ticker's current reading: aborts those past their
   * deadline, drops released ones. Returns when the next pass is due (the earliest deadline, or a
   * sweep from now), or {@link #IDLE} when nothing is in flight.
   */
  long scan() {
    long now = ticker.read();
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
    return watching ? wakeAt : IDLE;
  }

  private void run() {
    Thread self = Thread.currentThread();
    long idleSince = 0;
    boolean idle = false;
    while (!closed) {
      mustWake = true;
      long wakeAt = scan();
      long now = ticker.read();
      if (wakeAt == IDLE) {
        if (!idle) {
          idle = true;
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
      idle = false;
      wakeAtNanos = wakeAt;
      mustWake = false;
      // At most a sweep of real time: on a ticker of fake time the distance means nothing.
      LockSupport.parkNanos(this, Math.min(wakeAt - now, sweepNanos));
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

  /** Stops a watchdog of its own (a client's on fake time, or a test's); the shared one ends by itself. */
  @Override
  public void close() {
    closed = true;
    Thread current = thread.get();
    if (current != null) {
      LockSupport.unpark(current);
    }
  }
}
