package com.serviceform.sdk.specgate;

import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openapitools.openapidiff.core.model.Changed;
import org.openapitools.openapidiff.core.model.ChangedApiResponse;
import org.openapitools.openapidiff.core.model.ChangedContent;
import org.openapitools.openapidiff.core.model.ChangedMediaType;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.ChangedOperation;
import org.openapitools.openapidiff.core.model.ChangedParameter;
import org.openapitools.openapidiff.core.model.ChangedParameters;
import org.openapitools.openapidiff.core.model.ChangedRequestBody;
import org.openapitools.openapidiff.core.model.ChangedResponse;
import org.openapitools.openapidiff.core.model.ChangedSchema;
import org.openapitools.openapidiff.core.model.Endpoint;
import org.openapitools.openapidiff.core.model.schema.ChangedRequired;

/**
 * Turns openapi-diff's verdict into one readable line per incompatible change.
 *
 * <p>openapi-diff decides what is incompatible on the wire ({@link ChangedOpenApi#isIncompatible()});
 * this class only walks its result and says where and why, so a failed build names the change
 * instead of pointing at a report.
 */
final class WireChanges {

  private final List<String> lines = new ArrayList<>();

  private WireChanges() {}

  /** One line per incompatible change that openapi-diff found; empty when it found none. */
  static List<String> breaking(ChangedOpenApi diff) {
    WireChanges w = new WireChanges();
    for (Endpoint e : diff.getMissingEndpoints()) {
      w.lines.add(endpoint(e) + ": operation removed");
    }
    for (ChangedOperation op : diff.getChangedOperations()) {
      w.operation(op);
    }
    if (w.lines.isEmpty() && diff.isIncompatible()) {
      w.lines.add("openapi-diff reports an incompatible change; see the full report above");
    }
    return w.lines;
  }

  private static String endpoint(Endpoint e) {
    String id = e.getOperation() == null ? null : e.getOperation().getOperationId();
    return e.getMethod() + " " + e.getPathUrl() + (id == null ? "" : " (" + id + ")");
  }

  private void operation(ChangedOperation op) {
    if (!op.isIncompatible()) {
      return;
    }
    String id = op.getNewOperation() == null ? null : op.getNewOperation().getOperationId();
    String where = op.getHttpMethod() + " " + op.getPathUrl() + (id == null ? "" : " (" + id + ")");
    int before = lines.size();
    if (op.getOperationId() != null && op.getOperationId().isIncompatible()) {
      lines.add(where + ": operationId changed from '" + op.getOperationId().getLeft()
          + "' to '" + op.getOperationId().getRight() + "'");
    }
    parameters(where, op.getParameters());
    requestBody(where, op.getRequestBody());
    responses(where, op.getApiResponses());
    if (op.getSecurityRequirements() != null && op.getSecurityRequirements().isIncompatible()) {
      lines.add(where + ": security requirements changed incompatibly");
    }
    if (lines.size() == before) {
      lines.add(where + ": incompatible change (see the full report above)");
    }
  }

  private void parameters(String where, ChangedParameters params) {
    if (params == null || !params.isIncompatible()) {
      return;
    }
    for (Parameter p : params.getMissing()) {
      lines.add(where + ": " + p.getIn() + " parameter '" + p.getName() + "' removed");
    }
    for (Parameter p : params.getIncreased()) {
      if (Boolean.TRUE.equals(p.getRequired())) {
        lines.add(where + ": new required " + p.getIn() + " parameter '" + p.getName() + "'");
      }
    }
    for (ChangedParameter cp : params.getChanged()) {
      if (!cp.isIncompatible()) {
        continue;
      }
      String at = where + ": " + cp.getIn() + " parameter '" + cp.getName() + "'";
      int before = lines.size();
      if (cp.isChangeRequired() && cp.getNewParameter() != null
          && Boolean.TRUE.equals(cp.getNewParameter().getRequired())) {
        lines.add(at + " is now required");
      }
      if (cp.isChangeStyle()) {
        lines.add(at + ": serialization style changed");
      }
      if (cp.isChangeExplode()) {
        lines.add(at + ": explode changed");
      }
      if (cp.isChangeAllowEmptyValue()) {
        lines.add(at + ": allowEmptyValue changed");
      }
      schema(at, cp.getSchema());
      content(at, cp.getContent());
      if (lines.size() == before) {
        lines.add(at + ": changed incompatibly");
      }
    }
  }

