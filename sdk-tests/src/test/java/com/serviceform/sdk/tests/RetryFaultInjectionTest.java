package com.serviceform.sdk.tests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.Transport;
import com.serviceform.sdk.errors.AuthenticationException;
import com.serviceform.sdk.errors.BadRequestException;
import com.serviceform.sdk.errors.NotFoundException;
import com.serviceform.sdk.errors.RateLimitException;
import com.serviceform.sdk.errors.ServerException;
import com.serviceform.sdk.errors.ServiceformApiException;
import com.serviceform.sdk.errors.ServiceformException;
import com.serviceform.sdk.errors.ServiceformIOException;
import com.serviceform.sdk.errors.UnexpectedStatusException;
import com.serviceform.sdk.errors.UnprocessableEntityException;
import com.serviceform.sdk.retry.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Faults on the wire, each followed by success, and what each operation does about them. Every
 * test counts the requests the server saw. The sleeper records waits instead of sleeping.
 */
class RetryFaultInjectionTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").jettyAcceptors(1)).build();

  Recorder sleeper;

  @BeforeEach
  void reset() {
    server.resetAll();
    sleeper = new Recorder();
  }

  private ServiceformClient client(Transport transport) {
    return ServiceformClient.builder().apiKey("k").baseUrl(server.baseUrl()).transport(transport)
        .readTimeout(Duration.ofMillis(300)).sleeper(sleeper).circuitBreaker(null).build();
  }

  private static int requests() {
    return server.findAll(anyRequestedFor(anyUrl())).size();
  }

  /** The first request gets {@code first}; every later one gets {@code then}. */
  private static void firstThen(ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
    server.stubFor(any(anyUrl()).inScenario("flaky").whenScenarioStateIs(STARTED)
        .willReturn(first).willSetStateTo("recovered"));
    server.stubFor(any(anyUrl()).inScenario("flaky").whenScenarioStateIs("recovered").willReturn(then));
  }

  enum TransientFault {
    CONNECTION_RESET_BY_PEER(() -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
    EMPTY_RESPONSE(() -> aResponse().withFault(Fault.EMPTY_RESPONSE)),
    MALFORMED_RESPONSE_CHUNK(() -> aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)),
    RANDOM_DATA_THEN_CLOSE(() -> aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)),
    DELAY_BEYOND_READ_TIMEOUT(() -> aResponse().withStatus(200).withBody("[]").withFixedDelay(1_500));

    final Supplier<ResponseDefinitionBuilder> response;

    TransientFault(Supplier<ResponseDefinitionBuilder> response) {
      this.response = response;
    }
  }

  static Stream<Arguments> faults() {
    return Stream.of(Transport.values()).flatMap(t -> Stream.of(TransientFault.values()).map(f -> Arguments.of(t, f)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("faults")
  void retrySafeGetRecoversWithExactlyTwoRequests(Transport transport, TransientFault fault) {
    firstThen(fault.response.get(), aResponse().withStatus(200).withBody(Op.GET_ITEM.okBody()));
    try (ServiceformClient client = client(transport)) {
      assertEquals("it-1", client.flex().getItem("sp-1", "it-1").getId());
    }
    assertEquals(2, requests());
    // The JDK client itself re-sends a GET once when the connection closes before any response
    // byte (a JVM-wide behaviour, see docs/resilience.md); then the SDK had nothing to retry.
    boolean jdkResends = transport == Transport.JDK_HTTP_CLIENT
        && (fault == TransientFault.CONNECTION_RESET_BY_PEER || fault == TransientFault.EMPTY_RESPONSE);
    assertEquals(jdkResends ? 0 : 1, sleeper.waits.size());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("faults")
  void searchChatsIsAQuerySoItIsRetriedToo(Transport transport, TransientFault fault) {
    firstThen(fault.response.get(), aResponse().withStatus(200).withBody("[{\"cid\":\"c-1\"}]"));
    try (ServiceformClient client = client(transport)) {
      assertEquals("c-1", Op.SEARCH_CHATS.call(client).toString().contains("c-1") ? "c-1" : "missing");
    }
    assertEquals(2, requests());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("faults")
  void createItemIsSentExactlyOnceWhenARetryCouldDuplicateIt(Transport transport, TransientFault fault) {
    firstThen(fault.response.get(), aResponse().withStatus(200).withBody(Op.CREATE_ITEM.okBody()));
    try (ServiceformClient client = client(transport)) {
      ServiceformIOException e = assertThrows(ServiceformIOException.class, () -> Op.CREATE_ITEM.call(client));
      assertEquals(1, e.attempts());
    }
    assertEquals(1, requests(), "a retry could have created a duplicate item");
    assertTrue(sleeper.waits.isEmpty());
  }

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of(408, UnexpectedStatusException.class, 3, 1),
        Arguments.of(429, RateLimitException.class, 3, 3),
        Arguments.of(500, ServerException.class, 3, 1),
        Arguments.of(502, ServerException.class, 3, 1),
        Arguments.of(503, ServerException.class, 3, 1),
        Arguments.of(504, ServerException.class, 3, 1),
        Arguments.of(501, ServerException.class, 1, 1),
        Arguments.of(400, BadRequestException.class, 1, 1),
        Arguments.of(401, AuthenticationException.class, 1, 1),
        Arguments.of(403, AuthenticationException.class, 1, 1),
        Arguments.of(404, NotFoundException.class, 1, 1),
        Arguments.of(409, UnexpectedStatusException.class, 1, 1),
        Arguments.of(422, UnprocessableEntityException.class, 1, 1));
  }

  @ParameterizedTest(name = "{0}: safe ops {2} requests, createItem {3}")
  @MethodSource("statuses")
  void statusMatrixOnExhaustion(int status, Class<? extends ServiceformApiException> type, int safeRequests,
      int createRequests) {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status).withBody("{\"error\":1}")));
    try (ServiceformClient client = client(Transport.APACHE_HTTP_CLIENT_5)) {
      for (Op op : Op.values()) {
        server.resetRequests();
        ServiceformApiException e = assertThrows(ServiceformApiException.class, () -> op.call(client));
        int expected = op == Op.CREATE_ITEM ? createRequests : safeRequests;
        assertEquals(type, e.getClass(), op.name());
        assertEquals(expected, requests(), op.name());
        assertEquals(expected, e.attempts(), op.name());
        if (expected > 1) {
          assertTrue(e.getMessage().contains("after " + expected + " attempts"), e.getMessage());
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aPermanentlyFailingEndpointSeesExactlyTheConfiguredAttempts(Transport transport) {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    try (ServiceformClient client = client(transport).toBuilder().retryPolicy(RetryPolicy.custom().maxAttempts(4).build())
        .build()) {
      ServiceformException e = assertThrows(ServiceformIOException.class, () -> Op.SEARCH_CHATS.call(client));
      assertEquals(4, e.attempts());
    }
    assertEquals(4, requests(), "no transport retries underneath ours");

    server.resetAll();
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)));
    try (ServiceformClient client = client(transport).toBuilder().retryPolicy(RetryPolicy.custom().maxAttempts(5).build())
        .build()) {
      assertThrows(ServerException.class, () -> client.leads().listLeads());
    }
    assertEquals(5, requests());
  }

  @org.junit.jupiter.api.Test
  void theDefaultTransportNeverResendsAGetOnItsOwn() {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    try (ServiceformClient client = client(Transport.APACHE_HTTP_CLIENT_5).toBuilder()
        .retryPolicy(RetryPolicy.custom().maxAttempts(4).build()).build()) {
      assertThrows(ServiceformIOException.class, () -> client.flex().listSpaces());
    }
    assertEquals(4, requests());
  }

  @org.junit.jupiter.api.Test
  void theJdkTransportResendsAGetOnceOnAClosedConnectionAsDocumented() {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    try (ServiceformClient client = client(Transport.JDK_HTTP_CLIENT).toBuilder()
        .retryPolicy(RetryPolicy.custom().maxAttempts(4).build()).build()) {
      ServiceformIOException e = assertThrows(ServiceformIOException.class, () -> client.flex().listSpaces());
      assertEquals(4, e.attempts());
    }
    assertEquals(8, requests(), "java.net.http re-sends GET once per attempt; docs/resilience.md says so");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void backoffIsExponentialWithFullJitterUnderTheCap(Transport transport) {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)));
    RetryPolicy policy = RetryPolicy.custom().maxAttempts(6).baseDelay(Duration.ofMillis(100))
        .maxDelay(Duration.ofMillis(400)).build();
    try (ServiceformClient client = client(transport).toBuilder().retryPolicy(policy).build()) {
      for (int call = 0; call < 20; call++) {
        assertThrows(ServerException.class, () -> client.flex().listSpaces());
      }
    }
    assertEquals(20 * 6, requests());
    assertEquals(20 * 5, sleeper.waits.size());
    long[] ceilings = {100, 200, 400, 400, 400};
    for (int i = 0; i < sleeper.waits.size(); i++) {
      long wait = sleeper.waits.get(i).toMillis();
      assertTrue(wait >= 0 && wait <= ceilings[i % 5], "wait " + i + " = " + wait);
    }
    assertTrue(sleeper.waits.stream().distinct().count() > 10, "jittered, not fixed: " + sleeper.waits);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void retryPolicyNoneSendsOnce(Transport transport) {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)));
    try (ServiceformClient client = client(transport).toBuilder().retryPolicy(RetryPolicy.none()).build()) {
      ServerException e = assertThrows(ServerException.class, () -> client.flex().listSpaces());
      assertEquals(1, e.attempts());
    }
    assertEquals(1, requests());
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void decodeErrorsAreNotRetried(Transport transport) {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("<html>")));
    try (ServiceformClient client = client(transport)) {
      assertThrows(com.serviceform.sdk.errors.ResponseDecodeException.class, () -> client.flex().listSpaces());
    }
    assertEquals(1, requests());
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void retryEventsAndAttemptsAreObservable(Transport transport) {
    firstThen(aResponse().withStatus(503), aResponse().withStatus(200).withBody("[]"));
    try (ServiceformClient client = client(transport)) {
      client.flex().listSpaces();
      var retry = client.resilience().retry("listSpaces").orElseThrow();
      assertEquals(1, retry.getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt());
      List<String> events = new java.util.ArrayList<>();
      retry.getEventPublisher().onEvent(event -> events.add(event.getEventType().name()));
      server.resetAll();
      server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
      ServerException e = assertThrows(ServerException.class, () -> client.flex().listSpaces());
      assertEquals(3, e.attempts());
      assertEquals(List.of("RETRY", "RETRY", "ERROR"), events);
      assertNotNull(client.resilience().circuitBreaker());
      assertInstanceOf(RuntimeException.class, e);
    }
  }

  /**
   * The registries are built when first asked for (a short-lived process that never asks skips
   * them); they hold the Retries made before, and their listeners see the Retries made after.
   */
  @ParameterizedTest
  @EnumSource(Transport.class)
  void theRegistriesHoldTheRetriesMadeBeforeAndAnnounceThoseMadeAfter(Transport transport) {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("[]")));
    try (ServiceformClient client = ServiceformClient.builder().apiKey("k").baseUrl(server.baseUrl())
        .transport(transport).build()) {
      client.flex().listSpaces();
      var resilience = client.resilience();
      assertSame(resilience, client.resilience());
      var before = resilience.retry("listSpaces").orElseThrow();
      assertEquals(1, before.getMetrics().getNumberOfSuccessfulCallsWithoutRetryAttempt());
      assertSame(resilience.circuitBreaker().orElseThrow(),
          resilience.circuitBreakerRegistry().find(com.serviceform.sdk.retry.Resilience.NAME).orElseThrow());
      List<String> added = new java.util.ArrayList<>();
      resilience.retryRegistry().getEventPublisher().onEntryAdded(event -> added.add(event.getAddedEntry().getName()));
      client.leads().listLeads();
      assertEquals(List.of("listLeads"), added);
      client.leads().listLeads();
      assertEquals(2, resilience.retry("listLeads").orElseThrow().getMetrics().getNumberOfSuccessfulCallsWithoutRetryAttempt());
      assertEquals(java.util.Set.of("listSpaces", "listLeads"), resilience.retryRegistry().getAllRetries().stream()
          .map(io.github.resilience4j.retry.Retry::getName).collect(java.util.stream.Collectors.toSet()));
    }
  }
}
