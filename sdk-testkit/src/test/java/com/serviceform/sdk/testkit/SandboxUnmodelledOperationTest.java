package com.serviceform.sdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.serviceform.sdk.api.ApiOperation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An operation added to the spec that the sandbox has no handler for is still served, from the
 * spec: here {@code GET /leads/{leadId}} (with an example) and {@code GET /leads/{leadId}/notes}
 * (without one), added to a copy of the packaged spec.
 */
class SandboxUnmodelledOperationTest {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final ObjectMapper JSON = new ObjectMapper();

  /** The packaged spec plus the two operations, as JSON (which is YAML too). */
  static String specWithNewOperations() throws Exception {
    ObjectNode spec = (ObjectNode) YAML.readTree(SpecValidator.packagedSpecText());
    ObjectNode paths = (ObjectNode) spec.get("paths");

    ObjectNode lead = paths.putObject("/leads/{leadId}");
    lead.set("parameters", JSON.readTree("[{\"name\":\"leadId\",\"in\":\"path\",\"required\":true,"
        + "\"schema\":{\"type\":\"string\",\"minLength\":1}}]"));
    ObjectNode getLead = lead.putObject("get");
    getLead.put("operationId", "getLead").put("x-serviceform-retry-safe", true);
    getLead.putArray("tags").add("Leads");
    getLead.set("security", JSON.readTree("[{\"sfApiKey\":[]}]"));
    ObjectNode ok = getLead.putObject("responses").putObject("200");
    ok.put("description", "The lead.");
    ObjectNode media = ok.putObject("content").putObject("application/json");
    media.putObject("schema").put("$ref", "#/components/schemas/Lead");
    media.set("example", JSON.readTree("{\"id\":\"66b1a2c3d4e5f6a7b8c9d0e1\",\"first_name\":\"Aino\","
        + "\"created\":\"2024-08-30T05:48:46.202Z\"}"));
    ((ObjectNode) getLead.get("responses")).putObject("401").put("$ref", "#/components/responses/Unauthorized");
    ((ObjectNode) getLead.get("responses")).putObject("404").put("$ref", "#/components/responses/NotFound");

    ObjectNode notes = paths.putObject("/leads/{leadId}/notes");
    notes.set("parameters", lead.get("parameters"));
    ObjectNode listNotes = notes.putObject("get");
    listNotes.put("operationId", "listLeadNotes").put("x-serviceform-retry-safe", true);
    listNotes.set("security", JSON.readTree("[{\"sfApiKey\":[]}]"));
    ObjectNode notesOk = listNotes.putObject("responses").putObject("200");
    notesOk.put("description", "The notes.");
    notesOk.putObject("content").putObject("application/json").set("schema", JSON.readTree(
        "{\"type\":\"object\",\"required\":[\"leadId\",\"notes\",\"at\",\"count\"],\"properties\":{"
            + "\"leadId\":{\"type\":\"string\",\"minLength\":3},\"notes\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
            + "\"at\":{\"type\":\"string\",\"format\":\"date-time\"},\"count\":{\"type\":\"integer\",\"minimum\":1},"
            + "\"kind\":{\"type\":\"string\",\"enum\":[\"call\",\"mail\"]}}}"));
    ((ObjectNode) listNotes.get("responses")).putObject("403").put("$ref", "#/components/responses/Forbidden");
    return JSON.writeValueAsString(spec);
  }

