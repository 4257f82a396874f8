package com.serviceform.sdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.serviceform.sdk.ResponseValidation;
import com.serviceform.sdk.errors.ResponseValidationException;
import com.serviceform.sdk.events.ResponseMismatch;
import feign.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's response validation ({@code responseValidation(WARN|FAIL)}): each success body is read
 * as a tree and checked against its operation's schema ({@link ShapeValidator}) before it is
 * decoded; each mismatch is reported once per client, operation and path, to the log and the
 * listeners, with paths and types only. Exists only when validation is on.
 */
final class ResponseValidator {
  private static final Logger LOG = LoggerFactory.getLogger("com.serviceform.sdk.validation");
  /** Mismatches remembered per client (for reporting each once); past this, new ones are not logged. */
  static final int MAX_REMEMBERED = 10_000;

  private final ResponseSchemas schemas;
  private final boolean fail;
  private final Redactor redactor;
  private final Set<String> reported = ConcurrentHashMap.newKeySet();
  private volatile boolean full;

  private ResponseValidator(ResponseSchemas schemas, boolean fail, Redactor redactor) {
    this.schemas = schemas;
    this.fail = fail;
    this.redactor = redactor;
  }

  /** The validator for {@code mode}, or null when it is off. */
  static ResponseValidator of(ResponseValidation mode, Redactor redactor) {
    return mode == ResponseValidation.OFF ? null
        : new ResponseValidator(ResponseSchemas.load(), mode == ResponseValidation.FAIL, redactor);
  }

  /**
   * Checks the buffered success body of {@code operation}; reports what differs.
   *
   * @param events the call's listeners, or null
   * @throws ResponseValidationException in FAIL mode, when the body differs from the spec
   */
  void check(OperationCall operation, Response response, CallEvents events) {
    ResponseSchemas.Response expected = schemas.response(operation.operationId);
    if (expected == null || expected.schema == null || !(response.body() instanceof BufferedBytes)) {
      return;
    }
    ResponseBytes body = ((BufferedBytes) response.body()).buffered();
    if (body == null || body.isBlank()) {
      // No body: the decoder decides whether that is allowed.
      return;
    }
    JsonNode tree;
    try {
      tree = ObjectMappers.shared().readTree(body.stream());
    } catch (IOException notJson) {
      // Not JSON at all: the decoder fails the call with a ResponseDecodeException.
      return;
    }
    if (tree == null || (tree.isNull() && expected.emptyBodyAllowed)) {
      return;
    }
    ShapeValidator.Result result = ShapeValidator.validate(expected.schema, tree, redactor::redact);
    List<ResponseMismatch> mismatches = result.findings.isEmpty() ? List.of() : new ArrayList<>(result.findings.size());
    for (ShapeValidator.Finding finding : result.findings) {
      ResponseMismatch mismatch = new ResponseMismatch(operation.operationId, finding.path, finding.kind,
          finding.expected, finding.actual, Arrays.stream(finding.curations).boxed().collect(Collectors.toList()));
      mismatches.add(mismatch);
      if (firstTime(operation.operationId, finding)) {
        LOG.warn("the answer of {} differs from the spec at {}: {}, expected {}, got {}{}", operation.operationId,
            finding.path, finding.kind, finding.expected, finding.actual, finding.curations.length == 0 ? ""
                : " (docs/spec-curation.md #" + Arrays.stream(finding.curations).mapToObj(String::valueOf)
                    .collect(Collectors.joining(", #")) + ")");
        if (events != null) {
          events.responseMismatch(mismatch);
        }
      }
    }
    if (events != null) {
      events.responseValidated(mismatches, result.curationsExercised);
    }
    if (fail && !mismatches.isEmpty()) {
      throw new ResponseValidationException(response.status(), operation.operationId, mismatches,
          redactor.redact(RequestIds.find(response.headers())));
    }
  }

  private boolean firstTime(String operationId, ShapeValidator.Finding finding) {
    String key = operationId + " " + finding.path + " " + finding.kind;
    if (reported.contains(key)) {
      return false;
    }
    if (reported.size() >= MAX_REMEMBERED) {
      if (!full) {
        full = true;
        LOG.warn("response validation: {} different mismatches reported; later new ones are not logged", MAX_REMEMBERED);
      }
      return false;
    }
    return reported.add(key);
  }
}
