package com.serviceform.sdk.specgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate on modified copies of the released spec: each test edits a copy (as a YAML tree) in a
 * temporary folder and runs the same code the build runs.
 */
class SpecGateTest {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static Path released;

  @TempDir Path tmp;

  @BeforeAll
  static void locateReleasedSpec() {
    released = Path.of(System.getProperty("serviceform.releasedSpec",
        "../openapi/released/serviceform-public-api.yaml"));
    assertTrue(Files.isRegularFile(released), "released spec not found: " + released.toAbsolutePath());
  }

  /** Writes a copy of the released spec with {@code edit} applied and returns its path. */
  private Path edited(Consumer<ObjectNode> edit) throws IOException {
    ObjectNode spec = (ObjectNode) YAML.readTree(released.toFile());
    edit.accept(spec);
    Path file = tmp.resolve("edited.yaml");
    YAML.writeValue(file.toFile(), spec);
    return file;
  }

  private static ObjectNode schema(ObjectNode spec, String name) {
    return (ObjectNode) spec.path("components").path("schemas").path(name);
  }

  private static ObjectNode operation(ObjectNode spec, String path, String method) {
    return (ObjectNode) spec.path("paths").path(path).path(method);
  }

  private static void addQueryParameter(ObjectNode spec, String path, String name, boolean required) {
    ObjectNode op = operation(spec, path, "get");
    ArrayNode params = op.has("parameters") ? (ArrayNode) op.get("parameters") : op.putArray("parameters");
    ObjectNode p = params.addObject();
    p.put("name", name).put("in", "query").put("required", required);
    p.putObject("schema").put("type", "string");
  }

  private static void setVersion(ObjectNode spec, String version) {
    ((ObjectNode) spec.get("info")).put("version", version);
  }

  private static boolean mentions(List<String> lines, String text) {
    return lines.stream().anyMatch(l -> l.contains(text));
  }

  @Test
  void theReleasedSpecAgainstItselfPasses() throws IOException {
    SpecGate.Result r = SpecGate.check(released, edited(spec -> {}));
    assertTrue(r.passed(), r.verdict());
    assertFalse(r.changed());
    assertFalse(r.breaking());
  }

  @Test
  void aRemovedPropertyFails() throws IOException {
    Path edited = edited(spec -> ((ObjectNode) schema(spec, "Item").get("properties")).remove("uid"));
    SpecGate.Result r = SpecGate.check(released, edited);
    assertFalse(r.passed(), r.verdict());
    assertTrue(mentions(r.sdkBreaking(), "model Item: property 'uid' removed"), r.sdkBreaking().toString());
    assertTrue(r.verdict().startsWith("FAILED"), r.verdict());
    assertTrue(r.verdict().contains("set info.version to 2.0.0"), r.verdict());
  }

  @Test
  void aNewRequiredQueryParameterFails() throws IOException {
    SpecGate.Result r = SpecGate.check(released,
        edited(spec -> addQueryParameter(spec, "/leads", "status", true)));
    assertFalse(r.passed(), r.verdict());
    assertTrue(mentions(r.wireBreaking(), "GET /leads (listLeads): new required query parameter 'status'"),
        r.wireBreaking().toString());
  }

  @Test
  void anAddedOptionalPropertyPasses() throws IOException {
    SpecGate.Result r = SpecGate.check(released, edited(spec ->
        ((ObjectNode) schema(spec, "Item").get("properties")).putObject("archived").put("type", "boolean")));
    assertTrue(r.passed(), r.verdict());
    assertTrue(r.changed());
    assertFalse(r.breaking(), r.wireBreaking() + " " + r.sdkBreaking());
    assertTrue(r.verdict().contains("info.version stayed 1.0.1"), r.verdict());
  }

  @Test
  void aRemovedPropertyPassesWhenTheMajorVersionIsRaised() throws IOException {
    SpecGate.Result r = SpecGate.check(released, edited(spec -> {
      ((ObjectNode) schema(spec, "Item").get("properties")).remove("uid");
      setVersion(spec, "2.0.0");
    }));
    assertTrue(r.breaking());
    assertTrue(r.majorRaised());
    assertTrue(r.passed(), r.verdict());
  }

