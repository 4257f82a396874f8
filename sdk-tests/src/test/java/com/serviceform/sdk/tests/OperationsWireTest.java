package com.serviceform.sdk.tests;

import com.serviceform.sdk.api.StatisticsApi.GetChatStatisticsParams;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.model.AgentChatStatistics;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.ChatMessage;
import com.serviceform.sdk.model.ChatQuery;
import com.serviceform.sdk.model.ChatStatistics;
import com.serviceform.sdk.model.FieldOption;
import com.serviceform.sdk.model.Item;
import com.serviceform.sdk.model.ItemInput;
import com.serviceform.sdk.model.Lead;
import com.serviceform.sdk.model.Space;
import com.serviceform.sdk.model.SpaceField;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each of the nine operations: the exact request on the wire, and every field of the response. */
class OperationsWireTest {
  static final String KEY = "test-key-9f8e7d";

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  ServiceformClient client;

  @BeforeEach
  void setUp() {
    client = ServiceformClient.builder().apiKey(KEY).baseUrl(server.baseUrl()).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private static final String ITEM_JSON = "{\"id\":\"it-1\",\"uuid\":\"3f2b8c1e\",\"uid\":\"u-1\","
      + "\"clientId\":\"acme-web\",\"last_updater\":\"u-2\",\"space_id\":\"sp-1\","
      + "\"created\":\"2024-08-30T05:48:46.195Z\",\"updated\":\"2024-09-02T11:04:12.501+03:00\","
      + "\"primary_field\":\"Nordic Timber Oy\",\"status\":{\"value\":\"open\",\"label\":\"Open\"},"
      + "\"budget_eur\":15000}";

  private static void assertItem(Item item) {
    assertEquals("it-1", item.getId());
    assertEquals("3f2b8c1e", item.getUuid());
    assertEquals("u-1", item.getUid());
    assertEquals("acme-web", item.getClientId());
    assertEquals("u-2", item.getLastUpdater());
    assertEquals("sp-1", item.getSpaceId());
    assertEquals(OffsetDateTime.of(2024, 8, 30, 5, 48, 46, 195_000_000, ZoneOffset.UTC), item.getCreated());
    assertEquals(OffsetDateTime.of(2024, 9, 2, 11, 4, 12, 501_000_000, ZoneOffset.ofHours(3)), item.getUpdated());
    assertEquals("Nordic Timber Oy", item.getPrimaryField());
    assertEquals(Map.of("value", "open", "label", "Open"), item.getAdditionalProperty("status"));
    assertEquals(15000, item.getAdditionalProperty("budget_eur"));
    assertEquals(2, item.getAdditionalProperties().size());
  }

  private static LoggedRequest onlyRequest() {
    List<LoggedRequest> requests = server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
        com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
    assertEquals(1, requests.size(), "requests on the wire");
    LoggedRequest request = requests.get(0);
    assertEquals(List.of(KEY), request.getHeaders().getHeader("sf-api-key").values());
    return request;
  }

  @Test
  void listSpaces() {
    server.stubFor(get("/flex/spaces").willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("[{\"id\":\"sp-1\",\"name\":\"Sales pipeline\",\"fields\":["
            + "{\"id\":\"f-1\",\"machine\":\"primary_field\",\"name\":\"Company\",\"type\":\"text\",\"options\":[]},"
            + "{\"id\":\"f-2\",\"machine\":\"status\",\"name\":\"Status\",\"type\":\"select\",\"options\":["
            + "{\"machine\":\"open\",\"label\":\"Open\",\"value\":\"open\"},"
            + "{\"machine\":\"won\",\"label\":\"Won\",\"value\":\"won\"}]}]},"
            + "{\"id\":\"sp-2\",\"name\":\"Empty\",\"fields\":[]}]")));

    List<Space> spaces = client.flex().listSpaces();

    LoggedRequest request = onlyRequest();
    assertEquals("GET", request.getMethod().value());
    assertEquals("/flex/spaces", request.getUrl());
    assertEquals(2, spaces.size());
    Space space = spaces.get(0);
    assertEquals("sp-1", space.getId());
    assertEquals("Sales pipeline", space.getName());
    assertEquals(2, space.getFields().size());
    SpaceField text = space.getFields().get(0);
    assertEquals("f-1", text.getId());
    assertEquals("primary_field", text.getMachine());
    assertEquals("Company", text.getName());
    assertEquals("text", text.getType());
    assertTrue(text.getOptions().isEmpty());
    SpaceField select = space.getFields().get(1);
    assertEquals("select", select.getType());
    assertEquals(2, select.getOptions().size());
    FieldOption won = select.getOptions().get(1);
    assertEquals("won", won.getMachine());
    assertEquals("Won", won.getLabel());
    assertEquals("won", won.getValue());
    assertEquals("sp-2", spaces.get(1).getId());
    assertTrue(spaces.get(1).getFields().isEmpty());
  }

