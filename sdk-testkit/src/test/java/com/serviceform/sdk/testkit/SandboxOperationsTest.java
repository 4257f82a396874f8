package com.serviceform.sdk.testkit;

import com.serviceform.sdk.api.StatisticsApi.GetChatStatisticsParams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.errors.BadRequestException;
import com.serviceform.sdk.errors.NotFoundException;
import com.serviceform.sdk.errors.UnprocessableEntityException;
import com.serviceform.sdk.model.AgentChatStatistics;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.ChatQuery;
import com.serviceform.sdk.model.ChatStatistics;
import com.serviceform.sdk.model.Item;
import com.serviceform.sdk.model.ItemInput;
import com.serviceform.sdk.model.Lead;
import com.serviceform.sdk.model.Space;
import com.serviceform.sdk.model.SpaceField;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each operation of the spec on the default seed, through the SDK, and the state it leaves. */
class SandboxOperationsTest {
  static final String SALES = "64f1c2a9e4b0a1d2c3e4f5a6";
  static final String SUPPORT = "64f1c2a9e4b0a1d2c3e4f5a7";
  static final Instant START = Instant.parse("2026-03-02T10:00:00.123Z");
  static final OffsetDateTime SEPTEMBER_START = OffsetDateTime.parse("2024-09-01T00:00:00Z");
  static final OffsetDateTime SEPTEMBER_END = OffsetDateTime.parse("2024-09-30T23:59:59Z");

  static MutableClock clock;
  static ServiceformSandbox sandbox;
  static ServiceformClient client;

  @BeforeAll
  static void start() {
    clock = new MutableClock(START);
    sandbox = ServiceformSandbox.builder().clock(clock).start();
    client = sandbox.newClient();
  }

  @AfterAll
  static void stop() {
    client.close();
    sandbox.close();
  }

  @BeforeEach
  void reset() {
    clock.set(START);
    sandbox.reset();
  }

  @AfterEach
  void noViolations() {
    sandbox.assertNoViolations();
  }

  @Test
  void listSpacesAnswersTheSeededSpacesWithFieldsAndOptions() {
    List<Space> spaces = client.flex().listSpaces();

    assertEquals(List.of(SALES, SUPPORT), spaces.stream().map(Space::getId).collect(Collectors.toList()));
    Space sales = spaces.get(0);
    assertEquals("Sales pipeline", sales.getName());
    assertEquals(List.of("primary_field", "status", "budget_eur", "contact_email"),
        sales.getFields().stream().map(SpaceField::getMachine).collect(Collectors.toList()));
    SpaceField status = sales.getFields().get(1);
    assertEquals("select", status.getType());
    assertEquals(List.of("Open", "Won", "Lost"),
        status.getOptions().stream().map(o -> o.getLabel()).collect(Collectors.toList()));
    assertEquals(1, sandbox.requestCount("listSpaces"));
  }

  @Test
  void listItemsAnswersTheItemsOfASpaceWithCustomFields() {
    List<Item> items = client.flex().listItems(SALES);

    assertEquals(List.of("Nordic Timber Oy", "Baltic Freight AS", "Lakeside Dental Clinic"),
        items.stream().map(Item::getPrimaryField).collect(Collectors.toList()));
    Item first = items.get(0);
    assertEquals(Map.of("value", "open", "label", "Open"), first.getAdditionalProperty("status"));
    assertEquals(15000, first.getAdditionalProperty("budget_eur"));
    assertEquals(OffsetDateTime.parse("2024-08-30T05:48:46.195Z"), first.getCreated());
    assertEquals(2, client.flex().listItems(SUPPORT).size());
  }

  @Test
  void listItemsOfAnUnknownSpaceIs404() {
    NotFoundException e = assertThrows(NotFoundException.class, () -> client.flex().listItems("no-such-space"));
    assertEquals(404, e.statusCode());
    assertEquals("{\"error\":\"space 'no-such-space' not found\"}", e.body());
  }

