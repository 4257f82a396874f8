package com.serviceform.sdk.tests;

import com.serviceform.sdk.api.StatisticsApi;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.Transport;
import com.serviceform.sdk.retry.RetryPolicy;
import com.serviceform.sdk.errors.ResponseDecodeException;
import com.serviceform.sdk.errors.ServiceformIOException;
import com.serviceform.sdk.errors.ServiceformTimeoutException;
import com.serviceform.sdk.model.ItemInput;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A 2xx whose body is not the documented JSON, and exchanges that break, give typed errors. */
class BadBodyTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").jettyAcceptors(1))
      .build();

  private static ServiceformClient client(Transport transport) {
    return ServiceformClient.builder().apiKey("k").baseUrl(server.baseUrl()).transport(transport)
        .readTimeout(Duration.ofMillis(500)).retryPolicy(RetryPolicy.none()).build();
  }

  private static void answer(int status, String body) {
    server.resetAll();
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status).withBody(body)));
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void htmlWithOkIsADecodeError(Transport transport) {
    answer(200, "<html><body>Maintenance</body></html>");
    try (ServiceformClient client = client(transport)) {
      ResponseDecodeException single = assertThrows(ResponseDecodeException.class,
          () -> client.flex().getItem("s", "i"));
      assertEquals(200, single.statusCode());
      assertEquals("<html><body>Maintenance</body></html>", single.bodySnippet());
      ResponseDecodeException list = assertThrows(ResponseDecodeException.class,
          () -> client.flex().listItems("s"));
      assertTrue(list.getMessage().contains("HTTP 200"), list.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void truncatedJsonIsADecodeError(Transport transport) {
    answer(200, "[{\"id\":\"it-1\",\"primary_fi");
    try (ServiceformClient client = client(transport)) {
      ResponseDecodeException e = assertThrows(ResponseDecodeException.class, () -> client.flex().listItems("s"));
      assertEquals("[{\"id\":\"it-1\",\"primary_fi", e.bodySnippet());
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void wrongTypesAreADecodeError(Transport transport) {
    answer(200, "{\"id\":{\"nested\":true},\"created\":\"yesterday\"}");
    try (ServiceformClient client = client(transport)) {
      assertThrows(ResponseDecodeException.class, () -> client.flex().getItem("s", "i"));
    }
    answer(200, "{\"totalChats\":\"many\"}");
    try (ServiceformClient client = client(transport)) {
      assertThrows(ResponseDecodeException.class, () -> client.statistics().getChatStatistics());
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void trailingGarbageIsADecodeError(Transport transport) {
    answer(200, "{\"id\":\"it-1\"} <html>");
    try (ServiceformClient client = client(transport)) {
      assertThrows(ResponseDecodeException.class, () -> client.flex().getItem("s", "i"));
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void emptyOrNullBodyIsNullOnlyWhereTheSpecAllowsNoBody(Transport transport) {
    for (String body : new String[] {"", "null", " \n"}) {
      answer(200, body);
      try (ServiceformClient client = client(transport)) {
        // Create, update and delete are documented without a body (x-serviceform-empty-body).
        assertNull(client.flex().createItem("s", new ItemInput().primaryField("p")));
        assertNull(client.flex().updateItem("s", "i", new ItemInput().primaryField("p")));
        assertNull(client.flex().deleteItem("s", "i"));
        ResponseDecodeException list = assertThrows(ResponseDecodeException.class, () -> client.leads().listLeads());
        assertEquals(200, list.statusCode());
        // Every other operation promises an object: nothing is not an answer.
        ResponseDecodeException item = assertThrows(ResponseDecodeException.class,
            () -> client.flex().getItem("s", "i"), "getItem with body '" + body + "'");
        assertTrue(item.getMessage().contains("a JSON object was expected"), item.getMessage());
        assertThrows(ResponseDecodeException.class, () -> client.statistics().getChatStatistics());
      }
    }
    answer(204, "");
    try (ServiceformClient client = client(transport)) {
      ResponseDecodeException e = assertThrows(ResponseDecodeException.class, () -> client.flex().getItem("s", "i"));
      assertEquals(204, e.statusCode());
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void randomBytesThenCloseIsAnIOException(Transport transport) {
    server.resetAll();
    server.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));
    try (ServiceformClient client = client(transport)) {
      ServiceformIOException e = assertThrows(ServiceformIOException.class, () -> client.flex().listSpaces());
      assertEquals("GET", e.method());
      assertEquals(server.baseUrl() + "/flex/spaces", e.requestUrl());
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void emptyResponseAndResetAreIOExceptions(Transport transport) {
    for (Fault fault : new Fault[] {Fault.EMPTY_RESPONSE, Fault.CONNECTION_RESET_BY_PEER, Fault.MALFORMED_RESPONSE_CHUNK}) {
      server.resetAll();
      server.stubFor(any(anyUrl()).willReturn(aResponse().withFault(fault)));
      try (ServiceformClient client = client(transport)) {
        ServiceformIOException e = assertThrows(ServiceformIOException.class, () -> client.flex().listSpaces(),
            fault.name());
        assertEquals(ServiceformIOException.class, e.getClass(), fault.name());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void slowResponseIsATimeout(Transport transport) {
    server.resetAll();
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("[]").withFixedDelay(2_000)));
    try (ServiceformClient client = client(transport)) {
      ServiceformTimeoutException e = assertThrows(ServiceformTimeoutException.class, () -> client.flex().listSpaces());
      assertTrue(e.getMessage().contains("timed out"), e.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void refusedConnectionIsAnIOExceptionNotATimeout(Transport transport) throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (ServiceformClient client = ServiceformClient.builder().apiKey("k")
        .baseUrl("http://127.0.0.1:" + closedPort).transport(transport).retryPolicy(RetryPolicy.none()).build()) {
      ServiceformIOException e = assertThrows(ServiceformIOException.class, () -> client.flex().listSpaces());
      assertEquals(ServiceformIOException.class, e.getClass());
    }
  }
}