  @Test
  void listItems() {
    server.stubFor(get("/flex/spaces/sp-1/items").willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("[" + ITEM_JSON + "]")));

    List<Item> items = client.flex().listItems("sp-1");

    LoggedRequest request = onlyRequest();
    assertEquals("GET", request.getMethod().value());
    assertEquals("/flex/spaces/sp-1/items", request.getUrl());
    assertEquals(1, items.size());
    assertItem(items.get(0));
  }

  @Test
  void createItemSendsCustomFieldsAndReadsThemBack() {
    server.stubFor(post("/flex/spaces/sp-1/items").willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(ITEM_JSON)));

    ItemInput input = new ItemInput().primaryField("Nordic Timber Oy");
    input.putAdditionalProperty("status", "open");
    input.putAdditionalProperty("budget_eur", 15000);
    Item created = client.flex().createItem("sp-1", input);

    LoggedRequest request = onlyRequest();
    assertEquals("POST", request.getMethod().value());
    assertEquals("/flex/spaces/sp-1/items", request.getUrl());
    assertTrue(request.getHeader("Content-Type").startsWith("application/json"));
    server.verify(postRequestedFor(urlEqualTo("/flex/spaces/sp-1/items")).withRequestBody(equalToJson(
        "{\"primary_field\":\"Nordic Timber Oy\",\"status\":\"open\",\"budget_eur\":15000}", false, false)));
    assertItem(created);
  }

  @Test
  void getItem() {
    server.stubFor(get("/flex/spaces/sp-1/items/it-1").willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(ITEM_JSON)));

    Item item = client.flex().getItem("sp-1", "it-1");

    LoggedRequest request = onlyRequest();
    assertEquals("GET", request.getMethod().value());
    assertEquals("/flex/spaces/sp-1/items/it-1", request.getUrl());
    assertItem(item);
  }

  @Test
  void updateItemSendsCustomFieldsAndReadsThemBack() {
    server.stubFor(put("/flex/spaces/sp-1/items/it-1").willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(ITEM_JSON)));

    ItemInput input = new ItemInput().primaryField("Nordic Timber Oy");
    input.putAdditionalProperty("status", Map.of("value", "open", "label", "Open"));
    Item updated = client.flex().updateItem("sp-1", "it-1", input);

    onlyRequest();
    server.verify(putRequestedFor(urlEqualTo("/flex/spaces/sp-1/items/it-1")).withRequestBody(equalToJson(
        "{\"primary_field\":\"Nordic Timber Oy\",\"status\":{\"value\":\"open\",\"label\":\"Open\"}}", false, false)));
    assertItem(updated);
  }

  @Test
  void deleteItemWithAndWithoutBody() {
    server.stubFor(delete("/flex/spaces/sp-1/items/it-1").willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(ITEM_JSON)));
    assertItem(client.flex().deleteItem("sp-1", "it-1"));
    onlyRequest();
    server.verify(deleteRequestedFor(urlEqualTo("/flex/spaces/sp-1/items/it-1")));

    server.resetAll();
    server.stubFor(delete("/flex/spaces/sp-1/items/it-2").willReturn(aResponse().withStatus(200)));
    assertNull(client.flex().deleteItem("sp-1", "it-2"));
    onlyRequest();
  }

  @Test
  void listLeads() {
    server.stubFor(get("/leads").willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("[{\"id\":\"ld-1\",\"page_url\":\"https://acme.example/pricing\",\"pid\":\"p-1\","
            + "\"language\":\"fi\",\"source\":\"website\",\"tools\":[{\"tid\":\"t-1\"},{\"tid\":\"t-2\"}],"
            + "\"tid\":\"t-1\",\"sid\":\"s-1\",\"duration\":184,\"uid\":\"u-1\",\"pageviews\":3,"
            + "\"pages\":[{\"duration\":42,\"referrer\":\"https://www.google.com/\",\"website\":\"https://acme.example/\"}],"
            + "\"browser\":\"Firefox 129\",\"tokens\":[{\"utm_source\":\"newsletter\",\"n\":2}],"
            + "\"first_name\":\"Aino\",\"email\":\"aino@example.com\",\"timestamp\":\"2024-08-30T05:48:46.202Z\","
            + "\"tool_name\":\"Price calculator\",\"os\":\"Windows 11\",\"indexed\":true,"
            + "\"created\":\"2024-08-30T05:48:46.202Z\",\"mobile\":false,\"last_name\":\"Virtanen\","
            + "\"history\":[{\"id\":\"h-1\",\"message\":\"created\",\"type\":\"created\",\"timestamp\":1725004126}],"
            + "\"referrer\":\"https://www.google.com/\",\"site\":\"acme.example\",\"phone\":\"+358401234567\","
            + "\"name\":\"Aino Virtanen\",\"page\":\"/pricing\",\"referrer_url\":\"https://www.google.com/search?q=x\","
            + "\"updated\":\"2024-08-30T06:02:10Z\",\"space_id\":\"sp-1\"}]")));

    List<Lead> leads = client.leads().listLeads();

    LoggedRequest request = onlyRequest();
    assertEquals("GET", request.getMethod().value());
    assertEquals("/leads", request.getUrl());
    assertEquals(1, leads.size());
    Lead lead = leads.get(0);
    assertEquals("ld-1", lead.getId());
    assertEquals("https://acme.example/pricing", lead.getPageUrl());
    assertEquals("p-1", lead.getPid());
    assertEquals("fi", lead.getLanguage());
    assertEquals("website", lead.getSource());
    assertEquals(2, lead.getTools().size());
    assertEquals("t-2", lead.getTools().get(1).getTid());
    assertEquals("t-1", lead.getTid());
    assertEquals("s-1", lead.getSid());
    assertEquals(184L, lead.getDuration());
    assertEquals("u-1", lead.getUid());
    assertEquals(3, lead.getPageviews());
    assertEquals(42L, lead.getPages().get(0).getDuration());
    assertEquals("https://www.google.com/", lead.getPages().get(0).getReferrer());
    assertEquals("https://acme.example/", lead.getPages().get(0).getWebsite());
    assertEquals("Firefox 129", lead.getBrowser());
    assertEquals(Map.of("utm_source", "newsletter", "n", 2), lead.getTokens().get(0));
    assertEquals("Aino", lead.getFirstName());
    assertEquals("aino@example.com", lead.getEmail());
    assertEquals(OffsetDateTime.parse("2024-08-30T05:48:46.202Z"), lead.getTimestamp());
    assertEquals("Price calculator", lead.getToolName());
    assertEquals("Windows 11", lead.getOs());
    assertEquals(Boolean.TRUE, lead.getIndexed());
    assertEquals(OffsetDateTime.parse("2024-08-30T05:48:46.202Z"), lead.getCreated());
    assertEquals(Boolean.FALSE, lead.getMobile());
    assertEquals("Virtanen", lead.getLastName());
    assertEquals("h-1", lead.getHistory().get(0).getId());
    assertEquals("created", lead.getHistory().get(0).getMessage());
    assertEquals("created", lead.getHistory().get(0).getType());
    assertEquals(1725004126L, lead.getHistory().get(0).getTimestamp());
    assertEquals("https://www.google.com/", lead.getReferrer());
    assertEquals("acme.example", lead.getSite());
    assertEquals("+358401234567", lead.getPhone());
    assertEquals("Aino Virtanen", lead.getName());
    assertEquals("/pricing", lead.getPage());
    assertEquals("https://www.google.com/search?q=x", lead.getReferrerUrl());
    assertEquals(OffsetDateTime.parse("2024-08-30T06:02:10Z"), lead.getUpdated());
    assertEquals("sp-1", lead.getSpaceId());
  }

  @Test
  void searchChatsSendsTheQueryAndReadsEpochSeconds() {
    server.stubFor(post("/chats").willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("[{\"cid\":\"chat123\",\"agentEmail\":\"agent@example.com\",\"agentId\":\"agent123\","
            + "\"agentName\":\"John Doe\",\"agentJoinedTime\":1672531200,\"avgBetweenMsg\":30.5,"
            + "\"business_phone\":\"+1234567890\",\"phone\":\"+1234567891\",\"first_name\":\"Jane\","
            + "\"last_name\":\"Doe\",\"name\":\"Jane Doe\",\"fullUrl\":\"https://example.com/chat\","
            + "\"lastLiveMsg\":1672531300,\"changed\":1672531400,\"lastMessage\":\"Thanks!\","
            + "\"lastMessageTime\":1672531350,\"lastSender\":\"agent\",\"leadSentTo\":\"sales@example.com\","
            + "\"livechat\":1,\"livechatStarted\":1672531201,\"msgType\":\"text\",\"regNo\":\"ABC123\","
            + "\"session\":\"session123\",\"sid\":\"site123\",\"sitename\":\"Example Site\",\"source\":\"website\","
            + "\"team\":\"Support\",\"uid\":\"user123\",\"url\":\"/support/chat\",\"history\":["
            + "{\"id\":\"msg1\",\"message\":\"Hello\",\"type\":\"text\",\"timestamp\":1672531250},"
            + "{\"id\":\"msg2\",\"message\":\"A question\",\"type\":\"text\",\"timestamp\":1672531280}]},"
            + "{\"cid\":\"chat124\",\"agentId\":null,\"livechat\":0}]")));

    ChatQuery query = new ChatQuery()
        .startTime(OffsetDateTime.parse("2024-08-01T00:00:00Z"))
        .endTime(OffsetDateTime.parse("2024-09-01T00:00:00+03:00"))
        .uid("user123").limit(10).showMessages(true).chatbot(false);
    List<Chat> chats = client.chats().searchChats(query);

    LoggedRequest request = onlyRequest();
    assertEquals("POST", request.getMethod().value());
    assertEquals("/chats", request.getUrl());
    server.verify(postRequestedFor(urlEqualTo("/chats")).withRequestBody(equalToJson(
        "{\"startTime\":\"2024-08-01T00:00:00Z\",\"endTime\":\"2024-09-01T00:00:00+03:00\","
            + "\"uid\":\"user123\",\"limit\":10,\"showMessages\":true,\"chatbot\":false}", false, false)));

    assertEquals(2, chats.size());
    Chat chat = chats.get(0);
    assertEquals("chat123", chat.getCid());
    assertEquals("agent@example.com", chat.getAgentEmail());
    assertEquals("agent123", chat.getAgentId());
    assertEquals("John Doe", chat.getAgentName());
    assertEquals(1672531200L, chat.getAgentJoinedTime());
    assertEquals(30.5, chat.getAvgBetweenMsg());
    assertEquals("+1234567890", chat.getBusinessPhone());
    assertEquals("+1234567891", chat.getPhone());
    assertEquals("Jane", chat.getFirstName());
    assertEquals("Doe", chat.getLastName());
    assertEquals("Jane Doe", chat.getName());
    assertEquals("https://example.com/chat", chat.getFullUrl());
    assertEquals(1672531300L, chat.getLastLiveMsg());
    assertEquals(1672531400L, chat.getChanged());
    assertEquals("Thanks!", chat.getLastMessage());
    assertEquals(1672531350L, chat.getLastMessageTime());
    assertEquals("agent", chat.getLastSender());
    assertEquals("sales@example.com", chat.getLeadSentTo());
    assertEquals(1, chat.getLivechat());
    assertEquals(1672531201L, chat.getLivechatStarted());
    assertEquals("text", chat.getMsgType());
    assertEquals("ABC123", chat.getRegNo());
    assertEquals("session123", chat.getSession());
    assertEquals("site123", chat.getSid());
    assertEquals("Example Site", chat.getSitename());
    assertEquals("website", chat.getSource());
    assertEquals("Support", chat.getTeam());
    assertEquals("user123", chat.getUid());
    assertEquals("/support/chat", chat.getUrl());
    assertEquals(2, chat.getHistory().size());
    ChatMessage second = chat.getHistory().get(1);
    assertEquals("msg2", second.getId());
    assertEquals("A question", second.getMessage());
    assertEquals("text", second.getType());
    assertEquals(1672531280L, second.getTimestamp());
    Chat bare = chats.get(1);
    assertEquals("chat124", bare.getCid());
    assertNull(bare.getAgentId());
    assertEquals(0, bare.getLivechat());
  }

  @Test
  void searchChatsWithAnEmptyQuerySendsAnEmptyObject() {
    server.stubFor(post("/chats").willReturn(aResponse().withStatus(200).withBody("[]")));

    assertTrue(client.chats().searchChats(new ChatQuery()).isEmpty());

    assertEquals("{}", onlyRequest().getBodyAsString());
  }

  @Test
  void getChatStatisticsSendsRfc3339QueryAndReadsMaps() {
    server.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/statistics/chat"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"totalChats\":150,\"averageResponseTime\":45,\"satisfactionScore\":4.5,"
                + "\"chatsByAgent\":[{\"agentId\":\"agent123\",\"agentName\":\"John Doe\",\"totalChats\":50,"
                + "\"averageResponseTime\":30},{\"agentId\":\"agent124\",\"agentName\":\"Jane Smith\","
                + "\"totalChats\":100,\"averageResponseTime\":50.25}],"
                + "\"chatsBySource\":{\"website\":120,\"mobile\":30},"
                + "\"chatDurations\":{\"0-5 minutes\":60,\"5-10 minutes\":40,\"10+ minutes\":50}}")));

    ChatStatistics stats = client.statistics().getChatStatistics(GetChatStatisticsParams.builder()
        .startTime(OffsetDateTime.parse("2024-08-01T00:00Z"))
        .endTime(OffsetDateTime.parse("2024-09-01T12:30:00+02:00"))
        .addMetric("totalChats").addMetric("chatsBySource")
        .build());

    LoggedRequest request = onlyRequest();
    assertEquals("GET", request.getMethod().value());
    assertEquals("/statistics/chat?startTime=2024-08-01T00%3A00%3A00Z"
        + "&endTime=2024-09-01T12%3A30%3A00%2B02%3A00&metrics=totalChats&metrics=chatsBySource",
        request.getUrl());
    assertEquals("2024-09-01T12:30:00+02:00", request.queryParameter("endTime").firstValue());
    assertEquals(150L, stats.getTotalChats());
    assertEquals(45.0, stats.getAverageResponseTime());
    assertEquals(4.5, stats.getSatisfactionScore());
    assertEquals(2, stats.getChatsByAgent().size());
    AgentChatStatistics jane = stats.getChatsByAgent().get(1);
    assertEquals("agent124", jane.getAgentId());
    assertEquals("Jane Smith", jane.getAgentName());
    assertEquals(100L, jane.getTotalChats());
    assertEquals(50.25, jane.getAverageResponseTime());
    assertEquals(Map.of("website", 120L, "mobile", 30L), stats.getChatsBySource());
    assertEquals(Map.of("0-5 minutes", 60L, "5-10 minutes", 40L, "10+ minutes", 50L), stats.getChatDurations());
  }

  @Test
  void getChatStatisticsWithoutParametersSendsNoQuery() {
    server.stubFor(get("/statistics/chat").willReturn(aResponse().withStatus(200).withBody("{\"totalChats\":0}")));

    ChatStatistics stats = client.statistics().getChatStatistics();

    assertEquals("/statistics/chat", onlyRequest().getUrl());
    assertEquals(0L, stats.getTotalChats());
    assertTrue(stats.getChatsBySource() == null || stats.getChatsBySource().isEmpty());
    assertTrue(stats.getChatsByAgent() == null || stats.getChatsByAgent().isEmpty());
  }
}
