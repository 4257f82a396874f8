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

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.model.Chat;
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

/** Fields the spec does not know are ignored (or kept, on items); unset fields are not sent. */
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

  @Test
  void unknownFieldsOnTypedModelsAreIgnored() {
    server.stubFor(get("/flex/spaces").willReturn(aResponse().withStatus(200).withBody(
        "[{\"id\":\"sp-1\",\"name\":\"S\",\"archived\":false,\"owner\":{\"id\":7},"
            + "\"fields\":[{\"machine\":\"m\",\"type\":\"rating\",\"scale\":[1,5]}]}]")));
    Space space = client.flex().listSpaces().get(0);
    assertEquals("sp-1", space.getId());
    assertEquals("rating", space.getFields().get(0).getType());

    server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/chats").willReturn(aResponse()
        .withStatus(200).withBody("[{\"cid\":\"c-1\",\"sentiment\":\"positive\",\"livechat\":1}]")));
    Chat chat = client.chats().searchChats(new ChatQuery()).get(0);
    assertEquals("c-1", chat.getCid());
    assertEquals(1, chat.getLivechat());
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
