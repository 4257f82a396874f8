package com.serviceform.sdk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.Transport;
import com.serviceform.sdk.errors.NotFoundException;
import com.serviceform.sdk.errors.ResponseDecodeException;
import com.serviceform.sdk.errors.ServerException;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.ChatQuery;
import com.serviceform.sdk.model.Item;
import com.serviceform.sdk.model.Lead;
import com.serviceform.sdk.retry.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The streaming forms of listItems, listLeads and searchChats, on the wire. */
class StreamingListsTest {
  RawHttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = new RawHttpServer();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private ServiceformClient.Builder builder(Transport transport) {
    return ServiceformClient.builder().apiKey("stream-key").baseUrl(server.baseUrl()).transport(transport)
        .sleeper(d -> { });
  }

  private static String items(int count) {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < count; i++) {
      json.append(i == 0 ? "" : ",").append("{\"id\":\"it-").append(i)
          .append("\",\"primary_field\":\"Item ").append(i).append("\",\"budget_eur\":").append(i).append('}');
    }
    return json.append(']').toString();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void everyListStreamsTheSameElementsTheListReturns(Transport transport) {
    server.handler(r -> {
      if (r.target.equals("/flex/spaces/a%2Fb/items")) {
        return RawHttpServer.Reply.json(200, items(500));
      }
      if (r.target.equals("/leads")) {
        return RawHttpServer.Reply.json(200, "[{\"id\":\"ld-1\"},{\"id\":\"ld-2\"}]");
      }
      return RawHttpServer.Reply.json(200, "[{\"cid\":\"c-1\",\"history\":[{\"id\":\"m\"}]},{\"cid\":\"c-2\"}]");
    });
    try (ServiceformClient client = builder(transport).build()) {
      List<Item> streamed;
      try (Stream<Item> items = client.streamItems("a/b")) {
        streamed = items.collect(Collectors.toList());
      }
      assertEquals(client.flex().listItems("a/b"), streamed);
      assertEquals(500, streamed.size());
      assertEquals(499, streamed.get(499).getAdditionalProperty("budget_eur"));
      try (Stream<Lead> leads = client.streamLeads()) {
        assertEquals(List.of("ld-1", "ld-2"), leads.map(Lead::getId).collect(Collectors.toList()));
      }
      try (Stream<Chat> chats = client.streamChats(new ChatQuery().uid("u-1").showMessages(true))) {
        assertEquals(List.of("c-1", "c-2"), chats.map(Chat::getCid).collect(Collectors.toList()));
      }
    }
    RawHttpServer.Recorded search = server.requests().get(server.requests().size() - 1);
    assertEquals("POST", search.method);
    assertEquals("/chats", search.target);
    assertEquals("{\"uid\":\"u-1\",\"showMessages\":true}", search.bodyText());
    for (RawHttpServer.Recorded request : server.requests()) {
      assertEquals(List.of("stream-key"), request.headerValues("sf-api-key"));
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void closingEarlyReleasesTheConnection(Transport transport) {
    server.handler(r -> r.target.startsWith("/flex/spaces/big")
        ? RawHttpServer.Reply.json(200, items(20_000))
        : RawHttpServer.Reply.json(200, "[]"));
    try (ServiceformClient client = builder(transport).maxConnections(1).readTimeout(Duration.ofSeconds(3)).build()) {
      for (int i = 0; i < 10; i++) {
        try (Stream<Item> items = client.streamItems("big")) {
          assertEquals(5, items.limit(5).count());
        }
      }
      // With one pooled connection, a leaked stream would leave nothing for this call.
      assertEquals(0, client.flex().listSpaces().size());
    }
    assertEquals(11, server.requests().size());
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aStreamReadToTheEndLeavesTheConnectionReusable(Transport transport) {
    server.handler(r -> RawHttpServer.Reply.json(200, items(50)));
    try (ServiceformClient client = builder(transport).build()) {
      for (int i = 0; i < 5; i++) {
        try (Stream<Item> items = client.streamItems("s")) {
          assertEquals(50, items.count());
        }
      }
    }
    assertEquals(1, server.connections());
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void errorsAreTypedAndRetriesCoverTheStartOfTheCall(Transport transport) {
    AtomicInteger calls = new AtomicInteger();
    server.handler(r -> {
      if (r.target.equals("/leads")) {
        return calls.incrementAndGet() == 1 ? RawHttpServer.Reply.json(503, "{}") : RawHttpServer.Reply.json(200, "[]");
      }
      if (r.target.endsWith("/missing/items")) {
        return RawHttpServer.Reply.json(404, "{\"error\":\"no space\"}");
      }
      if (r.target.endsWith("/object/items")) {
        return RawHttpServer.Reply.json(200, "{\"id\":\"not-a-list\"}");
      }
      if (r.target.endsWith("/null/items")) {
        return RawHttpServer.Reply.json(200, "null");
      }
      return RawHttpServer.Reply.json(200, "[{\"id\":\"ok\"},{\"id\":{\"bad\":1}}]");
    });
    try (ServiceformClient client = builder(transport).build()) {
      try (Stream<Lead> leads = client.streamLeads()) {
        assertEquals(0, leads.count());
      }
      assertEquals(2, calls.get(), "the 503 before the body was retried");
      assertEquals(404, assertThrows(NotFoundException.class, () -> client.streamItems("missing")).statusCode());
      assertThrows(ResponseDecodeException.class, () -> client.streamItems("object"));
      assertThrows(ResponseDecodeException.class, () -> client.streamItems("null"));
      assertThrows(IllegalArgumentException.class, () -> client.streamItems(".."));
      assertThrows(IllegalArgumentException.class, () -> client.streamItems(null));
      assertThrows(IllegalArgumentException.class, () -> client.streamChats(null));
      try (Stream<Item> items = client.streamItems("bad")) {
        ResponseDecodeException e = assertThrows(ResponseDecodeException.class, () -> items.count());
        assertTrue(e.getMessage().contains("not the documented JSON"), e.getMessage());
      }
    }
    try (ServiceformClient client = builder(transport).retryPolicy(RetryPolicy.none()).build()) {
      calls.set(0);
      assertThrows(ServerException.class, () -> client.streamLeads());
    }
    assertTrue(server.requests().stream().noneMatch(r -> r.target.contains("..")));
  }
}
