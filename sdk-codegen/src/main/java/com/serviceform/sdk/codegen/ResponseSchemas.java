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
import java.util.Map;
import java.util.TreeMap;

/**
 * The spec's success response schemas as compact JSON, for the SDK's response validation (which
 * must not bring an OpenAPI parser to run time): per operation its method, path and response
 * schema; the component schemas they reference; and the curation decisions the spec's {@code
 * x-serviceform-curation} extensions point at.
 *
 * <p>A schema keeps what validation needs: {@code type}, {@code format}, {@code nullable}, {@code
 * required}, {@code properties}, {@code additionalProperties} ({@code true}, {@code false} or a
 * schema; absent when the spec says nothing), {@code items}, {@code $ref} (a component name) and
 * {@code curation} (the numbers of docs/spec-curation.md). Anything else is dropped.
 */
final class ResponseSchemas {
  static final String CURATION = "x-serviceform-curation";
  static final String CURATIONS = "x-serviceform-curations";
  private static final String COMPONENT_PREFIX = "#/components/schemas/";

  private ResponseSchemas() {}

  static String describe(OpenAPI openAPI) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode root = json.objectNode();
    root.put("specVersion", openAPI.getInfo() == null ? "" : String.valueOf(openAPI.getInfo().getVersion()));
    ObjectNode curations = root.putObject("curations");
    Object titles = openAPI.getInfo() == null || openAPI.getInfo().getExtensions() == null ? null
        : openAPI.getInfo().getExtensions().get(CURATIONS);
    if (titles instanceof Map) {
      Map<Integer, String> sorted = new TreeMap<>();
      ((Map<?, ?>) titles).forEach((number, title) -> sorted.put(Integer.valueOf(String.valueOf(number)), String.valueOf(title)));
      sorted.forEach((number, title) -> curations.put(String.valueOf(number), title));
    }
    ObjectNode operations = root.putObject("operations");
    if (openAPI.getPaths() != null) {
      openAPI.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
          operation(operations, path, method, operation)));
    }
    ObjectNode schemas = root.putObject("schemas");
    if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
      openAPI.getComponents().getSchemas().forEach((name, schema) -> schemas.set(name, schema(schema)));
    }
    try {
      return new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write the response schemas", e);
    }
  }

  private static void operation(ObjectNode operations, String path, PathItem.HttpMethod method, Operation operation) {
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
        // Decisions about the whole answer (its shape) are stated on the operation.
        ArrayNode numbers = curations(operation.getExtensions());
        if (numbers != null) {
          ArrayNode merged = schema.has("curation") ? (ArrayNode) schema.get("curation") : schema.putArray("curation");
          numbers.forEach(merged::add);
        }
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
      addCurations(node, schema);
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
    addCurations(node, schema);
    return node;
  }

  private static void addCurations(ObjectNode node, Schema<?> schema) {
    ArrayNode numbers = curations(schema.getExtensions());
    if (numbers != null) {
      node.set("curation", numbers);
    }
  }

  /** The numbers of an {@code x-serviceform-curation} extension (one number or a list), or null. */
  private static ArrayNode curations(Map<String, Object> extensions) {
    Object value = extensions == null ? null : extensions.get(CURATION);
    if (value == null) {
      return null;
    }
    ArrayNode numbers = JsonNodeFactory.instance.arrayNode();
    if (value instanceof Iterable) {
      for (Object number : (Iterable<?>) value) {
        numbers.add(number(number));
      }
    } else {
      numbers.add(number(value));
    }
    return numbers;
  }

  private static int number(Object value) {
    try {
      return Integer.parseInt(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw new IllegalStateException(CURATION + " must be a number of docs/spec-curation.md or a list of them, was "
          + value, e);
    }
  }

  /** For tests: the description parsed back. */
  static JsonNode parse(String json) throws java.io.IOException {
    return new ObjectMapper().readTree(json);
  }
}