  @Test
  void aMinorVersionBumpDoesNotExcuseABreakingChange() throws IOException {
    SpecGate.Result r = SpecGate.check(released, edited(spec -> {
      ((ObjectNode) schema(spec, "Item").get("properties")).remove("uid");
      setVersion(spec, "1.1.0");
    }));
    assertFalse(r.passed(), r.verdict());
  }

  @Test
  void aNewOptionalQueryParameterIsCompatible() throws IOException {
    // Passed by name in a parameter object: the operation gains ListLeadsParams and an overload,
    // and keeps its plain method.
    SpecGate.Result r = SpecGate.check(released,
        edited(spec -> addQueryParameter(spec, "/leads", "status", false)));
    assertTrue(r.wireBreaking().isEmpty(), "compatible on the wire: " + r.wireBreaking());
    assertTrue(r.sdkBreaking().isEmpty(), "compatible in Java: " + r.sdkBreaking());
    assertTrue(r.changed());
    assertTrue(r.passed(), r.verdict());
  }

  private static ArrayNode statisticsParameters(ObjectNode spec) {
    return (ArrayNode) operation(spec, "/statistics/chat", "get").get("parameters");
  }

  @Test
  void swappingTheOrderOfTwoQueryParametersChangesNothingForCallers() throws IOException {
    // The edit that used to swap callers' arguments silently: startTime and endTime traded places.
    SpecGate.Result r = SpecGate.check(released, edited(spec -> {
      ArrayNode params = statisticsParameters(spec);
      com.fasterxml.jackson.databind.JsonNode start = params.get(0);
      params.set(0, params.get(1));
      params.set(1, start);
    }));
    assertTrue(r.wireBreaking().isEmpty(), r.wireBreaking().toString());
    assertTrue(r.sdkBreaking().isEmpty(), "by name, so nothing moves: " + r.sdkBreaking());
    assertTrue(r.passed(), r.verdict());
  }

  @Test
  void makingOneQueryParameterRequiredIsNamedAsBreakingOnTheWireAndInJava() throws IOException {
    // The other edit: only endTime becomes required. Nothing is reordered (parameters go by name,
    // sortParamsByRequiredFlag is off); the gate names what changes for callers.
    SpecGate.Result r = SpecGate.check(released, edited(spec ->
        ((ObjectNode) statisticsParameters(spec).get(1)).put("required", true)));
    assertTrue(mentions(r.wireBreaking(), "query parameter 'endTime' is now required"), r.wireBreaking().toString());
    assertTrue(mentions(r.sdkBreaking(), "GET /statistics/chat (getChatStatistics): query parameter 'endTime' became "
        + "required (GetChatStatisticsParams.build() fails without it, and the form of the method without "
        + "GetChatStatisticsParams is removed)"), r.sdkBreaking().toString());
    assertFalse(mentions(r.sdkBreaking(), "startTime"), "only endTime changed: " + r.sdkBreaking());
    assertFalse(r.passed());
  }

  @Test
  void aRemovedOrRetypedQueryParameterIsNamed() throws IOException {
    SpecGate.Result removed = SpecGate.check(released, edited(spec -> statisticsParameters(spec).remove(2)));
    assertTrue(mentions(removed.sdkBreaking(), "query parameter 'metrics' removed (GetChatStatisticsParams.Builder"
        + ".metrics(...) disappears"), removed.sdkBreaking().toString());
    assertFalse(removed.passed());

    SpecGate.Result retyped = SpecGate.check(released, edited(spec ->
        ((ObjectNode) statisticsParameters(spec).get(0).get("schema")).remove("format")));
    assertTrue(mentions(retyped.sdkBreaking(), "query parameter 'startTime' changed type from string/date-time to "
        + "string"), retyped.sdkBreaking().toString());
    assertFalse(retyped.passed());
  }

  @Test
  void reorderingPathParametersChangesNothingForCallers() throws IOException {
    // Path parameters are generated in the order they appear in the path, not as declared.
    SpecGate.Result r = SpecGate.check(released, edited(spec -> {
      ObjectNode item = (ObjectNode) spec.path("paths").path("/flex/spaces/{spaceId}/items/{itemId}");
      ArrayNode params = (ArrayNode) item.get("parameters");
      com.fasterxml.jackson.databind.JsonNode first = params.get(0);
      params.set(0, params.get(1));
      params.set(1, first);
    }));
    assertTrue(r.sdkBreaking().isEmpty(), r.sdkBreaking().toString());
    assertTrue(r.passed(), r.verdict());
  }

