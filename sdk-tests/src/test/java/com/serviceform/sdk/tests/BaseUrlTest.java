package com.serviceform.sdk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.ServiceformClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which base URLs are accepted, and where requests go for each. */
class BaseUrlTest {
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

  @Test
  void defaultsToProduction() {
    try (ServiceformClient client = ServiceformClient.builder().apiKey("k").build()) {
      assertEquals("https://link.serviceform.com", client.baseUrl());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://example.com", "http://10.0.0.5:8080", "http://localhost.evil.com",
      "http://127.0.0.1.nip.io"})
  void plainHttpOffLoopbackIsRefusedUnlessAllowed(String url) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ServiceformClient.builder().apiKey("k").baseUrl(url).build());
    assertTrue(e.getMessage().contains("allowInsecureHttp"), e.getMessage());
    try (ServiceformClient client = ServiceformClient.builder().apiKey("k").baseUrl(url)
        .allowInsecureHttp(true).build()) {
      assertEquals(url, client.baseUrl());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://link.serviceform.com", "link.serviceform.com", "https://user:pw@link.serviceform.com",
      "https://link.serviceform.com/?x=1", "https://link.serviceform.com/#f", "not a url", "https:///nohost"})
  void malformedBaseUrlsAreRefused(String url) {
    assertThrows(IllegalArgumentException.class, () -> ServiceformClient.builder().apiKey("k").baseUrl(url).build());
  }

  @Test
  void trailingSlashAndPathPrefixAreHandled() {
    try (ServiceformClient client = ServiceformClient.builder().apiKey("k").baseUrl(server.baseUrl() + "/").build()) {
      client.flex().listSpaces();
    }
    try (ServiceformClient client = ServiceformClient.builder().apiKey("k").baseUrl(server.baseUrl() + "/api/v1/")
        .build()) {
      client.leads().listLeads();
    }
    assertEquals("/flex/spaces", server.requests().get(0).target);
    assertEquals("/api/v1/leads", server.requests().get(1).target);
  }

  @Test
  void toBuilderDerivesAClientWithTheSameConfiguration() {
    try (ServiceformClient first = ServiceformClient.builder().apiKey("derived-key").baseUrl(server.baseUrl()).build();
        ServiceformClient second = first.toBuilder().readTimeout(java.time.Duration.ofSeconds(3)).build()) {
      second.flex().listSpaces();
      assertEquals(first.baseUrl(), second.baseUrl());
    }
    assertEquals(java.util.List.of("derived-key"), server.requests().get(0).headerValues("sf-api-key"));
  }
}
