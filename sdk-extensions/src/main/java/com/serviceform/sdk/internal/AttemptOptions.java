package com.serviceform.sdk.internal;

import feign.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of one attempt: Feign's timeouts (the read timeout already shortened to what is left
 * of the call's deadline), the attempt's number, and a signal the deadline watchdog fires to abort
 * the exchange. Built-in transports register how to abort on it; other transports ignore it and
 * are bounded by their timeouts only.
 */
public final class AttemptOptions extends Request.Options {
  private final int attempt;
  private final List<Runnable> abortActions = new ArrayList<>(2);
  private boolean aborted;

  AttemptOptions(Duration connectTimeout, Duration readTimeout, int attempt) {
    super(connectTimeout, readTimeout, false);
    this.attempt = attempt;
  }

  /** The options' signal, or null for options that are not an attempt's. */
  public static AttemptOptions of(Request.Options options) {
    return options instanceof AttemptOptions ? (AttemptOptions) options : null;
  }

  /** 1 for the first attempt of a call. */
  public int attempt() {
    return attempt;
  }

  /** Runs {@code action} when the attempt is aborted, or now if it already was. */
  public void onAbort(Runnable action) {
    synchronized (abortActions) {
      if (!aborted) {
        abortActions.add(action);
        return;
      }
    }
    action.run();
  }

  /** Whether the deadline aborted this attempt. */
  public boolean aborted() {
    synchronized (abortActions) {
      return aborted;
    }
  }

  void abort() {
    List<Runnable> actions;
    synchronized (abortActions) {
      if (aborted) {
        return;
      }
      aborted = true;
      actions = new ArrayList<>(abortActions);
      abortActions.clear();
    }
    for (Runnable action : actions) {
      try {
        action.run();
      } catch (RuntimeException ignored) {
        // Aborting is best effort: the attempt fails either way.
      }
    }
  }
}