  /** Runs {@code call} with standard error (where the test's SLF4J binding logs) discarded. */
  static <T> T quietly(java.util.function.Supplier<T> call) {
    PrintStream err = System.err;
    System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      return call.get();
    } finally {
      System.setErr(err);
    }
  }

  @Test
  void anOperationWithoutAHandlerIsAnsweredFromItsExampleAndTheLogSaysSo() throws Exception {
    PrintStream err = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    SpecValidator spec = SpecValidator.of(specWithNewOperations());
    try (ServiceformSandbox sandbox = ServiceformSandbox.builder().spec(spec).start()) {
      System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
      HttpResponse<String> response;
      try {
        response = Raw.send(sandbox, "GET", "/leads/ld-42", null);
        Raw.send(sandbox, "GET", "/leads/ld-43", null);
      } finally {
        System.setErr(err);
      }

      assertEquals(200, response.statusCode());
      assertEquals(JSON.readTree("{\"id\":\"66b1a2c3d4e5f6a7b8c9d0e1\",\"first_name\":\"Aino\","
          + "\"created\":\"2024-08-30T05:48:46.202Z\"}"), JSON.readTree(response.body()));
      assertEquals(List.of(), spec.validateResponse("GET", "/leads/ld-42", 200,
          Map.of("Content-Type", List.of("application/json")), response.body()));
      sandbox.assertNoViolations();
      assertEquals(2, sandbox.requestCount("getLead"));
      assertFalse(sandbox.isModelled("getLead"));
      String printed = log.toString(StandardCharsets.UTF_8);
      assertTrue(printed.contains("The sandbox has no handler for getLead (GET /leads/{leadId}): it answers from the"
          + " spec's example and does not model it statefully."), printed);
      assertEquals(1, printed.split("no handler for getLead", -1).length - 1, "said once: " + printed);

      // The rest of the sandbox treats it like any operation: key, spec check, faults.
      assertEquals(401, Raw.send(sandbox, "GET", "/leads/ld-42", "wrong-key", null).statusCode());
      sandbox.faults().failNext("getLead", 1, SandboxFault.serviceUnavailable());
      assertEquals(503, Raw.send(sandbox, "GET", "/leads/ld-42", null).statusCode());
      assertEquals(200, Raw.send(sandbox, "GET", "/leads/ld-42", null).statusCode());
      assertEquals(200, Raw.send(sandbox, "GET", "/leads", null).statusCode(), "the modelled ones are unchanged");
      sandbox.assertNoViolations();
    }
  }

  @Test
  void withoutAnExampleTheAnswerIsTheSmallestBodyTheSchemaAllows() throws Exception {
    SpecValidator spec = SpecValidator.of(specWithNewOperations());
    try (ServiceformSandbox sandbox = ServiceformSandbox.builder().spec(spec).start()) {
      HttpResponse<String> response = quietly(() -> Raw.send(sandbox, "GET", "/leads/ld-42/notes", null));

      assertEquals(200, response.statusCode());
      JsonNode body = JSON.readTree(response.body());
      assertEquals(JSON.readTree("{\"leadId\":\"xxx\",\"notes\":[],\"at\":\"2024-09-01T00:00:00Z\",\"count\":1}"), body);
      sandbox.assertNoViolations();
    }
  }

  @Test
  void everyOperationOfThePackagedSpecIsServedWithADeclaredStatus() throws Exception {
    JsonNode paths = YAML.readTree(SpecValidator.packagedSpecText()).get("paths");
    try (ServiceformSandbox sandbox = ServiceformSandbox.start()) {
      paths.properties().forEach(path -> path.getValue().properties().forEach(entry -> {
        JsonNode op = entry.getValue();
        if (!op.has("operationId")) {
          return;
        }
        String concrete = path.getKey().replaceAll("\\{[^}]+}", "p-1");
        JsonNode example = op.path("requestBody").path("content").path("application/json").path("example");
        HttpResponse<String> response = Raw.send(sandbox, entry.getKey().toUpperCase(java.util.Locale.ROOT), concrete,
            example.isMissingNode() ? null : example.toString());
        assertTrue(op.get("responses").has(Integer.toString(response.statusCode())),
            op.get("operationId").asText() + " answered " + response.statusCode());
      }));
      sandbox.assertNoViolations();
    }
    // Every generated constant names an operation of the packaged spec (both come from the same file).
    for (ApiOperation operation : ApiOperation.values()) {
      assertTrue(paths.path(operation.path()).has(operation.method().toLowerCase(java.util.Locale.ROOT)), operation.name());
    }
  }

  @Test
  void aHandlerIsBoundOnlyToTheOperationItWasWrittenFor() throws Exception {
    // The same operationId on another path (a spec that moved an operation) is not the handled one.
    ObjectNode spec = (ObjectNode) YAML.readTree(SpecValidator.packagedSpecText());
    ObjectNode paths = (ObjectNode) spec.get("paths");
    paths.set("/v2/leads", paths.remove("/leads"));
    try (ServiceformSandbox sandbox = ServiceformSandbox.builder().spec(SpecValidator.of(JSON.writeValueAsString(spec)))
        .start()) {
      assertFalse(sandbox.isModelled("listLeads"));
      HttpResponse<String> response = quietly(() -> Raw.send(sandbox, "GET", "/v2/leads", null));
      assertEquals(200, response.statusCode());
      assertTrue(JSON.readTree(response.body()) instanceof ArrayNode);
    }
  }
}
