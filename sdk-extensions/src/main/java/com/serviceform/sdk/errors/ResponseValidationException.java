package com.serviceform.sdk.errors;

import com.serviceform.sdk.events.ResponseMismatch;
import java.util.List;

/**
 * With {@code responseValidation(FAIL)}: a success body differs from the spec's response schema.
 * {@link #mismatches()} says where and how (paths and types only); {@link #bodySnippet()} is
 * empty, since bodies hold personal data and the mismatch is about their shape.
 */
public class ResponseValidationException extends ResponseDecodeException {
  private static final long serialVersionUID = 1L;

  private final transient List<ResponseMismatch> mismatches;

  public ResponseValidationException(int statusCode, String operationId, List<ResponseMismatch> mismatches,
      String requestId) {
    super(statusCode, "", describe(statusCode, operationId, mismatches), null, requestId);
    this.mismatches = List.copyOf(mismatches);
  }

  /** Where the body differs from the spec, each path once. */
  public List<ResponseMismatch> mismatches() {
    return mismatches == null ? List.of() : mismatches;
  }

  private static String describe(int statusCode, String operationId, List<ResponseMismatch> mismatches) {
    StringBuilder message = new StringBuilder("HTTP ").append(statusCode).append(" answer of ").append(operationId)
        .append(" differs from the spec at ").append(mismatches.size()).append(mismatches.size() == 1 ? " place" : " places");
    int shown = 0;
    for (ResponseMismatch m : mismatches) {
      if (shown++ == 5) {
        message.append("; ...");
        break;
      }
      message.append(shown == 1 ? ": " : "; ").append(m.path()).append(' ').append(m.kind())
          .append(" (expected ").append(m.expected()).append(", got ").append(m.actual()).append(')');
    }
    return message.toString();
  }
}
