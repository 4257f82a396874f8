package com.serviceform.sdk.testkit.internal;

import com.serviceform.sdk.testkit.SandboxFault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The armed fault rules and latencies, per operation of the spec or for every operation ({@code
 * null} as the operation). Thread-safe: every method holds this object's lock.
 */
public final class FaultRules {
  /** The name that stands for every operation. */
  public static final String ANY = "*";

  private final ApiSpec spec;
  private final Map<SpecOperation, List<CountRule>> next = new HashMap<>();
  private final Map<SpecOperation, List<FractionRule>> fractions = new HashMap<>();
  private final Map<SpecOperation, Duration> latencies = new HashMap<>();

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

  FaultRules(ApiSpec spec) {
    this.spec = spec;
  }

  /**
   * The operation named {@code operationId}, or null for {@link #ANY}.
   *
   * @throws IllegalArgumentException if the spec has no such operation
   */
  public SpecOperation resolve(String operationId) {
    Objects.requireNonNull(operationId, "operationId == null");
    return ANY.equals(operationId) ? null : spec.requireOperation(operationId);
  }

  /**
   * Delays every answer of the operation (null: of every operation) by {@code delay}; zero removes
   * the delay.
   */
  public synchronized void latency(SpecOperation operation, Duration delay) {
    Objects.requireNonNull(delay, "delay == null");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, was " + delay);
    }
    if (delay.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("delay is too long: " + delay);
    }
    if (delay.isZero()) {
      latencies.remove(operation);
    } else {
      latencies.put(operation, delay);
    }
  }

  public synchronized void failNext(SpecOperation operation, int calls, SandboxFault fault) {
    Objects.requireNonNull(fault, "fault == null");
    if (calls < 1) {
      throw new IllegalArgumentException("calls must be at least 1, was " + calls);
    }
    next.computeIfAbsent(operation, k -> new ArrayList<>()).add(new CountRule(fault, calls));
  }

  public synchronized void failFraction(SpecOperation operation, double fraction, SandboxFault fault) {
    Objects.requireNonNull(fault, "fault == null");
    if (!(fraction > 0.0 && fraction <= 1.0)) {
      throw new IllegalArgumentException("fraction must be in (0, 1], was " + fraction);
    }
    fractions.computeIfAbsent(operation, k -> new ArrayList<>()).add(new FractionRule(fault, fraction));
  }

  public synchronized void clear() {
    next.clear();
    fractions.clear();
    latencies.clear();
  }

  /** Decides one call of {@code operation}, consuming a "next N" rule if one fires. */
  public synchronized Decision decide(SpecOperation operation) {
    Duration delay = latencies.getOrDefault(operation, latencies.getOrDefault(null, Duration.ZERO));
    SandboxFault fault = takeNext(operation);
    if (fault == null) {
      fault = takeNext(null);
    }
    if (fault == null) {
      fault = fraction(operation);
    }
    if (fault == null) {
      fault = fraction(null);
    }
    return new Decision(fault, delay);
  }

  /** The armed rules, for {@code GET /__sandbox/faults}: one map per rule. */
  public synchronized List<Map<String, Object>> describe() {
    List<Map<String, Object>> rules = new ArrayList<>();
    next.forEach((op, list) -> list.forEach(rule -> rules.add(rule(op, rule.fault, "next", rule.remaining))));
    fractions.forEach((op, list) -> list.forEach(rule -> rules.add(rule(op, rule.fault, "fraction", rule.fraction))));
    latencies.forEach((op, delay) -> {
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("operation", op == null ? "*" : op.operationId());
      rule.put("latencyMs", delay.toMillis());
      rules.add(rule);
    });
    return rules;
  }

  private static Map<String, Object> rule(SpecOperation op, SandboxFault fault, String kind, Object amount) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("operation", op == null ? "*" : op.operationId());
    rule.put(kind, amount);
    if (fault.isConnectionReset()) {
      rule.put("reset", true);
    } else {
      rule.put("status", fault.status());
      if (!fault.headers().isEmpty()) {
        rule.put("headers", fault.headers());
      }
    }
    return rule;
  }

  private SandboxFault takeNext(SpecOperation operation) {
    List<CountRule> rules = next.get(operation);
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

  private SandboxFault fraction(SpecOperation operation) {
    List<FractionRule> rules = fractions.get(operation);
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
