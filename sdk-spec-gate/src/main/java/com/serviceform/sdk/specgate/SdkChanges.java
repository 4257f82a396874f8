package com.serviceform.sdk.specgate;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;

/**
 * Changes that break the generated Java SDK even where openapi-diff calls them compatible on the
 * wire.
 *
 * <p>openapi-diff judges an HTTP client written by hand: to it, a property that disappears from a
 * response or a new optional query parameter is harmless. The SDK's models and interfaces are
 * generated from the spec, so the same change removes a getter or changes a method signature, and
 * code compiled against the previous release stops compiling or linking. Those rules live here:
 *
 * <ul>
 *   <li>a schema under {@code components/schemas} removed (a model class disappears);
 *   <li>a property removed from a schema, or its type changed (getter and setter disappear or
 *       change type);
 *   <li>{@code additionalProperties} dropped from a schema ({@code getAdditionalProperties()}
 *       disappears);
 *   <li>an operation's {@code operationId} or first tag changed (the method is renamed or moves to
 *       another {@code *Api} interface);
 *   <li>a query parameter that became required (its parameter object's {@code build()} fails
 *       without it, and the form of the method without a parameter object disappears), was
 *       removed (its builder method disappears; a rename is a removal and an addition), or changed
 *       type (its builder method changes type);
 *   <li>a new header, cookie or form parameter, or an optional request body added to an existing
 *       operation (the method would gain a parameter);
 *   <li>the schema of an operation's success response changed (the method's return type changes).
 * </ul>
 *
 * <p>Query parameters are passed by name in a parameter object ({@code GetChatStatisticsParams}), so
 * a new optional query parameter is compatible (the object gains a builder method, and an
 * operation's first one adds an overload beside the plain method), and the order the spec declares
 * parameters in never reaches a caller (path parameters are generated in path order).
 */
final class SdkChanges {

  private final List<String> lines = new ArrayList<>();

  private SdkChanges() {}

  static List<String> breaking(OpenAPI before, OpenAPI after) {
    SdkChanges s = new SdkChanges();
    s.models(schemas(before), schemas(after));
    s.operations(before, after);
    return s.lines;
  }

