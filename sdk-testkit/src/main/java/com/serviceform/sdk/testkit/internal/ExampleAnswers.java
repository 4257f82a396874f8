package com.serviceform.sdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The answer to an operation that the sandbox has no handler for: its first documented success
 * status with the spec's example for it, or, without an example, the smallest body its schema
 * allows (required properties only, empty arrays, the first enum value, a valid date-time...).
 */
final class ExampleAnswers {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ExampleAnswers() {}

  static Reply answer(SpecOperation operation) {
    String status = null;
    for (String key : operation.responses().keySet()) {
      if (key.length() == 3 && key.startsWith("2") && Character.isDigit(key.charAt(1)) && (status == null || key.compareTo(status) < 0)) {
        status = key;
      }
    }
    if (status == null) {
      return Reply.empty(operation.responses().containsKey("2XX") ? 200 : 204);
    }
    JsonNode media = operation.spec().resolve(operation.responses().get(status)).path("content").path("application/json");
    int code = Integer.parseInt(status);
    if (media.isMissingNode()) {
      return Reply.empty(code);
    }
    JsonNode example = media.get("example");
    if (example == null && media.has("examples")) {
      for (Map.Entry<String, JsonNode> named : media.get("examples").properties()) {
        example = operation.spec().resolve(named.getValue()).get("value");
        if (example != null) {
          break;
        }
      }
    }
    if (example == null) {
      example = minimal(operation.spec(), media.path("schema"), new HashSet<>());
    }
    return Reply.json(code, Json.bytes(example));
  }

  /** The smallest value {@code schema} allows; {@code seen} stops at recursive references. */
  static JsonNode minimal(ApiSpec spec, JsonNode schemaOrRef, Set<String> seen) {
    String ref = schemaOrRef.path("$ref").asText(null);
    if (ref != null && !seen.add(ref)) {
      return NODES.nullNode();
    }
    JsonNode schema = spec.resolve(schemaOrRef);
    try {
      if (schema.has("example")) {
        return schema.get("example");
      }
      if (schema.has("enum") && schema.get("enum").size() > 0) {
        return schema.get("enum").get(0);
      }
      if (schema.has("allOf")) {
        ObjectNode merged = NODES.objectNode();
        for (JsonNode part : schema.get("allOf")) {
          JsonNode value = minimal(spec, part, seen);
          if (value.isObject()) {
            merged.setAll((ObjectNode) value);
          }
        }
        return merged;
      }
      for (String choice : new String[] {"oneOf", "anyOf"}) {
        if (schema.has(choice) && schema.get(choice).size() > 0) {
          return minimal(spec, schema.get(choice).get(0), seen);
        }
      }
      switch (schema.path("type").asText(schema.has("properties") ? "object" : "")) {
        case "object": {
          ObjectNode object = NODES.objectNode();
          for (JsonNode name : schema.path("required")) {
            object.set(name.asText(), minimal(spec, schema.path("properties").path(name.asText()), seen));
          }
          return object;
        }
        case "array": {
          ArrayNode array = NODES.arrayNode();
          for (int i = 0; i < schema.path("minItems").asInt(0); i++) {
            array.add(minimal(spec, schema.path("items"), seen));
          }
          return array;
        }
        case "string":
          return NODES.textNode(string(schema));
        case "integer":
          return NODES.numberNode(schema.path("minimum").asLong(0));
        case "number":
          return NODES.numberNode(schema.path("minimum").asDouble(0));
        case "boolean":
          return NODES.booleanNode(false);
        default:
          return NODES.objectNode();
      }
    } finally {
      if (ref != null) {
        seen.remove(ref);
      }
    }
  }

  private static String string(JsonNode schema) {
    switch (schema.path("format").asText("")) {
      case "date-time":
        return "2024-09-01T00:00:00Z";
      case "date":
        return "2024-09-01";
      default:
        int length = Math.max(1, schema.path("minLength").asInt(1));
        return "x".repeat(Math.min(length, 1000));
    }
  }
}