  @Test
  void aRemovedOperationFails() throws IOException {
    SpecGate.Result r = SpecGate.check(released,
        edited(spec -> ((ObjectNode) spec.get("paths")).remove("/statistics/chat")));
    assertFalse(r.passed());
    assertTrue(mentions(r.wireBreaking(), "GET /statistics/chat (getChatStatistics): operation removed"),
        r.wireBreaking().toString());
  }

  @Test
  void aChangedPropertyTypeFails() throws IOException {
    SpecGate.Result r = SpecGate.check(released, edited(spec ->
        ((ObjectNode) schema(spec, "Lead").path("properties").path("pid")).put("type", "integer")));
    assertFalse(r.passed());
    assertTrue(mentions(r.sdkBreaking(), "model Lead: property 'pid' changed type from string to integer"),
        r.sdkBreaking().toString());
  }

  @Test
  void aRenamedOperationFails() throws IOException {
    SpecGate.Result r = SpecGate.check(released,
        edited(spec -> operation(spec, "/leads", "get").put("operationId", "getLeads")));
    assertFalse(r.passed());
    assertTrue(mentions(r.sdkBreaking(), "operationId changed from 'listLeads' to 'getLeads'"),
        r.sdkBreaking().toString());
  }

  @Test
  void aNewOperationPasses() throws IOException {
    SpecGate.Result r = SpecGate.check(released, edited(spec -> {
      ObjectNode get = ((ObjectNode) spec.get("paths")).putObject("/leads/{leadId}").putObject("get");
      get.putArray("tags").add("Leads");
      get.put("operationId", "getLead");
      ObjectNode param = get.putArray("parameters").addObject();
      param.put("name", "leadId").put("in", "path").put("required", true);
      param.putObject("schema").put("type", "string");
      get.putObject("responses").putObject("200").put("description", "The lead.")
          .putObject("content").putObject("application/json").putObject("schema")
          .put("$ref", "#/components/schemas/Lead");
    }));
    assertTrue(r.passed(), r.verdict());
    assertTrue(r.changed());
    assertFalse(r.breaking(), r.wireBreaking() + " " + r.sdkBreaking());
  }

  @Test
  void aVersionThatGoesBackFails() throws IOException {
    SpecGate.Result r = SpecGate.check(released, edited(spec -> setVersion(spec, "1.0.0")));
    assertFalse(r.passed());
    assertTrue(r.verdict().contains("went back"), r.verdict());
  }

  @Test
  void mainPrintsTheResultWritesAReportAndThrowsOnFailure() throws IOException {
    Path edited = edited(spec -> ((ObjectNode) schema(spec, "Item").get("properties")).remove("uid"));
    Path reports = tmp.resolve("reports");
    IllegalStateException e = assertThrows(IllegalStateException.class, () ->
        SpecGate.main(new String[] {released.toString(), edited.toString(), reports.toString()}));
    assertTrue(e.getMessage().contains("FAILED"), e.getMessage());
    String report = Files.readString(reports.resolve("spec-gate.md"));
    assertTrue(report.contains("model Item: property 'uid' removed"), report);
  }

  @Test
  void mainPassesQuietlyOnAnEquivalentSpec() throws IOException {
    Path copy = edited(spec -> {});
    SpecGate.main(new String[] {released.toString(), copy.toString()});
  }

  @Test
  void versionsAreComparedNumerically() {
    assertEquals(1, SpecGate.major("1.0.1"));
    assertTrue(SpecGate.compare("1.10.0", "1.9.3") > 0);
    assertThrows(IllegalArgumentException.class, () -> SpecGate.major("v1"));
  }

  @Test
  void anUnreadableSpecIsAnError() throws IOException {
    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(bad, "openapi: 3.0.3\ninfo: [not, an, object]\n");
    assertThrows(IllegalArgumentException.class, () -> SpecGate.check(released, bad));
  }
}
