package com.serviceform.sdk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.Transport;
import com.serviceform.sdk.RequestOptions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The key goes out literally and exactly once; a key that cannot be sent safely is refused. */
class HeaderSafetyTest {
  RawHttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = new RawHttpServer();
    server.handler(r -> RawHttpServer.Reply.json(200, "[]"));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  static Stream<Arguments> literalKeys() {
    return Stream.of("{spaceId}", "abc{def}ghi", "{", "}", "a%7Bb", "k=v&x;y,z", "$(whoami)", "\"quoted\"")
        .flatMap(k -> Stream.of(Transport.values()).map(t -> Arguments.of(t, k)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("literalKeys")
  void keyIsSentLiterallyAndOnce(Transport transport, String key) {
    try (ServiceformClient client = ServiceformClient.builder().apiKey(key).baseUrl(server.baseUrl())
        .transport(transport).build()) {
      client.flex().listSpaces();
      client.chats().searchChats(new com.serviceform.sdk.model.ChatQuery());
    }
    assertEquals(2, server.requests().size());
    for (RawHttpServer.Recorded request : server.requests()) {
      assertEquals(List.of(key), request.headerValues("sf-api-key"));
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void everyRequestCarriesTheBuildsUserAgent(Transport transport) {
    try (ServiceformClient client = ServiceformClient.builder().apiKey("k").baseUrl(server.baseUrl())
        .transport(transport).build()) {
      client.leads().listLeads();
    }
    String expected = "serviceform-java/" + System.getProperty("serviceform.expectedSdkVersion")
        + " (Java/" + System.getProperty("java.version") + ")";
    assertFalse(System.getProperty("serviceform.expectedSdkVersion", "").isEmpty(), "surefire passes the version");
    assertEquals(List.of(expected), server.requests().get(0).headerValues("User-Agent"));
  }

  static Stream<Arguments> badKeys() {
    return Stream.of(
        Arguments.of(null, "null"),
        Arguments.of("", "empty"),
        Arguments.of("   ", "blank"),
        Arguments.of("secret value", "whitespace"),
        Arguments.of("secret\tvalue", "whitespace"),
        Arguments.of("secret\r\nX-Injected: 1", "control"),
        Arguments.of("secret\u0000nul", "control"),
        Arguments.of("secret\u007fdel", "control"),
        Arguments.of("sëcret", "non-ASCII"),
        Arguments.of(" secretpadded ", "whitespace"));
  }

  @ParameterizedTest
  @MethodSource("badKeys")
  void unusableKeysAreRefusedWithoutPrintingThem(String key, String problem) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ServiceformClient.builder().apiKey(key).baseUrl(server.baseUrl()).build());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
    if (key != null && !key.isBlank()) {
      assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }
    assertEquals(0, server.requests().size());
  }

  @Test
  void builderAndClientNeverPrintTheKey() {
    ServiceformClient.Builder builder = ServiceformClient.builder().apiKey("s3cr3t-k3y").baseUrl(server.baseUrl());
    try (ServiceformClient client = builder.build()) {
      assertFalse(builder.toString().contains("s3cr3t-k3y"), builder.toString());
      assertFalse(client.toString().contains("s3cr3t-k3y"), client.toString());
      assertFalse(client.toBuilder().toString().contains("s3cr3t-k3y"));
      assertFalse(client.withOptions(RequestOptions.none()).toString().contains("s3cr3t-k3y"));
    }
  }
}
