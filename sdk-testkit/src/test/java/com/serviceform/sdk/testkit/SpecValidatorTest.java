package com.serviceform.sdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The reusable validator, and the sandbox's assumptions about the spec it packages. */
class SpecValidatorTest {
  static final SpecValidator VALIDATOR = SpecValidator.packaged();
  static final Map<String, List<String>> KEY = Map.of("sf-api-key", List.of("k"), "Content-Type", List.of("application/json"));
  static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"));

  static JsonNode spec() throws Exception {
    return new ObjectMapper(new YAMLFactory()).readTree(SpecValidator.packagedSpecText());
  }

  @Test
  void thePackagedSpecIsTheProjectsSpec() throws Exception {
    Path source = Path.of(System.getProperty("maven.multiModuleProjectDirectory", "../"), "openapi",
        "serviceform-public-api.yaml");
    if (!Files.exists(source)) {
      source = Path.of("..", "openapi", "serviceform-public-api.yaml");
    }
    assertEquals(Files.readString(source), SpecValidator.packagedSpecText());
    assertSame(VALIDATOR, SpecValidator.packaged(), "parsed once");
  }

  @Test
  void aConformingRequestHasNoMessages() {
    assertEquals(List.of(), VALIDATOR.validateRequest("POST", "/chats", Map.of(), KEY,
        "{\"startTime\":\"2024-09-01T00:00:00+03:00\",\"limit\":5,\"showMessages\":true}"));
    assertEquals(List.of(), VALIDATOR.validateRequest("get", "/statistics/chat",
        Map.of("metrics", List.of("totalChats", "chatsBySource")), KEY, null));
  }

  @Test
  void undeclaredBodyPropertiesAreAllowedAsOpenApiSays() {
    assertEquals(List.of(), VALIDATOR.validateRequest("POST", "/chats", Map.of(), KEY, "{\"sortBy\":\"changed\"}"));
  }

  @Test
  void requestProblemsComeBackAsReadableLines() {
    assertEquals(List.of(
        "validation.request.security.missing: PUT on path '/flex/spaces/a/items/b' requires security parameters. None found.",
        "validation.request.body.schema.type: [Path '/primary_field'] Instance type (boolean) does not match any"
            + " allowed primitive type (allowed: [\"string\"])"),
        VALIDATOR.validateRequest("PUT", "/flex/spaces/a/items/b", Map.of(), JSON, "{\"primary_field\":true}"));
  }

  @Test
  void responsesAreCheckedAgainstTheDocumentedStatusesAndSchemas() {
    assertEquals(List.of(), VALIDATOR.validateResponse("GET", "/leads", 200, JSON, "[{\"id\":\"l\",\"duration\":3}]"));
    assertEquals(List.of(), VALIDATOR.validateResponse("GET", "/leads", 401, JSON, "{\"error\":\"x\"}"));
    assertEquals(List.of("validation.response.body.schema.type: [Path '/0/duration'] Instance type (string) does"
        + " not match any allowed primitive type (allowed: [\"integer\"])"),
        VALIDATOR.validateResponse("GET", "/leads", 200, JSON, "[{\"id\":\"l\",\"duration\":\"3\"}]"));
    assertEquals(List.of("validation.response.status.unknown: Response status 503 not defined for path '/chats'."),
        VALIDATOR.validateResponse("POST", "/chats", 503, JSON, "{}"));
    assertEquals(List.of("validation.response.body.schema.maximum: [Path '/satisfactionScore'] Numeric instance is"
        + " greater than the required maximum (maximum: 5, found: 6)"),
        VALIDATOR.validateResponse("GET", "/statistics/chat", 200, JSON, "{\"satisfactionScore\":6}"));
  }

