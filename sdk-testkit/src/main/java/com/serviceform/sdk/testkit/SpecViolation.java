package com.serviceform.sdk.testkit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One exchange the sandbox saw that broke the spec, with the validator's messages. Immutable. */
public final class SpecViolation {
  /** Which side broke the spec. */
  public enum Kind {
    /** The request did not conform (wrong type, missing key or body, unexpected parameter...). */
    REQUEST,
    /** The request addressed no operation of the spec (unknown path, or a method the path lacks). */
    UNKNOWN_OPERATION,
    /** The sandbox's own response did not conform: a bug in the sandbox or its seed data. */
    RESPONSE
  }

  private final Kind kind;
  private final String method;
  private final String path;
  private final String operationId;
  private final List<String> messages;

  /**
   * @param operationId the operation addressed, or null for {@link Kind#UNKNOWN_OPERATION}
   */
  public SpecViolation(Kind kind, String method, String path, String operationId, List<String> messages) {
    this.kind = Objects.requireNonNull(kind, "kind == null");
    this.method = Objects.requireNonNull(method, "method == null");
    this.path = Objects.requireNonNull(path, "path == null");
    this.operationId = operationId;
    this.messages = List.copyOf(Objects.requireNonNull(messages, "messages == null"));
  }

  public Kind kind() {
    return kind;
  }

  /** The request's method. */
  public String method() {
    return method;
  }

  /** The request's raw path, without query. */
  public String path() {
    return path;
  }

  /** The operation addressed; empty for an unknown operation. */
  public Optional<String> operationId() {
    return Optional.ofNullable(operationId);
  }

  /** The validator's readable messages. */
  public List<String> messages() {
    return messages;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SpecViolation)) {
      return false;
    }
    SpecViolation that = (SpecViolation) o;
    return kind == that.kind && method.equals(that.method) && path.equals(that.path)
        && Objects.equals(operationId, that.operationId) && messages.equals(that.messages);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, method, path, operationId, messages);
  }

  /** For example {@code REQUEST POST /flex/spaces/sp-1/items (createItem): validation...}. */
  @Override
  public String toString() {
    return kind + " " + method + " " + path + (operationId == null ? "" : " (" + operationId + ")")
        + ": " + String.join("; ", messages);
  }
}
