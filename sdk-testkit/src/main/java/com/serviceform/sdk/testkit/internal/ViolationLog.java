package com.serviceform.sdk.testkit.internal;

import com.serviceform.sdk.testkit.SpecViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The violations seen since the last reset: the first {@value #MAX_KEPT} kept, all counted. Thread-safe. */
public final class ViolationLog {
  /** The most violations kept; more are counted, not kept. */
  static final int MAX_KEPT = 1000;

  private final List<SpecViolation> kept = new ArrayList<>();
  private final Consumer<SpecViolation> listener;
  private long count;

  /** @param listener told of each violation as it happens, outside the lock; may be null */
  ViolationLog(Consumer<SpecViolation> listener) {
    this.listener = listener;
  }

  void record(SpecViolation violation) {
    synchronized (this) {
      count++;
      if (kept.size() < MAX_KEPT) {
        kept.add(violation);
      }
    }
    if (listener != null) {
      listener.accept(violation);
    }
  }

  public synchronized List<SpecViolation> list() {
    return List.copyOf(kept);
  }

  /** How many occurred, including any beyond those kept. */
  public synchronized long count() {
    return count;
  }

  synchronized void clear() {
    kept.clear();
    count = 0;
  }
}