  @Test
  void badArgumentsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> VALIDATOR.validateRequest("FETCH", "/chats", Map.of(), KEY, null));
    assertThrows(NullPointerException.class, () -> VALIDATOR.validateRequest("GET", null, Map.of(), KEY, null));
  }

  @Test
  void operationIdsMatchEveryOperationOfTheSpec() throws Exception {
    Map<String, String> inSpec = new TreeMap<>();
    JsonNode paths = spec().get("paths");
    for (Map.Entry<String, JsonNode> path : paths.properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        if (op.getValue().has("operationId")) {
          String concrete = path.getKey().replace("{spaceId}", "sp-1").replace("{itemId}", "it-1");
          inSpec.put(op.getKey().toUpperCase(Locale.ROOT) + " " + concrete, op.getValue().get("operationId").asText());
        }
      }
    }
    // The enum generated from the same spec: no count written here.
    assertEquals(com.serviceform.sdk.api.ApiOperation.values().length, inSpec.size());
    Map<String, String> routed = new TreeMap<>();
    inSpec.keySet().forEach(key -> {
      String[] parts = key.split(" ");
      routed.put(key, VALIDATOR.operationId(parts[0], parts[1]).orElse("none"));
    });
    assertEquals(inSpec, routed);
    assertEquals(Set.copyOf(inSpec.values()), Set.copyOf(ServiceformSandbox.operationIds()));
    assertEquals(Optional.empty(), VALIDATOR.operationId("GET", "/flex/spaces/"));
    assertEquals(Optional.empty(), VALIDATOR.operationId("POST", "/leads"));
  }

  @Test
  void theSpecUsesOnlySchemaKeywordsTheValidatorKnows() throws Exception {
    JsonNode spec = spec();
    Set<String> unknown = new TreeSet<>();
    spec.get("components").get("schemas").properties().forEach(e -> keywords(e.getValue(), "#/components/schemas/" + e.getKey(), unknown));
    collectSchemas(spec.get("paths"), "#/paths", unknown);
    collectSchemas(spec.get("components"), "#/components", unknown);
    assertEquals(Set.of(), unknown, "schema keywords the testkit's validator does not check (SchemaCheck.SUPPORTED)");
  }

  /** Every value under a key named "schema" is a schema. */
  private static void collectSchemas(JsonNode node, String at, Set<String> unknown) {
    node.properties().forEach(e -> {
      if (e.getKey().equals("schema") && e.getValue().isObject()) {
        keywords(e.getValue(), at + "/schema", unknown);
      } else if (e.getValue().isContainerNode()) {
        collectSchemas(e.getValue(), at + "/" + e.getKey(), unknown);
      }
    });
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectSchemas(node.get(i), at + "/" + i, unknown);
      }
    }
  }

  private static void keywords(JsonNode schema, String at, Set<String> unknown) {
    schema.properties().forEach(e -> {
      String key = e.getKey();
      if (!key.startsWith("x-") && !com.serviceform.sdk.testkit.internal.SchemaCheck.SUPPORTED.contains(key)) {
        unknown.add(at + ": " + key);
      }
    });
    if (schema.has("properties")) {
      schema.get("properties").properties().forEach(e -> keywords(e.getValue(), at + "/properties/" + e.getKey(), unknown));
    }
    for (String key : List.of("items", "additionalProperties", "not")) {
      if (schema.path(key).isObject()) {
        keywords(schema.get(key), at + "/" + key, unknown);
      }
    }
    for (String key : List.of("allOf", "anyOf", "oneOf")) {
      for (JsonNode sub : schema.path(key)) {
        keywords(sub, at + "/" + key, unknown);
      }
    }
  }

  @Test
  void contentTypesFormatsNullsAndMapsAreChecked() {
    Map<String, List<String>> text = Map.of("sf-api-key", List.of("k"), "Content-Type", List.of("text/plain"));
    assertEquals(List.of("validation.request.contentType.notAllowed: Request Content-Type header 'text/plain' does not"
        + " match any allowed types. Must be one of: [application/json]."),
        VALIDATOR.validateRequest("POST", "/flex/spaces/sp/items", Map.of(), text, "{\"primary_field\":\"x\"}"));
    assertEquals(List.of(), VALIDATOR.validateRequest("POST", "/flex/spaces/sp/items", Map.of(),
        Map.of("sf-api-key", List.of("k"), "content-type", List.of("application/json; charset=UTF-8")), "{\"primary_field\":\"x\"}"));
    assertEquals(List.of(), VALIDATOR.validateResponse("POST", "/chats", 200, JSON, "[{\"cid\":\"c\",\"agentId\":null}]"));
    assertEquals(List.of("validation.response.body.schema.type: [Path '/0/source'] Instance type (null) does not match"
        + " any allowed primitive type (allowed: [\"string\"])"),
        VALIDATOR.validateResponse("POST", "/chats", 200, JSON, "[{\"cid\":\"c\",\"source\":null}]"));
    assertEquals(List.of("validation.response.body.schema.type: [Path '/chatsBySource/website'] Instance type (string)"
        + " does not match any allowed primitive type (allowed: [\"integer\"])"),
        VALIDATOR.validateResponse("GET", "/statistics/chat", 200, JSON, "{\"chatsBySource\":{\"website\":\"many\"}}"));
    assertEquals(List.of("validation.response.body.schema.format.date-time: [Path '/created'] String \"2024-09-01\" is"
        + " invalid against requested date-time format (RFC 3339, for example 2024-09-01T10:00:00Z)"),
        VALIDATOR.validateResponse("GET", "/flex/spaces/s/items/i", 200, JSON, "{\"id\":\"i\",\"created\":\"2024-09-01\"}"));
    assertEquals(List.of("validation.request.parameter.schema.format.date-time: String \"2024-09-01T10:00Z\" is invalid"
        + " against requested date-time format (RFC 3339, for example 2024-09-01T10:00:00Z)"),
        VALIDATOR.validateRequest("GET", "/statistics/chat", Map.of("endTime", List.of("2024-09-01T10:00Z")), KEY, null));
    assertEquals(List.of("validation.response.body.missing: A response body is expected but none found."),
        VALIDATOR.validateResponse("GET", "/leads", 200, JSON, ""));
    List<String> broken = VALIDATOR.validateResponse("GET", "/leads", 200, JSON, "[");
    assertEquals(1, broken.size());
    assertTrue(broken.get(0).startsWith("validation.response.body.schema.invalidJson: Unable to parse JSON - "), broken.get(0));
  }

  /**
   * The sandbox checks chats by shape (which properties, which JSON types), which is sound only while
   * the Chat and ChatMessage schemas constrain nothing else. If this fails, the spec gained a value
   * constraint: make ChatShapes validate every chat, or include the constrained values in the shape.
   */
  @Test
  void chatSchemasConstrainOnlyPropertiesAndTypes() throws Exception {
    JsonNode schemas = spec().get("components").get("schemas");
    Set<String> objectKeys = Set.of("type", "description", "required", "properties");
    Set<String> propertyKeys = Set.of("type", "format", "nullable", "description", "items");
    Set<String> formats = Set.of("int32", "int64", "double");
    for (String name : List.of("Chat", "ChatMessage")) {
      JsonNode schema = schemas.get(name);
      assertEquals(Set.of(), minus(names(schema), objectKeys), name);
      for (Map.Entry<String, JsonNode> property : schema.get("properties").properties()) {
        JsonNode p = property.getValue();
        assertEquals(Set.of(), minus(names(p), propertyKeys), name + "." + property.getKey());
        if (p.has("format")) {
          assertTrue(formats.contains(p.get("format").asText()), name + "." + property.getKey());
        }
        if (p.has("items")) {
          assertEquals("#/components/schemas/ChatMessage", p.get("items").get("$ref").asText());
        }
      }
    }
    assertEquals("[\"cid\"]", schemas.get("Chat").get("required").toString());
  }

  private static Set<String> names(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Set<String> minus(Set<String> a, Set<String> b) {
    Set<String> result = new TreeSet<>(a);
    result.removeAll(b);
    return result;
  }
}
