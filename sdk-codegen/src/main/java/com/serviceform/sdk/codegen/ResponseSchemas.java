package com.serviceform.sdk.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The spec's success response schemas as compact JSON, for the SDK's response validation (which
 * must not bring an OpenAPI parser to run time): per operation its method, path and response
 * schema; the component schemas they reference; and where the curation decisions of
 * docs/spec-curation.md were made.
 *
 * <p>A schema keeps what validation needs: {@code type}, {@code format}, {@code nullable}, {@code
 * required}, {@code properties}, {@code additionalProperties} ({@code true}, {@code false} or a
 * schema; absent when the spec says nothing), {@code items}, {@code $ref} (a component name) and
 * {@code curation} (the numbers of docs/spec-curation.md whose places it is). Anything else is
 * dropped.
 *
 * <p>The places come from {@code info.x-serviceform-curations}: per number a {@code title} and
 * {@code places}, each an {@code operationId} (its success answer), a schema name, or {@code
 * Schema.property}. A place that names nothing fails the generation.
 */
final class ResponseSchemas {
  static final String CURATIONS = "x-serviceform-curations";
  private static final String COMPONENT_PREFIX = "#/components/schemas/";

  private ResponseSchemas() {}

  static String describe(OpenAPI openAPI) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode root = json.objectNode();
    root.put("specVersion", openAPI.getInfo() == null ? "" : String.valueOf(openAPI.getInfo().getVersion()));
    ObjectNode curations = root.putObject("curations");
    Map<String, List<Integer>> places = new TreeMap<>();
    Object declared = openAPI.getInfo() == null || openAPI.getInfo().getExtensions() == null ? null
        : openAPI.getInfo().getExtensions().get(CURATIONS);
    if (declared instanceof Map) {
      Map<Integer, Map<?, ?>> sorted = new TreeMap<>();
      ((Map<?, ?>) declared).forEach((number, decision) -> {
        if (!(decision instanceof Map)) {
          throw new IllegalStateException(CURATIONS + "." + number + " must have a title and places");
        }
        sorted.put(number(number), (Map<?, ?>) decision);
      });
      sorted.forEach((number, decision) -> {
        curations.put(String.valueOf(number), String.valueOf(decision.get("title")));
        Object listed = decision.get("places");
        if (listed instanceof Iterable) {
          for (Object place : (Iterable<?>) listed) {
            places.computeIfAbsent(String.valueOf(place).trim(), k -> new ArrayList<>()).add(number);
          }
        }
      });
    }
    Set<String> used = new HashSet<>();
    ObjectNode operations = root.putObject("operations");
    if (openAPI.getPaths() != null) {
      openAPI.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
          operation(operations, path, method, operation, places, used)));
    }
    ObjectNode schemas = root.putObject("schemas");
    if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
      openAPI.getComponents().getSchemas().forEach((name, schema) -> {
        ObjectNode node = schema(schema);
        mark(node, places.get(name), name, used);
        JsonNode properties = node.get("properties");
        if (properties != null) {
          properties.fields().forEachRemaining(property -> mark((ObjectNode) property.getValue(),
              places.get(name + "." + property.getKey()), name + "." + property.getKey(), used));
        }
        schemas.set(name, node);
      });
    }
    Set<String> unknown = new TreeSet<>(places.keySet());
    unknown.removeAll(used);
    if (!unknown.isEmpty()) {
      throw new IllegalStateException(CURATIONS + ": " + unknown + " name no operation, schema or property of the spec");
    }
    try {
      return new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write the response schemas", e);
    }
  }

  private static void operation(ObjectNode operations, String path, PathItem.HttpMethod method, Operation operation,
      Map<String, List<Integer>> places, Set<String> used) {
    if (operation.getOperationId() == null || operation.getResponses() == null) {
      return;
    }
    ApiResponse success = null;
    String status = null;
    for (Map.Entry<String, ApiResponse> response : operation.getResponses().entrySet()) {
      if (response.getKey().startsWith("2")) {
        success = response.getValue();
        status = response.getKey();
        break;
      }
    }
    ObjectNode described = operations.putObject(operation.getOperationId());
    described.put("method", method.name());
    described.put("path", path);
    if (success != null && success.getContent() != null) {
      MediaType media = success.getContent().get("application/json");
      if (media != null && media.getSchema() != null) {
        described.put("status", status);
        ObjectNode schema = schema(media.getSchema());
        // A decision about the whole answer (its shape) names the operation.
        mark(schema, places.get(operation.getOperationId()), operation.getOperationId(), used);
        described.set("schema", schema);
      }
    }
    Object emptyBody = operation.getExtensions() == null ? null : operation.getExtensions().get("x-serviceform-empty-body");
    if (Boolean.TRUE.equals(emptyBody)) {
      described.put("emptyBodyAllowed", true);
    }
  }

  private static ObjectNode schema(Schema<?> schema) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    if (schema.get$ref() != null) {
      String ref = schema.get$ref();
      node.put("$ref", ref.startsWith(COMPONENT_PREFIX) ? ref.substring(COMPONENT_PREFIX.length()) : ref);
      return node;
    }
    String type = schema.getType();
    if (type == null && schema.getTypes() != null && schema.getTypes().size() == 1) {
      type = schema.getTypes().iterator().next();
    }
    if (type == null && schema.getProperties() != null) {
      type = "object";
    }
    if (type != null) {
      node.put("type", type);
    }
    if (schema.getFormat() != null) {
      node.put("format", schema.getFormat());
    }
    if (Boolean.TRUE.equals(schema.getNullable())) {
      node.put("nullable", true);
    }
    if (schema.getRequired() != null && !schema.getRequired().isEmpty()) {
      ArrayNode required = node.putArray("required");
      schema.getRequired().forEach(required::add);
    }
    if (schema.getProperties() != null) {
      ObjectNode properties = node.putObject("properties");
      schema.getProperties().forEach((name, property) -> properties.set(name, schema(property)));
    }
    Object additional = schema.getAdditionalProperties();
    if (additional instanceof Boolean) {
      node.put("additionalProperties", (Boolean) additional);
    } else if (additional instanceof Schema) {
      node.set("additionalProperties", schema((Schema<?>) additional));
    }
    Schema<?> items = schema instanceof ArraySchema ? ((ArraySchema) schema).getItems() : schema.getItems();
    if (items != null) {
      node.set("items", schema(items));
    }
    return node;
  }

  /** Adds the curation numbers of a place to its node, and notes the place as found. */
  private static void mark(ObjectNode node, List<Integer> numbers, String place, Set<String> used) {
    if (numbers == null) {
      return;
    }
    used.add(place);
    ArrayNode curation = node.putArray("curation");
    numbers.forEach(curation::add);
  }

  private static int number(Object value) {
    try {
      return Integer.parseInt(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw new IllegalStateException(CURATIONS + ": keys are the numbers of docs/spec-curation.md, not " + value, e);
    }
  }
}
