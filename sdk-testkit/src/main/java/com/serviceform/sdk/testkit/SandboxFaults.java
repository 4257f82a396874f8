package com.serviceform.sdk.testkit;

import com.serviceform.sdk.testkit.internal.FaultRules;
import com.serviceform.sdk.testkit.internal.Routes;
import java.time.Duration;
import java.util.Objects;

/**
 * Fault injection for resilience tests, per operation (by the spec's {@code operationId}, for
 * example {@code "searchChats"}) or for every operation ({@link #ANY_OPERATION}). Thread-safe;
 * {@link ServiceformSandbox#reset()} clears everything.
 *
 * <pre>{@code
 * sandbox.faults()
 *     .failNext("searchChats", 2, SandboxFault.serviceUnavailable())   // 503, 503, then normal
 *     .failFraction("listItems", 0.25, SandboxFault.connectionReset()) // every 4th call resets
 *     .latency("getChatStatistics", Duration.ofMillis(300));
 * }</pre>
 *
 * <p>A faulted call is still counted and its request still validated against the spec; the fault
 * answers before the key is checked. "Next N" rules fire first (oldest first), then fraction rules;
 * rules of the operation come before {@link #ANY_OPERATION} rules. Latency applies to every answer of
 * the operation, faults included.
 */
public final class SandboxFaults {
  /** Pass as operationId to apply a rule to every operation. */
  public static final String ANY_OPERATION = FaultRules.ANY;

  private final FaultRules rules;

  SandboxFaults(FaultRules rules) {
    this.rules = rules;
  }

  /** Delays every answer of the operation by {@code delay} (zero removes the delay). */
  public SandboxFaults latency(String operationId, Duration delay) {
    Objects.requireNonNull(delay, "delay == null");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, was " + delay);
    }
    if (delay.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("delay is too long: " + delay);
    }
    rules.latency(key(operationId), delay);
    return this;
  }

  /** Answers the next {@code calls} calls of the operation with {@code fault}. */
  public SandboxFaults failNext(String operationId, int calls, SandboxFault fault) {
    Objects.requireNonNull(fault, "fault == null");
    if (calls < 1) {
      throw new IllegalArgumentException("calls must be at least 1, was " + calls);
    }
    rules.failNext(key(operationId), calls, fault);
    return this;
  }

  /**
   * Answers a fraction of the operation's calls with {@code fault}, deterministically: of the first
   * n calls this rule sees, exactly floor(n × fraction) fail, evenly spread (0.5 fails every second
   * call, 0.25 every fourth). Stays armed until {@link #clear()}.
   */
  public SandboxFaults failFraction(String operationId, double fraction, SandboxFault fault) {
    Objects.requireNonNull(fault, "fault == null");
    if (!(fraction > 0.0 && fraction <= 1.0)) {
      throw new IllegalArgumentException("fraction must be in (0, 1], was " + fraction);
    }
    rules.failFraction(key(operationId), fraction, fault);
    return this;
  }

  /** Removes every rule and latency. */
  public void clear() {
    rules.clear();
  }

  private static String key(String operationId) {
    Objects.requireNonNull(operationId, "operationId == null");
    return ANY_OPERATION.equals(operationId) ? FaultRules.ANY : Routes.requireKnown(operationId);
  }

  @Override
  public String toString() {
    return "SandboxFaults";
  }
}