  private static Map<String, Schema> schemas(OpenAPI api) {
    if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
      return Collections.emptyMap();
    }
    return api.getComponents().getSchemas();
  }

  private void models(Map<String, Schema> before, Map<String, Schema> after) {
    for (Map.Entry<String, Schema> e : before.entrySet()) {
      String name = e.getKey();
      Schema<?> old = e.getValue();
      Schema<?> now = after.get(name);
      if (now == null) {
        lines.add("model " + name + ": removed (its generated class disappears)");
        continue;
      }
      Map<String, Schema> oldProps = props(old);
      Map<String, Schema> newProps = props(now);
      for (Map.Entry<String, Schema> p : oldProps.entrySet()) {
        Schema<?> np = newProps.get(p.getKey());
        if (np == null) {
          lines.add("model " + name + ": property '" + p.getKey()
              + "' removed (its getter and setter disappear)");
        } else if (!signature(p.getValue()).equals(signature(np))) {
          lines.add("model " + name + ": property '" + p.getKey() + "' changed type from "
              + signature(p.getValue()) + " to " + signature(np)
              + " (its getter and setter change type)");
        }
      }
      if (allowsAdditional(old) && !allowsAdditional(now)) {
        lines.add("model " + name
            + ": additionalProperties removed (getAdditionalProperties() disappears)");
      }
    }
  }

  private static Map<String, Schema> props(Schema<?> schema) {
    return schema.getProperties() == null ? Collections.emptyMap() : schema.getProperties();
  }

  private static boolean allowsAdditional(Schema<?> schema) {
    Object ap = schema.getAdditionalProperties();
    return ap instanceof Schema || Boolean.TRUE.equals(ap);
  }

  private void operations(OpenAPI before, OpenAPI after) {
    if (before.getPaths() == null || after.getPaths() == null) {
      return;
    }
    for (Map.Entry<String, PathItem> path : before.getPaths().entrySet()) {
      PathItem newPath = after.getPaths().get(path.getKey());
      if (newPath == null) {
        continue; // a removed operation is reported on the wire
      }
      Map<PathItem.HttpMethod, Operation> newOps = newPath.readOperationsMap();
      for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().readOperationsMap().entrySet()) {
        Operation now = newOps.get(op.getKey());
        if (now != null) {
          operation(op.getKey() + " " + path.getKey(), path.getValue(), op.getValue(), newPath, now);
        }
      }
    }
  }

  private void operation(String where, PathItem oldPath, Operation old, PathItem newPath, Operation now) {
    String id = now.getOperationId() == null ? old.getOperationId() : now.getOperationId();
    String at = where + (id == null ? "" : " (" + id + ")");
    if (!Objects.equals(old.getOperationId(), now.getOperationId())) {
      lines.add(at + ": operationId changed from '" + old.getOperationId() + "' to '"
          + now.getOperationId() + "' (the generated method is renamed)");
    }
    String oldTag = firstTag(old);
    String newTag = firstTag(now);
    if (!Objects.equals(oldTag, newTag)) {
      lines.add(at + ": first tag changed from '" + oldTag + "' to '" + newTag
          + "' (the generated method moves to another *Api interface)");
    }
    List<Parameter> oldParams = parameters(oldPath, old);
    List<Parameter> newParams = parameters(newPath, now);
    String paramsClass = id == null ? "the parameter object" : Character.toUpperCase(id.charAt(0)) + id.substring(1) + "Params";
    for (Parameter p : newParams) {
      Parameter before = find(oldParams, p);
      boolean query = "query".equals(p.getIn());
      if (before == null) {
        if (!query && !"path".equals(p.getIn())) {
          lines.add(at + ": new " + p.getIn() + " parameter '" + p.getName()
              + "' (the SDK passes only path and query parameters: the generated method would gain a parameter)");
        }
        // A new optional query parameter is a new builder method; a new required one is a wire break.
        continue;
      }
      if (query && !Boolean.TRUE.equals(before.getRequired()) && Boolean.TRUE.equals(p.getRequired())) {
        lines.add(at + ": query parameter '" + p.getName() + "' became required (" + paramsClass
            + ".build() fails without it, and the form of the method without " + paramsClass + " is removed)");
      }
      String oldType = signature(before.getSchema());
      String newType = signature(p.getSchema());
      if (query && !oldType.equals(newType)) {
        lines.add(at + ": query parameter '" + p.getName() + "' changed type from " + oldType + " to " + newType
            + " (" + paramsClass + ".Builder." + p.getName() + "(...) changes type)");
      }
    }
    for (Parameter p : oldParams) {
      if ("query".equals(p.getIn()) && find(newParams, p) == null) {
        lines.add(at + ": query parameter '" + p.getName() + "' removed (" + paramsClass + ".Builder."
            + p.getName() + "(...) disappears; a renamed parameter is removed and added)");
      }
    }
    if (old.getRequestBody() == null && now.getRequestBody() != null
        && !Boolean.TRUE.equals(now.getRequestBody().getRequired())) {
      lines.add(at + ": optional request body added (the generated method gains a parameter)");
    }
    String oldReturn = successSchema(old);
    String newReturn = successSchema(now);
    if (oldReturn != null && !oldReturn.equals(newReturn)) {
      lines.add(at + ": success response changed from " + oldReturn + " to " + newReturn
          + " (the generated method's return type changes)");
    }
  }

  private static Parameter find(List<Parameter> parameters, Parameter like) {
    for (Parameter p : parameters) {
      if (Objects.equals(p.getName(), like.getName()) && Objects.equals(p.getIn(), like.getIn())) {
        return p;
      }
    }
    return null;
  }

  private static String firstTag(Operation op) {
    return op.getTags() == null || op.getTags().isEmpty() ? null : op.getTags().get(0);
  }

  /** The operation's parameters with those of its path. */
  static List<Parameter> parameters(PathItem path, Operation op) {
    List<Parameter> all = new ArrayList<>();
    if (path.getParameters() != null) {
      all.addAll(path.getParameters());
    }
    if (op.getParameters() != null) {
      all.addAll(op.getParameters());
    }
    return all;
  }

  /**
   * The schema of the lowest 2xx response (the one the generator makes the return type of), as a
   * short signature; null when it has no body.
   */
  static String successSchema(Operation op) {
    if (op.getResponses() == null) {
      return null;
    }
    for (Map.Entry<String, ApiResponse> r : new TreeMap<>(op.getResponses()).entrySet()) {
      if (r.getKey().startsWith("2")) {
        Content content = r.getValue().getContent();
        if (content == null) {
          return null;
        }
        for (MediaType mt : content.values()) {
          if (mt.getSchema() != null) {
            return signature(mt.getSchema());
          }
        }
        return null;
      }
    }
    return null;
  }

  /** What the generator turns into a Java type: a model name, a list of something, or type/format. */
  static String signature(Schema<?> schema) {
    if (schema == null) {
      return "(none)";
    }
    if (schema.get$ref() != null) {
      String ref = schema.get$ref();
      return ref.substring(ref.lastIndexOf('/') + 1);
    }
    String type = schema.getType();
    if (type == null && schema.getTypes() != null && !schema.getTypes().isEmpty()) {
      type = String.join("|", schema.getTypes());
    }
    if ("array".equals(type)) {
      return "array<" + signature(schema.getItems()) + ">";
    }
    if (type == null) {
      return "(untyped)";
    }
    return schema.getFormat() == null ? type : type + "/" + schema.getFormat();
  }
}
