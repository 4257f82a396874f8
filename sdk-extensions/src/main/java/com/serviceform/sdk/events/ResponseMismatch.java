package com.serviceform.sdk.events;

import java.util.List;
import java.util.Objects;

/**
 * A place where a success body differs from the spec: a JSON path, what the spec expects there and
 * what came, as types and formats only, never values. Array indexes are {@code [*]} and the keys of
 * a map-like object {@code .*}, so each place is one path however many records hit it.
 */
public final class ResponseMismatch {
  private final String operationId;
  private final String path;
  private final MismatchKind kind;
  private final String expected;
  private final String actual;
  private final List<Integer> curations;

  /**
   * @param expected what the spec says, for example {@code integer/int64} or {@code a declared property}
   * @param actual what came, for example {@code string(date-time)} or {@code absent}
   * @param curations the numbers of the decisions in {@code docs/spec-curation.md} made at this place
   */
  public ResponseMismatch(String operationId, String path, MismatchKind kind, String expected,
      String actual, List<Integer> curations) {
    this.operationId = Objects.requireNonNull(operationId, "operationId == null");
    this.path = Objects.requireNonNull(path, "path == null");
    this.kind = Objects.requireNonNull(kind, "kind == null");
    this.expected = Objects.requireNonNull(expected, "expected == null");
    this.actual = Objects.requireNonNull(actual, "actual == null");
    this.curations = List.copyOf(curations);
  }

  public String operationId() {
    return operationId;
  }

  /** A JSON path from the body's root: {@code $[*].fields[*].machine}, {@code $.chatsBySource.*}. */
  public String path() {
    return path;
  }

  public MismatchKind kind() {
    return kind;
  }

  /** What the spec expects: a type and format ({@code integer/int64}), {@code not null}, ... */
  public String expected() {
    return expected;
  }

  /**
   * What came: a JSON type, with the format a string looks like ({@code string(date-time)}, {@code
   * string(integer)}), {@code null}, or {@code absent}.
   */
  public String actual() {
    return actual;
  }

  /**
   * The numbers of the decisions of {@code docs/spec-curation.md} made at this place (the spec's
   * {@code info.x-serviceform-curations}): the mismatch says the decision was wrong, at least for
   * this server. Empty when none applies.
   */
  public List<Integer> curations() {
    return curations;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ResponseMismatch)) {
      return false;
    }
    ResponseMismatch that = (ResponseMismatch) o;
    return operationId.equals(that.operationId) && path.equals(that.path) && kind == that.kind
        && expected.equals(that.expected) && actual.equals(that.actual) && curations.equals(that.curations);
  }

  @Override
  public int hashCode() {
    return Objects.hash(operationId, path, kind, expected, actual, curations);
  }

  @Override
  public String toString() {
    return "ResponseMismatch{" + operationId + " " + path + ": " + kind + ", expected " + expected + ", got " + actual
        + (curations.isEmpty() ? "" : ", curation " + curations) + "}";
  }
}
