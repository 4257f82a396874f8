package com.serviceform.sdk.testkit.internal;

import com.serviceform.sdk.testkit.SandboxFault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The armed fault rules and latencies. Thread-safe. */
public final class FaultRules {
  /** Rules under this key apply to every operation, after the operation's own. */
  public static final String ANY = "*";

  private final Map<String, List<CountRule>> next = new HashMap<>();
  private final Map<String, List<FractionRule>> fractions = new HashMap<>();
  private final Map<String, Duration> latencies = new HashMap<>();

  /** What to do with one call. */
  public static final class Decision {
    private final SandboxFault fault;
    private final Duration delay;

    Decision(SandboxFault fault, Duration delay) {
      this.fault = fault;
      this.delay = delay;
    }

    /** The fault to answer with, or null to run the operation. */
    public SandboxFault fault() {
      return fault;
    }

    /** The added latency, zero for none. */
    public Duration delay() {
      return delay;
    }
  }

  private static final class CountRule {
    final SandboxFault fault;
    int remaining;

    CountRule(SandboxFault fault, int remaining) {
      this.fault = fault;
      this.remaining = remaining;
    }
  }

  private static final class FractionRule {
    final SandboxFault fault;
    final double fraction;
    long calls;

    FractionRule(SandboxFault fault, double fraction) {
      this.fault = fault;
      this.fraction = fraction;
    }

    /** Call k fails when floor(k*f) grows: exactly floor(n*f) of the first n calls, evenly spread. */
    boolean fires() {
      calls++;
      // The epsilon keeps 0.29 * 100 from flooring to 28.
      return Math.floor(calls * fraction + 1e-9) > Math.floor((calls - 1) * fraction + 1e-9);
    }
  }

  public synchronized void latency(String key, Duration delay) {
    if (delay.isZero()) {
      latencies.remove(key);
    } else {
      latencies.put(key, delay);
    }
  }

  public synchronized void failNext(String key, int calls, SandboxFault fault) {
    next.computeIfAbsent(key, k -> new ArrayList<>()).add(new CountRule(fault, calls));
  }

  public synchronized void failFraction(String key, double fraction, SandboxFault fault) {
    fractions.computeIfAbsent(key, k -> new ArrayList<>()).add(new FractionRule(fault, fraction));
  }

  public synchronized void clear() {
    next.clear();
    fractions.clear();
    latencies.clear();
  }

  /** Decides one call of {@code operationId}, consuming a "next N" rule if one fires. */
  public synchronized Decision decide(String operationId) {
    Duration delay = latencies.getOrDefault(operationId, latencies.getOrDefault(ANY, Duration.ZERO));
    SandboxFault fault = takeNext(operationId);
    if (fault == null) {
      fault = takeNext(ANY);
    }
    if (fault == null) {
      fault = fraction(operationId);
    }
    if (fault == null) {
      fault = fraction(ANY);
    }
    return new Decision(fault, delay);
  }

  private SandboxFault takeNext(String key) {
    List<CountRule> rules = next.get(key);
    if (rules == null) {
      return null;
    }
    for (Iterator<CountRule> it = rules.iterator(); it.hasNext(); ) {
      CountRule rule = it.next();
      if (rule.remaining > 0) {
        rule.remaining--;
        if (rule.remaining == 0) {
          it.remove();
        }
        return rule.fault;
      }
      it.remove();
    }
    return null;
  }

  private SandboxFault fraction(String key) {
    List<FractionRule> rules = fractions.get(key);
    if (rules == null) {
      return null;
    }
    for (FractionRule rule : rules) {
      if (rule.fires()) {
        return rule.fault;
      }
    }
    return null;
  }
}
