package com.serviceform.sdk.events;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One attempt (HTTP exchange) of a call starts. */
public final class AttemptStart {
  private final CallStart call;
  private final int attempt;
  private final Map<String, List<String>> requestHeaders;

  /** @param requestHeaders the request's headers, with {@code sf-api-key} redacted */
  public AttemptStart(CallStart call, int attempt, Map<String, List<String>> requestHeaders) {
    this.call = Objects.requireNonNull(call, "call == null");
    this.attempt = attempt;
    this.requestHeaders = Objects.requireNonNull(requestHeaders, "requestHeaders == null");
  }

  public CallStart call() {
    return call;
  }

  /** 1 for the first attempt of the call. */
  public int attempt() {
    return attempt;
  }

  /**
   * The request's headers, read-only, {@code sf-api-key} as {@code <redacted>}; headers added by
   * {@link EventListener#addRequestHeaders} are not in it.
   */
  public Map<String, List<String>> requestHeaders() {
    return requestHeaders;
  }

  /** The request body (redacted), only when bodies were asked for on the builder. */
  public Optional<String> requestBody() {
    return call.requestBody();
  }

  @Override
  public String toString() {
    return "AttemptStart{" + call.operationId() + " #" + attempt + "}";
  }
}