  private void requestBody(String where, ChangedRequestBody body) {
    if (body == null || !body.isIncompatible()) {
      return;
    }
    String at = where + ": request body";
    int before = lines.size();
    if (body.isChangeRequired() && body.getNewRequestBody() != null
        && Boolean.TRUE.equals(body.getNewRequestBody().getRequired())) {
      lines.add(at + " is now required");
    }
    content(at, body.getContent());
    if (lines.size() == before) {
      lines.add(at + ": changed incompatibly");
    }
  }

  private void responses(String where, ChangedApiResponse responses) {
    if (responses == null || !responses.isIncompatible()) {
      return;
    }
    for (String code : responses.getMissing().keySet()) {
      lines.add(where + ": response " + code + " removed");
    }
    for (Map.Entry<String, ChangedResponse> e : responses.getChanged().entrySet()) {
      ChangedResponse r = e.getValue();
      if (!r.isIncompatible()) {
        continue;
      }
      String at = where + ": response " + e.getKey();
      int before = lines.size();
      content(at, r.getContent());
      if (r.getHeaders() != null && r.getHeaders().isIncompatible()) {
        lines.add(at + ": headers changed incompatibly");
      }
      if (lines.size() == before) {
        lines.add(at + ": changed incompatibly");
      }
    }
  }

  private void content(String at, ChangedContent content) {
    if (content == null || !content.isIncompatible()) {
      return;
    }
    for (String mediaType : content.getMissing().keySet()) {
      lines.add(at + ": media type " + mediaType + " removed");
    }
    for (Map.Entry<String, ChangedMediaType> e : content.getChanged().entrySet()) {
      schema(at, e.getValue().getSchema());
    }
  }

  private void schema(String at, ChangedSchema s) {
    if (s == null || !s.isIncompatible()) {
      return;
    }
    int before = lines.size();
    if (s.isChangedType()) {
      lines.add(at + ": type changed from " + describe(s.getOldSchema()) + " to "
          + describe(s.getNewSchema()));
    }
    ChangedRequired required = s.getRequired();
    if (required != null && required.isIncompatible()) {
      if (s.getContext() != null && s.getContext().isRequest()) {
        for (String name : required.getIncreased()) {
          lines.add(at + ": property '" + name + "' is now required in the request");
        }
      } else {
        for (String name : required.getMissing()) {
          lines.add(at + ": property '" + name + "' is no longer guaranteed in the response");
        }
      }
    }
    if (s.getOldSchema() != null && s.getOldSchema().getRequired() != null
        && s.getContext() != null && s.getContext().isResponse()) {
      for (String name : s.getMissingProperties().keySet()) {
        if (s.getOldSchema().getRequired().contains(name)) {
          lines.add(at + ": required property '" + name + "' removed from the response");
        }
      }
    }
    for (Map.Entry<String, ChangedSchema> e : s.getChangedProperties().entrySet()) {
      schema(at + " ." + e.getKey(), e.getValue());
    }
    schema(at + " []", s.getItems());
    schema(at + " (additionalProperties)", s.getAddProp());
    if (lines.size() == before) {
      // enum, length, range, pattern, readOnly/writeOnly, oneOf...: name what openapi-diff flagged.
      List<String> what = new ArrayList<>();
      for (Changed c : s.getChangedElements()) {
        if (c != null && c.isIncompatible() && !(c instanceof ChangedSchema)) {
          what.add(c.getClass().getSimpleName().replaceFirst("^Changed", ""));
        }
      }
      lines.add(at + ": schema changed incompatibly"
          + (what.isEmpty() ? "" : " (" + String.join(", ", what) + ")"));
    }
  }

  private static String describe(Schema<?> schema) {
    if (schema == null) {
      return "(none)";
    }
    String type = schema.getType();
    if (type == null && schema.getTypes() != null && !schema.getTypes().isEmpty()) {
      type = String.join("|", schema.getTypes());
    }
    return (type == null ? "(untyped)" : type)
        + (schema.getFormat() == null ? "" : "/" + schema.getFormat());
  }
}
