package com.serviceform.sdk.events;

import com.serviceform.sdk.errors.ResponseDecodeException;
import java.util.Objects;

/** A success answer was not the documented JSON; the call ends with {@link #failure()}. */
public final class DecodeFailure {
  private final CallStart call;
  private final ResponseDecodeException failure;

  public DecodeFailure(CallStart call, ResponseDecodeException failure) {
    this.call = Objects.requireNonNull(call, "call == null");
    this.failure = Objects.requireNonNull(failure, "failure == null");
  }

  public CallStart call() {
    return call;
  }

  /** The exception the call throws (redacted; its snippet holds the start of the body). */
  public ResponseDecodeException failure() {
    return failure;
  }

  @Override
  public String toString() {
    return "DecodeFailure{" + call.operationId() + " HTTP " + failure.statusCode() + "}";
  }
}
