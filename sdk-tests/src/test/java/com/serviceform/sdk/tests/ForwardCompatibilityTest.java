package com.serviceform.sdk.tests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.ChatStatistics;
import com.serviceform.sdk.model.Lead;
import com.serviceform.sdk.model.ChatQuery;
import com.serviceform.sdk.model.Item;
import com.serviceform.sdk.model.ItemInput;
import com.serviceform.sdk.model.Space;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fields the spec does not know are kept on every model, at every level, and written back where a
 * model is sent (a read-modify-write loses nothing the vendor added); unset fields are not sent.
 */
class ForwardCompatibilityTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").jettyAcceptors(1)).build();

  ServiceformClient client;

  @BeforeEach
  void setUp() {
    server.resetAll();
    client = ServiceformClient.builder().apiKey("k").baseUrl(server.baseUrl()).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private String onlyBody() {
    return server.findAll(anyRequestedFor(anyUrl())).get(0).getBodyAsString();
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
      com.serviceform.sdk.internal.ObjectMappers.shared();

  /** The JSON the SDK would write for {@code model}. */
  private static String written(Object model) throws Exception {
    return MAPPER.writeValueAsString(model);
  }

  @Test
  void unknownFieldsAreKeptOnEveryModelAtEveryLevelAndWrittenBack() throws Exception {
    server.stubFor(get("/flex/spaces").willReturn(aResponse().withStatus(200).withBody(
        "[{\"id\":\"sp-1\",\"name\":\"S\",\"archived\":false,\"owner\":{\"id\":7},"
            + "\"fields\":[{\"machine\":\"m\",\"type\":\"rating\",\"scale\":[1,5],"
            + "\"options\":[{\"value\":\"v\",\"label\":\"V\",\"color\":\"red\"}]}]}]")));
    Space space = client.flex().listSpaces().get(0);
    assertEquals("sp-1", space.getId());
    assertEquals("rating", space.getFields().get(0).getType());
    assertEquals(false, space.getAdditionalProperties().get("archived"));
    assertEquals(Map.of("id", 7), space.getAdditionalProperties().get("owner"));
    assertEquals(List.of(1, 5), space.getFields().get(0).getAdditionalProperties().get("scale"));
    assertEquals("red", space.getFields().get(0).getOptions().get(0).getAdditionalProperties().get("color"));
    String json = written(space);
    for (String kept : List.of("\"archived\":false", "\"owner\":{\"id\":7}", "\"scale\":[1,5]", "\"color\":\"red\"")) {
      assertTrue(json.contains(kept), kept + " in " + json);
    }

    server.stubFor(post("/chats").willReturn(aResponse().withStatus(200).withBody(
        "[{\"cid\":\"c-1\",\"sentiment\":\"positive\",\"livechat\":1,"
            + "\"history\":[{\"message\":\"hi\",\"type\":\"user\",\"attachments\":[\"a.png\"]}]}]")));
    Chat chat = client.chats().searchChats(new ChatQuery()).get(0);
    assertEquals("c-1", chat.getCid());
    assertEquals(1, chat.getLivechat());
    assertEquals("positive", chat.getAdditionalProperties().get("sentiment"));
    assertEquals(List.of("a.png"), chat.getHistory().get(0).getAdditionalProperties().get("attachments"));
    assertTrue(written(chat).contains("\"sentiment\":\"positive\""), written(chat));

    server.stubFor(get("/leads").willReturn(aResponse().withStatus(200).withBody(
        "[{\"id\":\"l-1\",\"score\":87,\"tools\":[{\"tid\":\"t\",\"kind\":\"form\"}],"
            + "\"history\":[{\"id\":\"h\",\"channel\":\"sms\"}],\"pages\":[{\"website\":\"w\",\"ms\":3}]}]")));
    Lead lead = client.leads().listLeads().get(0);
    assertEquals(87, lead.getAdditionalProperties().get("score"));
    assertEquals("form", lead.getTools().get(0).getAdditionalProperties().get("kind"));
    assertEquals("sms", lead.getHistory().get(0).getAdditionalProperties().get("channel"));
    assertEquals(3, lead.getPages().get(0).getAdditionalProperties().get("ms"));

    server.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/statistics/chat"))
        .willReturn(aResponse().withStatus(200).withBody("{\"totalChats\":3,\"medianWait\":4.5,"
            + "\"chatsByAgent\":[{\"agentId\":\"a\",\"languages\":[\"fi\"]}]}")));
    ChatStatistics stats = client.statistics().getChatStatistics();
    assertEquals(4.5, stats.getAdditionalProperties().get("medianWait"));
    assertEquals(List.of("fi"), stats.getChatsByAgent().get(0).getAdditionalProperties().get("languages"));
  }

  @Test
  void anItemReadModifiedAndWrittenBackKeepsWhatTheVendorAdded() {
    server.stubFor(get("/flex/spaces/s/items/i").willReturn(aResponse().withStatus(200).withBody(
        "{\"id\":\"i\",\"space_id\":\"s\",\"created\":\"2024-08-30T05:48:46.195Z\",\"primary_field\":\"p\","
            + "\"status\":{\"value\":\"open\",\"label\":\"Open\"},\"budget_eur\":15000,"
            + "\"archived\":false,\"pipeline\":{\"stage\":2}}")));
    server.stubFor(put("/flex/spaces/s/items/i").willReturn(aResponse().withStatus(200)));
    Item item = client.flex().getItem("s", "i");
    ItemInput input = com.serviceform.sdk.fields.CustomFields.toInput(item);
    com.serviceform.sdk.fields.CustomFields.on(input).putSelect("status", "won");
    client.flex().updateItem("s", "i", input);
    String sent = server.findAll(com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor(
        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/flex/spaces/s/items/i"))).get(0).getBodyAsString();
    assertEquals("{\"primary_field\":\"p\",\"status\":\"won\",\"budget_eur\":15000,\"archived\":false,"
        + "\"pipeline\":{\"stage\":2}}", sent);
  }

  @Test
  void aQueryCarriesAFilterTheSpecDoesNotNameYet() {
    server.stubFor(post("/chats").willReturn(aResponse().withStatus(200).withBody("[]")));
    ChatQuery query = new ChatQuery().limit(5);
    query.putAdditionalProperty("channel", "whatsapp");
    client.chats().searchChats(query);
    assertEquals("{\"limit\":5,\"channel\":\"whatsapp\"}", onlyBody());
  }

  @Test
  void unknownFieldsOnItemsAreKept() {
    server.stubFor(get("/flex/spaces/s/items/i").willReturn(aResponse().withStatus(200).withBody(
        "{\"id\":\"i\",\"primary_field\":\"p\",\"priority\":3,\"tags\":[\"a\",\"b\"],\"contact\":null}")));
    Item item = client.flex().getItem("s", "i");
    assertEquals(3, item.getAdditionalProperty("priority"));
    assertEquals(List.of("a", "b"), item.getAdditionalProperty("tags"));
    assertEquals(true, item.getAdditionalProperties().containsKey("contact"));
  }

  @Test
  void unsetOptionalFieldsAreNotSent() {
    server.stubFor(post("/chats").willReturn(aResponse().withStatus(200).withBody("[]")));
    client.chats().searchChats(new ChatQuery().limit(5));
    assertEquals("{\"limit\":5}", onlyBody());
  }

  @Test
  void anItemInputCarriesOnlyWhatWasSet() {
    server.stubFor(put("/flex/spaces/s/items/i").willReturn(aResponse().withStatus(200)));
    ItemInput input = new ItemInput().primaryField("p");
    input.putAdditionalProperty("note", "kept as given");
    assertNull(client.flex().updateItem("s", "i", input));
    assertEquals("{\"primary_field\":\"p\",\"note\":\"kept as given\"}", onlyBody());
    assertEquals(Map.of("note", "kept as given"), input.getAdditionalProperties());
  }
}