  @Test
  void createItemKeepsCustomFieldsAndStoresASelectValueAsTheOption() {
    // "tags" is not a field of the space: relaxed, it is kept as sent.
    sandbox.relaxCustomFieldChecks(SALES, "tags");
    ItemInput input = new ItemInput().primaryField("Walkthrough Oy");
    input.putAdditionalProperty("status", "won");
    input.putAdditionalProperty("budget_eur", 1200);
    input.putAdditionalProperty("tags", List.of("new", "nordic"));
    input.putAdditionalProperty("id", "client-chosen-id");

    Item created = client.flex().createItem(SALES, input);

    assertEquals(24, created.getId().length(), created.getId());
    assertNotEquals("client-chosen-id", created.getId(), "the server assigns ids");
    assertEquals(SALES, created.getSpaceId());
    assertEquals("Walkthrough Oy", created.getPrimaryField());
    assertEquals(Map.of("value", "won", "label", "Won"), created.getAdditionalProperty("status"));
    assertEquals(1200, created.getAdditionalProperty("budget_eur"));
    assertEquals(List.of("new", "nordic"), created.getAdditionalProperty("tags"));
    assertEquals(OffsetDateTime.parse("2026-03-02T10:00:00.123Z"), created.getCreated());
    assertEquals(created.getCreated(), created.getUpdated());
    assertEquals("sandbox-user", created.getUid());
    assertEquals("sandbox-user", created.getLastUpdater());
    assertEquals("sandbox", created.getClientId());

    // Held: read back, listed last, visible to the test.
    assertEquals(created, client.flex().getItem(SALES, created.getId()));
    List<Item> listed = client.flex().listItems(SALES);
    assertEquals(4, listed.size());
    assertEquals(created, listed.get(3));
    assertEquals(created, sandbox.items(SALES).get(3));
  }

  @Test
  void createItemInAnUnknownSpaceIs404AndNotAViolation() {
    NotFoundException e = assertThrows(NotFoundException.class,
        () -> client.flex().createItem("no-such-space", new ItemInput().primaryField("x")));
    assertEquals("{\"error\":\"space 'no-such-space' not found\"}", e.body());
    assertTrue(sandbox.violations().isEmpty(), sandbox.violations().toString());
  }

  @Test
  void createItemWithABlankPrimaryFieldIs422() {
    UnprocessableEntityException e = assertThrows(UnprocessableEntityException.class,
        () -> client.flex().createItem(SALES, new ItemInput().primaryField("  ")));
    assertEquals("{\"error\":\"primary_field must not be empty\"}", e.body());
    assertEquals(3, sandbox.items(SALES).size());
  }

  @Test
  void getItemOfAnUnknownItemOrSpaceIs404() {
    NotFoundException item = assertThrows(NotFoundException.class, () -> client.flex().getItem(SALES, "nope"));
    assertEquals("{\"error\":\"item 'nope' not found in space '" + SALES + "'\"}", item.body());
    NotFoundException space = assertThrows(NotFoundException.class,
        () -> client.flex().getItem("nope", "65a0f3d2c1b2a3f4e5d6c7b8"));
    assertEquals("{\"error\":\"space 'nope' not found\"}", space.body());
    // An item is found only in its own space.
    assertThrows(NotFoundException.class, () -> client.flex().getItem(SUPPORT, "65a0f3d2c1b2a3f4e5d6c7b8"));
  }

  @Test
  void updateItemReplacesTheValuesAndKeepsWhatTheServerManages() {
    Item before = client.flex().getItem(SALES, "65a0f3d2c1b2a3f4e5d6c7b8");
    clock.advance(Duration.ofMinutes(5));
    ItemInput input = new ItemInput().primaryField("Nordic Timber Oyj");
    input.putAdditionalProperty("status", "lost");

    Item updated = client.flex().updateItem(SALES, before.getId(), input);

    assertEquals(before.getId(), updated.getId());
    assertEquals(before.getUuid(), updated.getUuid());
    assertEquals(before.getCreated(), updated.getCreated());
    assertEquals(OffsetDateTime.parse("2026-03-02T10:05:00.123Z"), updated.getUpdated());
    assertEquals("sandbox-user", updated.getLastUpdater());
    assertEquals("Nordic Timber Oyj", updated.getPrimaryField());
    // Replaced, not merged: budget_eur and contact_email were not sent, so they are gone.
    assertEquals(Map.of("status", Map.of("value", "lost", "label", "Lost")), updated.getAdditionalProperties());
    assertEquals(updated, client.flex().getItem(SALES, before.getId()));
  }

