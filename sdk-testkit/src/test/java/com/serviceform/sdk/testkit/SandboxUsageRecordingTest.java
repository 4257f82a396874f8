package com.serviceform.sdk.testkit;

import com.serviceform.sdk.api.StatisticsApi.GetChatStatisticsParams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.errors.NotFoundException;
import com.serviceform.sdk.model.ChatQuery;
import com.serviceform.sdk.model.ItemInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the tests used, written to a file for the upgrade-impact report: names and statuses, never values. */
class SandboxUsageRecordingTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SALES = SandboxOperationsTest.SALES;

  static Set<String> strings(JsonNode array) {
    Set<String> values = new TreeSet<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  /** A consumer's test session: items with personal data, a chat query, statistics, a 404. */
  static void exercise(ServiceformClient client) {
    ItemInput input = new ItemInput().primaryField("Aino Secretperson");
    input.putAdditionalProperty("status", "open");
    input.putAdditionalProperty("contact_email", "aino.secret@example.com");
    input.putAdditionalProperty("budget_eur", 4711);
    client.flex().createItem(SALES, input);
    client.flex().listItems(SALES);
    try {
      client.flex().getItem(SALES, "no-such-item");
    } catch (NotFoundException expected) {
      // A status the consumer's code handles: recorded too.
    }
    client.chats().searchChats(new ChatQuery().uid("visitor-777").limit(3).showMessages(true));
    client.statistics().getChatStatistics(GetChatStatisticsParams.builder()
        .startTime(OffsetDateTime.parse("2024-09-01T00:00:00Z")).metrics(List.of("totalChats", "chatsBySource")).build());
  }

  @Test
  void recordsOperationsParametersFieldPathsAndStatusesButNoValues(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("target/serviceform-usage.json");
    try (ServiceformSandbox sandbox = ServiceformSandbox.builder().recordUsage(file).start();
         ServiceformClient client = sandbox.newClient()) {
      exercise(client);
    }

    String text = Files.readString(file, StandardCharsets.UTF_8);
    JsonNode usage = JSON.readTree(text);
    assertEquals("serviceform-usage/1", usage.get("format").asText());
    assertEquals("1.0.1", usage.get("spec").get("version").asText());
    JsonNode ops = usage.get("operations");
    assertEquals(Set.of("createItem", "getChatStatistics", "getItem", "listItems", "searchChats"), names(ops));

    JsonNode create = ops.get("createItem");
    assertEquals("POST", create.get("method").asText());
    assertEquals("/flex/spaces/{spaceId}/items", create.get("path").asText());
    assertEquals(1, create.get("calls").asInt());
    assertEquals("[200]", create.get("statuses").toString());
    assertEquals(Set.of("spaceId"), strings(create.get("pathParameters")));
    assertEquals(Set.of("budget_eur", "contact_email", "primary_field", "status"), strings(create.get("requestFields")));
    assertTrue(strings(create.get("responseFields")).containsAll(Set.of("id", "uid", "created", "status", "status.value",
        "status.label", "contact_email")), create.toString());

    assertEquals("[404]", ops.get("getItem").get("statuses").toString());
    assertTrue(strings(ops.get("listItems").get("responseFields")).containsAll(Set.of("[]", "[].id", "[].uid",
        "[].status.value")));
    JsonNode chats = ops.get("searchChats");
    assertEquals(Set.of("limit", "showMessages", "uid"), strings(chats.get("requestFields")));
    assertEquals("[200]", chats.get("statuses").toString());
    JsonNode statistics = ops.get("getChatStatistics");
    assertEquals(Set.of("metrics", "startTime"), strings(statistics.get("queryParameters")));
    // chatsBySource's keys are data (the sources), not fields: written as *.
    assertEquals(Set.of("chatsBySource", "chatsBySource.*", "totalChats"), strings(statistics.get("responseFields")));

    for (String value : List.of("Aino Secretperson", "aino.secret@example.com", "4711", "visitor-777", SALES,
        "no-such-item", "2024-09-01", "website", "Nordic Timber")) {
      assertFalse(text.contains(value), "the usage file holds the value " + value);
    }
  }

  @Test
  void sandboxesWritingTheSameFileAddUp(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("usage.json");
    for (int run = 0; run < 2; run++) {
      try (ServiceformSandbox sandbox = ServiceformSandbox.builder().recordUsage(file).start();
           ServiceformClient client = sandbox.newClient()) {
        client.flex().listSpaces();
        if (run == 1) {
          client.leads().listLeads();
        }
      }
    }
    JsonNode ops = JSON.readTree(file.toFile()).get("operations");
    assertEquals(2, ops.get("listSpaces").get("calls").asInt());
    assertEquals(1, ops.get("listLeads").get("calls").asInt());
  }

  @Test
  void theSystemPropertyTurnsRecordingOnForEverySandbox(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("from-property.json");
    System.setProperty(ServiceformSandbox.USAGE_FILE_PROPERTY, file.toString());
    try (ServiceformSandbox sandbox = ServiceformSandbox.start()) {
      Raw.send(sandbox, "GET", "/leads", null);
    } finally {
      System.clearProperty(ServiceformSandbox.USAGE_FILE_PROPERTY);
    }
    assertEquals(Set.of("listLeads"), names(JSON.readTree(file.toFile()).get("operations")));
  }

  static Set<String> names(JsonNode object) {
    Set<String> names = new TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
