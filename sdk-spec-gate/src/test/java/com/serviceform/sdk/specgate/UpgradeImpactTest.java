package com.serviceform.sdk.specgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upgrade-impact report on the change of docs/regenerating.md's walk-through ({@code archived}
 * added to items, {@code uid} removed from them, {@code status} a required filter of {@code GET
 * /leads}), against usage files like the ones the testkit writes.
 */
class UpgradeImpactTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static Path released;

  @TempDir Path tmp;

  @BeforeAll
  static void locateReleasedSpec() {
    released = Path.of(System.getProperty("serviceform.releasedSpec",
        "../openapi/released/serviceform-public-api.yaml"));
  }

  private Path edited(Consumer<ObjectNode> edit) throws IOException {
    ObjectNode spec = (ObjectNode) YAML.readTree(released.toFile());
    edit.accept(spec);
    Path file = tmp.resolve("new.yaml");
    YAML.writeValue(file.toFile(), spec);
    return file;
  }

  /** The walk-through's change, in the spec's 2.0.0. */
  private Path walkThroughChange() throws IOException {
    return edited(spec -> {
      ObjectNode item = (ObjectNode) spec.path("components").path("schemas").path("Item").path("properties");
      item.putObject("archived").put("type", "boolean");
      item.remove("uid");
      ObjectNode listLeads = (ObjectNode) spec.path("paths").path("/leads").path("get");
      ArrayNode params = listLeads.putArray("parameters");
      ObjectNode status = params.addObject();
      status.put("name", "status").put("in", "query").put("required", true);
      status.putObject("schema").put("type", "string");
      ((ObjectNode) spec.get("info")).put("version", "2.0.0");
    });
  }

  private Path usage(String operations) throws IOException {
    Path file = tmp.resolve("serviceform-usage.json");
    Files.writeString(file, "{\"format\":\"serviceform-usage/1\",\"spec\":{\"title\":\"Serviceform Public API\","
        + "\"version\":\"1.0.1\"},\"operations\":{" + operations + "}}");
    return file;
  }

  static final String LIST_ITEMS = "\"listItems\":{\"method\":\"GET\",\"path\":\"/flex/spaces/{spaceId}/items\","
      + "\"calls\":3,\"statuses\":[200],\"pathParameters\":[\"spaceId\"],\"queryParameters\":[],\"requestFields\":[],"
      + "\"responseFields\":[\"[]\",\"[].id\",\"[].primary_field\",\"[].uid\",\"[].status\",\"[].status.value\"]}";
  static final String LIST_LEADS = "\"listLeads\":{\"method\":\"GET\",\"path\":\"/leads\",\"calls\":2,"
      + "\"statuses\":[200],\"pathParameters\":[],\"queryParameters\":[],\"requestFields\":[],"
      + "\"responseFields\":[\"[]\",\"[].id\",\"[].email\"]}";
  static final String SEARCH_CHATS = "\"searchChats\":{\"method\":\"POST\",\"path\":\"/chats\",\"calls\":5,"
      + "\"statuses\":[200,429],\"pathParameters\":[],\"queryParameters\":[],\"requestFields\":[\"limit\"],"
      + "\"responseFields\":[\"[]\",\"[].cid\",\"[].changed\"]}";

  private static List<String> descriptions(List<UpgradeImpact.Change> changes) {
    return changes.stream().map(UpgradeImpact.Change::toString).collect(Collectors.toList());
  }

  @Test
  void twoOfTheThreeChangesTouchAConsumerOfItemsAndLeads() throws IOException {
    UpgradeImpact.Report report = UpgradeImpact.analyse(released, walkThroughChange(), usage(LIST_ITEMS + "," + LIST_LEADS));

    assertEquals(List.of(
        "BREAKING GET /leads (listLeads): new required query parameter 'status'",
        "BREAKING model Item: property 'uid' removed (its getter and setter disappear)",
        "compatible model Item: optional property 'archived' added"), descriptions(report.changes()));
    assertEquals(List.of(
        "BREAKING GET /leads (listLeads): new required query parameter 'status'",
        "BREAKING model Item: property 'uid' removed (its getter and setter disappear)"),
        descriptions(report.touching()));
    assertEquals(List.of("you call listLeads (2 calls recorded)"), report.touching().get(0).why());
    assertEquals(List.of("your tests received [].uid from listItems"), report.touching().get(1).why());
    assertTrue(report.failed());
    String text = report.text("old.yaml", "new.yaml", "usage.json");
    assertTrue(text.contains("\n2 of 3 changes touch what you use:\n"), text);
    assertTrue(text.endsWith("FAILED: 2 breaking changes touch what you use; adapt your code (docs/versioning.md)"
        + " before upgrading.\n"), text);
  }

  @Test
  void aConsumerOfChatsOnlyIsNotTouchedAndPasses() throws IOException {
    UpgradeImpact.Report report = UpgradeImpact.analyse(released, walkThroughChange(), usage(SEARCH_CHATS));

    assertEquals(3, report.changes().size());
    assertEquals(List.of(), report.touching());
    assertFalse(report.failed());
    String text = report.text("old.yaml", "new.yaml", "usage.json");
    assertTrue(text.contains("\n0 of 3 changes touch what you use.\n"), text);
    assertTrue(text.endsWith("PASSED: no breaking change touches what you use.\n"), text);
  }

  @Test
  void theCommandExitsOneWhenABreakingChangeTouchesTwoOnBadInputAndZeroOtherwise() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    Path changed = walkThroughChange();

    assertEquals(1, UpgradeImpact.run(new String[] {released.toString(), changed.toString(),
        usage(LIST_LEADS).toString()}, o, e));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("1 of 3 changes touches what you use:"), out.toString());
    assertEquals(0, UpgradeImpact.run(new String[] {released.toString(), changed.toString(),
        usage(SEARCH_CHATS).toString()}, o, e));
    Path notUsage = tmp.resolve("other.json");
    Files.writeString(notUsage, "{}");
    assertEquals(2, UpgradeImpact.run(new String[] {released.toString(), changed.toString(), notUsage.toString()}, o, e));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("is not a usage file of the testkit"), err.toString());
    assertEquals(2, UpgradeImpact.run(new String[] {released.toString()}, o, e));
  }

  @Test
  void statusesParametersAndRemovedOperationsAreMatchedToTheUsage() throws IOException {
    Path changed = edited(spec -> {
      ((ObjectNode) spec.path("paths")).remove("/chats");
      ((ObjectNode) spec.path("paths").path("/leads").path("get").path("responses")).remove("401");
      ((ObjectNode) spec.path("paths").path("/flex/spaces/{spaceId}/items").path("get").path("responses"))
          .putObject("429").put("description", "Slow down.");
    });
    UpgradeImpact.Report report = UpgradeImpact.analyse(released, changed, usage(SEARCH_CHATS + "," + LIST_LEADS));

    assertEquals(List.of(
        "compatible GET /flex/spaces/{spaceId}/items (listItems): new response 429",
        "BREAKING GET /leads (listLeads): response 401 removed",
        "BREAKING POST /chats (searchChats): operation removed"), descriptions(report.changes()));
    assertEquals(List.of("BREAKING POST /chats (searchChats): operation removed"), descriptions(report.touching()),
        "the tests never saw a 401 from listLeads, and a new status is an addition");
  }

  @Test
  void whatTheReportCallsBreakingTheSpecGateFailsToo() throws IOException {
    SpecGate.Result gate = SpecGate.check(released, walkThroughChange());
    assertEquals(2, gate.wireBreaking().size() + gate.sdkBreaking().size(), gate.wireBreaking() + " " + gate.sdkBreaking());
    assertEquals(2, UpgradeImpact.analyse(released, walkThroughChange(), usage("")).changes().stream()
        .filter(UpgradeImpact.Change::breaking).count());
  }
}