  @Test
  void updateItemOfAnUnknownItemIs404() {
    assertThrows(NotFoundException.class,
        () -> client.flex().updateItem(SALES, "nope", new ItemInput().primaryField("x")));
  }

  @Test
  void deleteItemAnswersTheItemAndForgetsIt() {
    Item deleted = client.flex().deleteItem(SUPPORT, "65a0f3d2c1b2a3f4e5d6c7c2");

    assertEquals("Export leads to CSV", deleted.getPrimaryField());
    assertThrows(NotFoundException.class, () -> client.flex().getItem(SUPPORT, deleted.getId()));
    assertThrows(NotFoundException.class, () -> client.flex().deleteItem(SUPPORT, deleted.getId()));
    assertEquals(List.of("65a0f3d2c1b2a3f4e5d6c7c1"),
        client.flex().listItems(SUPPORT).stream().map(Item::getId).collect(Collectors.toList()));
    assertEquals(2, sandbox.requestCount("deleteItem"));
  }

  @Test
  void stateCarriesAcrossCallsUntilReset() {
    Item a = client.flex().createItem(SUPPORT, new ItemInput().primaryField("Ticket A"));
    Item b = client.flex().createItem(SUPPORT, new ItemInput().primaryField("Ticket B"));
    assertNotEquals(a.getId(), b.getId());
    client.flex().updateItem(SUPPORT, a.getId(), new ItemInput().primaryField("Ticket A, edited"));
    client.flex().deleteItem(SUPPORT, b.getId());

    assertEquals(List.of("Chat widget not showing on mobile", "Export leads to CSV", "Ticket A, edited"),
        client.flex().listItems(SUPPORT).stream().map(Item::getPrimaryField).collect(Collectors.toList()));
    assertEquals(2, sandbox.requestCount("createItem"));

    sandbox.reset();
    assertEquals(2, client.flex().listItems(SUPPORT).size());
    assertEquals(0, sandbox.requestCount("createItem"));
  }

  @Test
  void listLeadsAnswersTheSeededLeads() {
    List<Lead> leads = client.leads().listLeads();

    assertEquals(List.of("Aino Virtanen", "Erik Lindqvist", "Laura Mäkinen", "James Carter"),
        leads.stream().map(Lead::getName).collect(Collectors.toList()));
    Lead aino = leads.get(0);
    assertEquals("aino.virtanen@example.com", aino.getEmail());
    assertEquals(184L, aino.getDuration());
    assertEquals(2, aino.getPages().size());
    assertEquals("google", aino.getTokens().get(0).get("utm_source"));
    assertEquals(OffsetDateTime.parse("2024-08-30T05:48:46.202Z"), aino.getCreated());
  }

  @Test
  void searchChatsFiltersOnChangedWithBothEndsInclusive() {
    List<Chat> september = client.chats().searchChats(new ChatQuery().startTime(SEPTEMBER_START).endTime(SEPTEMBER_END));
    assertEquals(Set.of("chat-7f3a03", "chat-7f3a04", "chat-7f3a05", "chat-7f3a06", "chat-7f3a07", "chat-7f3a08",
        "chat-7f3a09", "chat-7f3a0a", "chat-7f3a0b", "chat-7f3a0c", "chat-7f3a0d"), cids(september));

    // chat-7f3a0d changed at 2024-09-30T23:59:55Z: a range of exactly that second holds it...
    OffsetDateTime changed = OffsetDateTime.parse("2024-09-30T23:59:55Z");
    assertEquals(Set.of("chat-7f3a0d"), cids(client.chats().searchChats(new ChatQuery().startTime(changed).endTime(changed))));
    // ...a start a millisecond later or an end a millisecond earlier does not.
    assertEquals(Set.of(), cids(client.chats().searchChats(
        new ChatQuery().startTime(changed.plusNanos(1_000_000)).endTime(SEPTEMBER_END))));
    assertEquals(Set.of("chat-7f3a0c"), cids(client.chats().searchChats(new ChatQuery()
        .startTime(OffsetDateTime.parse("2024-09-24T00:00:00+02:00")).endTime(changed.minusNanos(1_000_000)))));
  }

