package com.serviceform.sdk.tests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.Transport;
import com.serviceform.sdk.errors.UnexpectedStatusException;
import com.serviceform.sdk.model.ChatQuery;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Redirects are off by default; when on, only same-origin ones are followed, with the key. */
class RedirectTest {
  @RegisterExtension
  static WireMockExtension api = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").jettyAcceptors(1)).build();

  @RegisterExtension
  static WireMockExtension elsewhere = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").jettyAcceptors(1)).build();

  @BeforeEach
  void stubs() {
    api.resetAll();
    elsewhere.resetAll();
    api.stubFor(get("/flex/spaces").willReturn(aResponse().withStatus(302).withHeader("Location", "/v2/spaces")));
    api.stubFor(get("/v2/spaces").willReturn(aResponse().withStatus(200).withBody("[{\"id\":\"sp-9\"}]")));
    api.stubFor(get("/leads").willReturn(aResponse().withStatus(307)
        .withHeader("Location", elsewhere.baseUrl() + "/leads")));
    api.stubFor(post("/chats").willReturn(aResponse().withStatus(303).withHeader("Location", "/chats/result")));
    api.stubFor(get("/chats/result").willReturn(aResponse().withStatus(200).withBody("[]")));
    elsewhere.stubFor(get("/leads").willReturn(aResponse().withStatus(200).withBody("[]")));
  }

  private static ServiceformClient client(Transport transport, boolean follow) {
    return ServiceformClient.builder().apiKey("the-key").baseUrl(api.baseUrl()).transport(transport)
        .followRedirects(follow).build();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void redirectsAreNotFollowedByDefault(Transport transport) {
    try (ServiceformClient client = client(transport, false)) {
      UnexpectedStatusException e = assertThrows(UnexpectedStatusException.class, () -> client.flex().listSpaces());
      assertEquals(302, e.statusCode());
      assertEquals("/v2/spaces", e.header("Location"));
    }
    assertEquals(1, api.findAll(anyRequestedFor(anyUrl())).size());
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void sameOriginRedirectIsFollowedWithTheKey(Transport transport) {
    try (ServiceformClient client = client(transport, true)) {
      assertEquals("sp-9", client.flex().listSpaces().get(0).getId());
    }
    List<LoggedRequest> requests = api.findAll(anyRequestedFor(anyUrl()));
    assertEquals(2, requests.size());
    assertEquals("/v2/spaces", requests.get(1).getUrl());
    assertEquals(List.of("the-key"), requests.get(1).getHeaders().getHeader("sf-api-key").values());
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void seeOtherTurnsAPostIntoAGet(Transport transport) {
    try (ServiceformClient client = client(transport, true)) {
      assertEquals(0, client.chats().searchChats(new ChatQuery()).size());
    }
    List<LoggedRequest> requests = api.findAll(anyRequestedFor(anyUrl()));
    assertEquals("GET", requests.get(1).getMethod().value());
    assertEquals("", requests.get(1).getBodyAsString());
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void crossOriginRedirectIsNeverFollowedSoTheKeyStaysHome(Transport transport) {
    try (ServiceformClient client = client(transport, true)) {
      UnexpectedStatusException e = assertThrows(UnexpectedStatusException.class, () -> client.leads().listLeads());
      assertEquals(307, e.statusCode());
    }
    assertEquals(1, api.findAll(anyRequestedFor(anyUrl())).size());
    assertEquals(0, elsewhere.findAll(anyRequestedFor(anyUrl())).size(), "the other host saw nothing");
  }
}
