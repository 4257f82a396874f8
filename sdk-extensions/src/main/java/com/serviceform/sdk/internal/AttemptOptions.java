package com.serviceform.sdk.internal;

import feign.Request;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The options of one attempt: Feign's timeouts (the read timeout already shortened to what is left
 * of the call's deadline), how long to wait for a pooled connection, the attempt's number, and a
 * signal the deadline watchdog fires to abort
 * the exchange. Built-in transports register how to abort on it; other transports ignore it and
 * are bounded by their timeouts only.
 */
final class AttemptOptions extends Request.Options {
  /** What to run on abort, newest first; {@link #ABORTED} once the attempt was aborted. */
  private static final class Action {
    final Runnable run;
    final Action next;

    Action(Runnable run, Action next) {
      this.run = run;
      this.next = next;
    }
  }

  private static final Action NONE = new Action(() -> { }, null);
  private static final Action ABORTED = new Action(() -> { }, null);

  private final int attempt;
  private final long acquireTimeoutMillis;
  // A CAS on one field rather than a lock: every call registers its abort action, and under many
  // callers a monitor per attempt showed in the profile (docs/performance.md).
  private final AtomicReference<Action> actions = new AtomicReference<>(NONE);
  /**
   * What the transport saw of the attempt, for event listeners; null (and nothing recorded) for a
   * client without listeners. One reference rather than the fields themselves: it fits in the
   * object's alignment padding, so a client without listeners allocates nothing more per attempt.
   */
  private Seen seen;

  /** What an attempt saw: plain fields, written by the transport and the exchange and read after it, all on the calling thread. */
  static final class Seen {
    /** The wait for a pooled connection, or -1 when the transport does not report it. */
    long poolWaitNanos = -1;
    boolean poolTimedOut;
  }

  AttemptOptions(Duration connectTimeout, Duration readTimeout, Duration acquireTimeout, int attempt) {
    super(connectTimeout, readTimeout, false);
    this.attempt = attempt;
    this.acquireTimeoutMillis = acquireTimeout.toMillis();
  }

  /** The options' signal, or null for options that are not an attempt's. */
  public static AttemptOptions of(Request.Options options) {
    return options instanceof AttemptOptions ? (AttemptOptions) options : null;
  }

  /** 1 for the first attempt of a call. */
  public int attempt() {
    return attempt;
  }

  /** How long to wait for a pooled connection (already shortened to what is left of the call). */
  public long acquireTimeoutMillis() {
    return acquireTimeoutMillis;
  }

  /** Starts recording what the attempt sees (for listeners), and returns the record. */
  Seen observe() {
    Seen record = new Seen();
    seen = record;
    return record;
  }

  /** Adds a wait for a pooled connection to the attempt's, and whether it got none; when observed. */
  void poolWaited(long nanos, boolean timedOut) {
    Seen record = seen;
    if (record != null) {
      record.poolWaitNanos = Math.max(record.poolWaitNanos, 0) + nanos;
      record.poolTimedOut |= timedOut;
    }
  }

  /** Runs {@code action} when the attempt is aborted, or now if it already was. */
  public void onAbort(Runnable action) {
    for (Action head = actions.get(); head != ABORTED; head = actions.get()) {
      if (actions.compareAndSet(head, new Action(action, head))) {
        return;
      }
    }
    action.run();
  }

  /** Whether the deadline aborted this attempt. */
  public boolean aborted() {
    return actions.get() == ABORTED;
  }

  void abort() {
    Action registered = actions.getAndSet(ABORTED);
    for (Action action = registered; action != ABORTED && action != NONE; action = action.next) {
      try {
        action.run.run();
      } catch (RuntimeException ignored) {
        // Aborting is best effort: the attempt fails either way.
      }
    }
  }
}
