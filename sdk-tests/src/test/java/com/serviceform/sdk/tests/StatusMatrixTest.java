package com.serviceform.sdk.tests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.Transport;
import com.serviceform.sdk.retry.RetryPolicy;
import com.serviceform.sdk.errors.AuthenticationException;
import com.serviceform.sdk.errors.BadRequestException;
import com.serviceform.sdk.errors.NotFoundException;
import com.serviceform.sdk.errors.RateLimitException;
import com.serviceform.sdk.errors.ServerException;
import com.serviceform.sdk.errors.ServiceformApiException;
import com.serviceform.sdk.errors.UnexpectedStatusException;
import com.serviceform.sdk.errors.UnprocessableEntityException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every status class, from every operation, on both transports, becomes its typed exception. */
class StatusMatrixTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").jettyAcceptors(1))
      .build();

  static Stream<Arguments> matrix() {
    List<Object[]> statuses = List.of(
        new Object[] {400, BadRequestException.class},
        new Object[] {401, AuthenticationException.class},
        new Object[] {403, AuthenticationException.class},
        new Object[] {404, NotFoundException.class},
        new Object[] {422, UnprocessableEntityException.class},
        new Object[] {429, RateLimitException.class},
        new Object[] {500, ServerException.class},
        new Object[] {502, ServerException.class},
        new Object[] {503, ServerException.class},
        new Object[] {504, ServerException.class},
        new Object[] {302, UnexpectedStatusException.class},
        new Object[] {409, UnexpectedStatusException.class},
        new Object[] {418, UnexpectedStatusException.class});
    return Stream.of(Transport.values()).flatMap(t -> Stream.of(Op.values())
        .flatMap(op -> statuses.stream().map(s -> Arguments.of(t, op, s[0], s[1]))));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @MethodSource("matrix")
  void statusBecomesTypedException(Transport transport, Op op, int status, Class<? extends ServiceformApiException> type) {
    server.resetAll();
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withHeader("X-Request-Id", "req-42")
        .withHeader("Retry-After", "7")
        .withHeader("Location", "https://elsewhere.example/")
        .withBody("{\"error\":\"status " + status + "\"}")));

    ServiceformApiException e;
    try (ServiceformClient client = ServiceformClient.builder().apiKey("key-1")
        .baseUrl(server.baseUrl()).transport(transport).retryPolicy(RetryPolicy.none()).build()) {
      e = assertThrows(ServiceformApiException.class, () -> op.call(client));
    }

    assertEquals(type, e.getClass());
    assertEquals(status, e.statusCode());
    assertEquals("{\"error\":\"status " + status + "\"}", e.body());
    assertEquals(List.of("req-42"), e.headers().get("x-request-id"));
    assertEquals("req-42", e.header("X-Request-ID"));
    assertEquals(op.method, e.method());
    assertEquals(server.baseUrl() + op.url, e.requestUrl());
    assertTrue(e.getMessage().contains("HTTP " + status), e.getMessage());
    if (e instanceof RateLimitException) {
      assertEquals(Duration.ofSeconds(7), ((RateLimitException) e).retryAfter().orElseThrow());
    }
    assertInstanceOf(RuntimeException.class, e);
    assertEquals(1, server.findAll(anyRequestedFor(anyUrl())).size(), "exactly one request with RetryPolicy.none()");
  }
}
