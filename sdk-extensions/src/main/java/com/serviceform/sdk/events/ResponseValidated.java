package com.serviceform.sdk.events;

import java.util.List;
import java.util.Objects;

/** With response validation on: one success body was checked against the operation's response schema. */
public final class ResponseValidated {
  private final CallStart call;
  private final List<ResponseMismatch> mismatches;
  private final List<Integer> curationsExercised;

  /**
   * @param mismatches every mismatch of this body, each path once
   * @param curationsExercised the curation numbers of the places this body reached, in order
   */
  public ResponseValidated(CallStart call, List<ResponseMismatch> mismatches, List<Integer> curationsExercised) {
    this.call = Objects.requireNonNull(call, "call == null");
    this.mismatches = List.copyOf(mismatches);
    this.curationsExercised = List.copyOf(curationsExercised);
  }

  public CallStart call() {
    return call;
  }

  /** Whether the body matched the spec everywhere. */
  public boolean matched() {
    return mismatches.isEmpty();
  }

  /** This body's mismatches, each path once (also those already reported by an earlier call). */
  public List<ResponseMismatch> mismatches() {
    return mismatches;
  }

  /**
   * The numbers of the {@code docs/spec-curation.md} decisions whose places this body reached: a
   * number here without a mismatch carrying it is a decision the answer confirmed.
   */
  public List<Integer> curationsExercised() {
    return curationsExercised;
  }

  @Override
  public String toString() {
    return "ResponseValidated{" + call.operationId() + ", " + mismatches.size() + " mismatches}";
  }
}
