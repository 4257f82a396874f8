package com.serviceform.sdk.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The compact response schemas the SDK validates with, made from the project's spec. */
class ResponseSchemasTest {
  static OpenAPI spec() {
    Path spec = Path.of(System.getProperty("user.dir")).getParent().resolve("openapi/serviceform-public-api.yaml");
    return new OpenAPIV3Parser().read(spec.toString());
  }

  @Test
  void theCurationPlacesBecomeMarksOnTheirNodes() throws Exception {
    JsonNode described = new ObjectMapper().readTree(ResponseSchemas.describe(spec()));
    assertEquals("[1]", described.at("/operations/listSpaces/schema/curation").toString());
    assertEquals("[9,16]", described.at("/schemas/Chat/properties/agentJoinedTime/curation").toString());
    assertEquals("[7]", described.at("/schemas/Item/curation").toString());
    assertEquals("Item", described.at("/operations/getItem/schema/$ref").asText());
    assertTrue(described.at("/operations/deleteItem/emptyBodyAllowed").asBoolean());
    assertEquals("only ids and machine names are required", described.at("/curations/15").asText());
  }

  @Test
  void aPlaceThatNamesNothingFailsTheGeneration() {
    OpenAPI spec = spec();
    @SuppressWarnings("unchecked")
    java.util.Map<Object, java.util.Map<String, Object>> curations =
        (java.util.Map<Object, java.util.Map<String, Object>>) spec.getInfo().getExtensions().get(ResponseSchemas.CURATIONS);
    curations.values().iterator().next().put("places", java.util.List.of("Chat.changedd"));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> ResponseSchemas.describe(spec));
    assertTrue(e.getMessage().contains("[Chat.changedd] name no operation, schema or property"), e.getMessage());
  }
}