  @Test
  void searchChatsFiltersByUidAndChatbotAndCutsAtLimit() {
    assertEquals(Set.of("chat-7f3a01", "chat-7f3a07"), cids(client.chats().searchChats(new ChatQuery().uid("visitor-001"))));
    assertEquals(Set.of("chat-7f3a02", "chat-7f3a04", "chat-7f3a05", "chat-7f3a08", "chat-7f3a0b"),
        cids(client.chats().searchChats(new ChatQuery().chatbot(true))));
    assertEquals(14, client.chats().searchChats(new ChatQuery().chatbot(false)).size(), "false does not filter");
    assertEquals(Set.of("chat-7f3a04", "chat-7f3a05", "chat-7f3a08", "chat-7f3a0b"), cids(client.chats().searchChats(
        new ChatQuery().chatbot(true).startTime(SEPTEMBER_START).endTime(SEPTEMBER_END))));

    List<Chat> all = client.chats().searchChats(new ChatQuery());
    List<Chat> three = client.chats().searchChats(new ChatQuery().limit(3));
    assertEquals(14, all.size());
    assertEquals(all.subList(0, 3), three, "limit cuts the same order after filtering");
    List<Chat> twoChatbot = client.chats().searchChats(new ChatQuery().chatbot(true).limit(2));
    assertEquals(2, twoChatbot.size());
    assertTrue(cids(twoChatbot).stream().allMatch(Set.of("chat-7f3a02", "chat-7f3a04", "chat-7f3a05", "chat-7f3a08",
        "chat-7f3a0b")::contains), "limit applies after the chatbot filter");
  }

  @Test
  void searchChatsIncludesMessagesOnlyWithShowMessages() {
    List<Chat> bare = client.chats().searchChats(new ChatQuery().uid("visitor-001"));
    assertTrue(bare.stream().allMatch(c -> c.getHistory() == null || c.getHistory().isEmpty()));

    List<Chat> full = client.chats().searchChats(new ChatQuery().uid("visitor-001").showMessages(true));
    Chat first = full.stream().filter(c -> c.getCid().equals("chat-7f3a01")).findFirst().orElseThrow();
    assertEquals(5, first.getHistory().size());
    assertEquals("Hi, do you have a price list?", first.getHistory().get(0).getMessage());
    assertEquals(1724836320L, first.getHistory().get(0).getTimestamp());
    assertEquals("agent-aino", first.getAgentId());
    assertEquals(1, first.getLivechat());
  }

  @Test
  void searchChatsAnswersInAnOrderThatIsNotChronological() {
    List<Chat> all = client.chats().searchChats(new ChatQuery());
    List<Long> changed = all.stream().map(Chat::getChanged).collect(Collectors.toList());
    assertNotEquals(changed.stream().sorted().collect(Collectors.toList()), changed);
    assertNotEquals(changed.stream().sorted(Comparator.reverseOrder()).collect(Collectors.toList()), changed);
    // The same order every time, and the order sandbox.chats() reports.
    assertEquals(all.stream().map(Chat::getCid).collect(Collectors.toList()),
        client.chats().searchChats(new ChatQuery()).stream().map(Chat::getCid).collect(Collectors.toList()));
    assertEquals(all.stream().map(Chat::getCid).collect(Collectors.toList()),
        sandbox.chats().stream().map(Chat::getCid).collect(Collectors.toList()));
  }

