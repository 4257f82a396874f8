package com.serviceform.sdk.testkit;

import com.serviceform.sdk.api.ApiOperation;
import com.serviceform.sdk.testkit.internal.FaultRules;
import java.time.Duration;
import java.util.Objects;

/**
 * Fault injection for resilience tests, per operation (by the spec's {@code operationId}, for
 * example {@code "searchChats"}) or for every operation ({@link #ANY_OPERATION}). Thread-safe;
 * {@link ServiceformSandbox#reset()} clears everything.
 *
 * <p>Operations are named by {@code operationId} or by the generated {@link ApiOperation} constant
 * ({@code ApiOperation.SEARCH_CHATS}); the same rules are armed over HTTP with {@code POST
 * /__sandbox/faults} (docs/testing.md).
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
    rules.latency(rules.resolve(operationId), delay);
    return this;
  }

  /** {@link #latency(String, Duration)} for an operation named by its generated constant. */
  public SandboxFaults latency(ApiOperation operation, Duration delay) {
    return latency(id(operation), delay);
  }

  /** Answers the next {@code calls} calls of the operation with {@code fault}. */
  public SandboxFaults failNext(String operationId, int calls, SandboxFault fault) {
    rules.failNext(rules.resolve(operationId), calls, fault);
    return this;
  }

  /** {@link #failNext(String, int, SandboxFault)} for an operation named by its generated constant. */
  public SandboxFaults failNext(ApiOperation operation, int calls, SandboxFault fault) {
    return failNext(id(operation), calls, fault);
  }

  /**
   * Answers a fraction of the operation's calls with {@code fault}, deterministically: of the first
   * n calls this rule sees, exactly floor(n × fraction) fail, evenly spread (0.5 fails every second
   * call, 0.25 every fourth). Stays armed until {@link #clear()}.
   */
  public SandboxFaults failFraction(String operationId, double fraction, SandboxFault fault) {
    rules.failFraction(rules.resolve(operationId), fraction, fault);
    return this;
  }

  /** {@link #failFraction(String, double, SandboxFault)} for an operation named by its generated constant. */
  public SandboxFaults failFraction(ApiOperation operation, double fraction, SandboxFault fault) {
    return failFraction(id(operation), fraction, fault);
  }

  /** Removes every rule and latency. */
  public void clear() {
    rules.clear();
  }

  private static String id(ApiOperation operation) {
    return Objects.requireNonNull(operation, "operation == null").operationId();
  }

  @Override
  public String toString() {
    return "SandboxFaults";
  }
}
