package com.serviceform.sdk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.Transport;
import com.serviceform.sdk.model.ItemInput;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile ids reach the server as exactly one encoded path segment, or are refused unsent. */
class PathEncodingTest {
  RawHttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = new RawHttpServer();
    server.handler(r -> RawHttpServer.Reply.json(200, "{\"id\":\"x\"}"));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private ServiceformClient client(Transport transport) {
    return ServiceformClient.builder().apiKey("k").baseUrl(server.baseUrl()).transport(transport).build();
  }

  static Stream<Arguments> encodedIds() {
    Stream<Arguments> table = Stream.of(
        Arguments.of("plain-id_1.2~3", "plain-id_1.2~3"),
        Arguments.of("a/b", "a%2Fb"),
        Arguments.of("a%2Fb", "a%252Fb"),
        Arguments.of("a%2fb", "a%252fb"),
        Arguments.of("../x", "..%2Fx"),
        Arguments.of("..%2F..%2Fleads", "..%252F..%252Fleads"),
        Arguments.of("a?b=c", "a%3Fb%3Dc"),
        Arguments.of("a#frag", "a%23frag"),
        Arguments.of("100%", "100%25"),
        Arguments.of("a b", "a%20b"),
        Arguments.of("a;b", "a%3Bb"),
        Arguments.of("a+b", "a%2Bb"),
        Arguments.of("a&b", "a%26b"),
        Arguments.of("{spaceId}", "%7BspaceId%7D"),
        Arguments.of("ä€😀", "%C3%A4%E2%82%AC%F0%9F%98%80"),
        Arguments.of("a\\b", "a%5Cb"),
        Arguments.of("a\r\nHost: evil", "a%0D%0AHost%3A%20evil"),
        Arguments.of("...", "..."));
    return table.flatMap(row -> Stream.of(Transport.values())
        .map(t -> Arguments.of(t, row.get()[0], row.get()[1])));
  }

  @ParameterizedTest(name = "{0}: [{1}] -> {2}")
  @MethodSource("encodedIds")
  void idIsSentAsOneEncodedSegment(Transport transport, String id, String encoded) {
    try (ServiceformClient client = client(transport)) {
      client.flex().getItem(id, id);
      client.flex().updateItem(id, id, new ItemInput().primaryField("p"));
    }

    assertEquals(2, server.requests().size(), "requests on the wire");
    assertEquals("GET", server.requests().get(0).method);
    assertEquals("/flex/spaces/" + encoded + "/items/" + encoded, server.requests().get(0).target);
    assertEquals("PUT", server.requests().get(1).method);
    assertEquals("/flex/spaces/" + encoded + "/items/" + encoded, server.requests().get(1).target);
  }

  static Stream<Arguments> refusedIds() {
    return Stream.of("", ".", "..", "%2E", "%2e", "%2E%2E", ".%2e", "%2e.", "%252E%252E", "%25252e")
        .flatMap(id -> Stream.of(Transport.values()).map(t -> Arguments.of(t, id)));
  }

  @ParameterizedTest(name = "{0}: [{1}]")
  @MethodSource("refusedIds")
  void dotAndEmptySegmentsAreRefusedBeforeSending(Transport transport, String id) {
    try (ServiceformClient client = client(transport)) {
      IllegalArgumentException asSpace =
          assertThrows(IllegalArgumentException.class, () -> client.flex().listItems(id));
      assertTrue(asSpace.getMessage().startsWith("spaceId "), asSpace.getMessage());
      IllegalArgumentException asItem =
          assertThrows(IllegalArgumentException.class, () -> client.flex().deleteItem("ok", id));
      assertTrue(asItem.getMessage().startsWith("itemId "), asItem.getMessage());
    }
    assertEquals(0, server.requests().size(), "nothing may be sent");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void nullIdsAndBodiesAreRefusedBeforeSending(Transport transport) {
    try (ServiceformClient client = client(transport)) {
      IllegalArgumentException id = assertThrows(IllegalArgumentException.class,
          () -> client.flex().getItem("space", null));
      assertEquals("itemId is required but was null", id.getMessage());
      IllegalArgumentException body = assertThrows(IllegalArgumentException.class,
          () -> client.flex().createItem("space", null));
      assertFalse(body.getMessage().isEmpty());
      assertThrows(IllegalArgumentException.class, () -> client.chats().searchChats(null));
    }
    assertEquals(0, server.requests().size(), "nothing may be sent");
  }
}