  @Test
  void statisticsAreComputedFromTheHeldChats() {
    ChatStatistics all = client.statistics().getChatStatistics();
    assertEquals(14L, all.getTotalChats());
    assertEquals(61.0, all.getAverageResponseTime());
    assertNull(all.getSatisfactionScore(), "chats carry no rating");
    assertEquals(Map.of("website", 9L, "facebook", 3L, "whatsapp", 2L), all.getChatsBySource());
    assertEquals(Map.of("0-5 minutes", 10L, "5-10 minutes", 1L, "10+ minutes", 3L), all.getChatDurations());
    assertEquals(2, all.getChatsByAgent().size());
    AgentChatStatistics aino = all.getChatsByAgent().get(0);
    assertEquals("agent-aino", aino.getAgentId());
    assertEquals("Aino Virtanen", aino.getAgentName());
    assertEquals(5L, aino.getTotalChats());
    assertEquals(52.0, aino.getAverageResponseTime());

    ChatStatistics september = client.statistics().getChatStatistics(
        GetChatStatisticsParams.builder().startTime(SEPTEMBER_START).endTime(SEPTEMBER_END).build());
    assertEquals(11L, september.getTotalChats());
    assertEquals(67.5, september.getAverageResponseTime());
    assertEquals(81.25, september.getChatsByAgent().get(1).getAverageResponseTime());
    assertEquals(Map.of("website", 7L, "facebook", 2L, "whatsapp", 2L), september.getChatsBySource());
  }

  @Test
  void statisticsFollowChatsTheTestAdds() {
    sandbox.load(SandboxData.empty());
    assertEquals(0L, client.statistics().getChatStatistics().getTotalChats());
    sandbox.addChats(List.of(new Chat().cid("a").source("email").changed(100L), new Chat().cid("b").changed(200L)));
    ChatStatistics stats = client.statistics().getChatStatistics();
    assertEquals(2L, stats.getTotalChats());
    assertEquals(Map.of("email", 1L, "unknown", 1L), stats.getChatsBySource());
    assertEquals(0.0, stats.getAverageResponseTime());
  }

  @Test
  void statisticsAnswerOnlyTheMetricsAsked() {
    ChatStatistics stats = client.statistics().getChatStatistics(
        GetChatStatisticsParams.builder().metrics(List.of("totalChats", "chatsBySource")).build());
    assertEquals(14L, stats.getTotalChats());
    assertEquals(3, stats.getChatsBySource().size());
    assertNull(stats.getAverageResponseTime());

    // On the wire the other metrics are absent (the generated model reads them as empty).
    HttpResponse<String> raw = Raw.send(sandbox, "GET", "/statistics/chat?metrics=totalChats&metrics=chatsBySource", null);
    assertEquals(200, raw.statusCode());
    assertEquals("{\"totalChats\":14,\"chatsBySource\":{\"facebook\":3,\"website\":9,\"whatsapp\":2}}", raw.body());
    assertEquals("application/json", raw.headers().firstValue("Content-Type").orElseThrow());
  }

  @Test
  void statisticsRejectAnUnknownMetricOrAReversedRangeWith400() {
    BadRequestException metric = assertThrows(BadRequestException.class,
        () -> client.statistics().getChatStatistics(GetChatStatisticsParams.builder().metrics(List.of("happiness")).build()));
    assertTrue(metric.body().contains("unknown metric 'happiness'"), metric.body());
    BadRequestException range = assertThrows(BadRequestException.class,
        () -> client.statistics().getChatStatistics(
            GetChatStatisticsParams.builder().startTime(SEPTEMBER_END).endTime(SEPTEMBER_START).build()));
    assertEquals("{\"error\":\"startTime is after endTime\"}", range.body());
    assertFalse(sandbox.violations().stream().anyMatch(v -> v.kind() == SpecViolation.Kind.RESPONSE));
  }

  private static Set<String> cids(List<Chat> chats) {
    return chats.stream().map(Chat::getCid).collect(Collectors.toSet());
  }
}
