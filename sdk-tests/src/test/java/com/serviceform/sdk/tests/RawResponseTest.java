package com.serviceform.sdk.tests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.errors.NotFoundException;
import com.serviceform.sdk.model.ApiResponse;
import com.serviceform.sdk.model.Item;
import com.serviceform.sdk.model.ItemInput;
import com.serviceform.sdk.model.Space;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ...WithHttpInfo operations give status and headers, through the same auth and errors. */
class RawResponseTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").jettyAcceptors(1)).build();

  ServiceformClient client;

  @BeforeEach
  void setUp() {
    server.resetAll();
    client = ServiceformClient.builder().apiKey("raw-key").baseUrl(server.baseUrl()).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  @Test
  void statusHeadersAndBody() {
    server.stubFor(get("/flex/spaces").willReturn(aResponse().withStatus(200)
        .withHeader("X-Request-Id", "r-1").withHeader("X-RateLimit-Remaining", "99")
        .withBody("[{\"id\":\"sp-1\"}]")));

    ApiResponse<List<Space>> response = client.flex().listSpacesWithHttpInfo();

    assertEquals(200, response.getStatusCode());
    assertEquals(List.of("r-1"), List.copyOf(response.getHeaders().get("x-request-id")));
    assertEquals(List.of("99"), List.copyOf(response.getHeaders().get("x-ratelimit-remaining")));
    assertEquals("sp-1", response.getData().get(0).getId());
    assertEquals(List.of("raw-key"),
        server.findAll(anyRequestedFor(anyUrl())).get(0).getHeaders().getHeader("sf-api-key").values());
    assertThrows(UnsupportedOperationException.class, () -> response.getHeaders().put("x", List.of()));
  }

  @Test
  void emptyBodyGivesNullDataAndTheStatus() {
    server.stubFor(post("/flex/spaces/s/items").willReturn(aResponse().withStatus(200)));
    ApiResponse<Item> response = client.flex().createItemWithHttpInfo("s", new ItemInput().primaryField("p"));
    assertEquals(200, response.getStatusCode());
    assertNull(response.getData());
    assertTrue(response.toString().contains("statusCode=200"));
  }

  @Test
  void errorsAreTheSameTypedExceptions() {
    server.stubFor(delete("/flex/spaces/s/items/gone").willReturn(aResponse().withStatus(404).withBody("{}")));
    NotFoundException e = assertThrows(NotFoundException.class,
        () -> client.flex().deleteItemWithHttpInfo("s", "gone"));
    assertEquals(404, e.statusCode());
  }
}
