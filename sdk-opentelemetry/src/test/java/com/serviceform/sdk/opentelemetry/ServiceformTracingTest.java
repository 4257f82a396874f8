package com.serviceform.sdk.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.errors.NotFoundException;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Spans of real HTTP exchanges on loopback, read from the OpenTelemetry SDK's in-memory exporter. */
class ServiceformTracingTest {
  static final String KEY = "tracing-test-key-0123456789";

  @RegisterExtension
  static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();

  LoopbackServer server;

  @BeforeEach
  void start() throws Exception {
    server = new LoopbackServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ServiceformClient client(boolean propagate) {
    return ServiceformClient.builder().apiKey(KEY).baseUrl(server.baseUrl()).sleeper(wait -> { })
        .addEventListenerFactory(ServiceformTracing.builder(OTEL.getOpenTelemetry())
            .propagateTraceContext(propagate).build())
        .build();
  }

  private static List<SpanData> named(List<SpanData> spans, String suffix) {
    return spans.stream().filter(s -> s.getName().endsWith(suffix)).collect(Collectors.toList());
  }

  @Test
  void aCallIsAClientSpanWithTheHttpConventionsAndAChildSpanPerAttempt() {
    server.then(503, "{}").then(200, "{\"id\":\"it-1\"}", Map.of("X-Request-Id", "req-7"));
    try (ServiceformClient client = client(false)) {
      client.flex().getItem("sp-1", "it-1");
    }
    List<SpanData> spans = OTEL.getSpans();
    SpanData call = named(spans, "{itemId}").get(0);
    assertEquals("GET /flex/spaces/{spaceId}/items/{itemId}", call.getName());
    assertEquals(SpanKind.CLIENT, call.getKind());
    assertEquals("GET", call.getAttributes().get(ServiceformTracing.HTTP_REQUEST_METHOD));
    assertEquals("/flex/spaces/{spaceId}/items/{itemId}", call.getAttributes().get(ServiceformTracing.URL_TEMPLATE));
    assertEquals(server.baseUrl() + "/flex/spaces/sp-1/items/it-1", call.getAttributes().get(ServiceformTracing.URL_FULL));
    assertEquals("127.0.0.1", call.getAttributes().get(ServiceformTracing.SERVER_ADDRESS));
    assertEquals(200L, call.getAttributes().get(ServiceformTracing.HTTP_RESPONSE_STATUS_CODE));
    assertEquals("getItem", call.getAttributes().get(ServiceformTracing.OPERATION));
    assertEquals(true, call.getAttributes().get(ServiceformTracing.RETRY_SAFE));
    assertEquals(2L, call.getAttributes().get(ServiceformTracing.ATTEMPTS));
    assertEquals("req-7", call.getAttributes().get(ServiceformTracing.REQUEST_ID));
    assertEquals(StatusCode.UNSET, call.getStatus().getStatusCode());

    EventData retry = call.getEvents().get(0);
    assertEquals(ServiceformTracing.RETRY_EVENT, retry.getName());
    assertEquals("503", retry.getAttributes().get(ServiceformTracing.RETRY_REASON));
    assertEquals("backoff", retry.getAttributes().get(ServiceformTracing.RETRY_DELAY_SOURCE));
    assertTrue(retry.getAttributes().get(ServiceformTracing.RETRY_DELAY_MS) >= 0);

    List<SpanData> attempts = named(spans, " attempt");
    assertEquals(2, attempts.size());
    for (SpanData attempt : attempts) {
      assertEquals(call.getSpanId(), attempt.getParentSpanId());
      assertEquals(call.getTraceId(), attempt.getTraceId());
    }
    assertEquals(503L, attempts.get(0).getAttributes().get(ServiceformTracing.HTTP_RESPONSE_STATUS_CODE));
    assertEquals("503", attempts.get(0).getAttributes().get(ServiceformTracing.ERROR_TYPE));
    assertEquals(StatusCode.ERROR, attempts.get(0).getStatus().getStatusCode());
    assertNull(attempts.get(0).getAttributes().get(ServiceformTracing.HTTP_REQUEST_RESEND_COUNT));
    assertEquals(1L, attempts.get(1).getAttributes().get(ServiceformTracing.HTTP_REQUEST_RESEND_COUNT));
    assertTrue(attempts.get(1).getAttributes().get(ServiceformTracing.POOL_WAIT_MS) >= 0);
    for (SpanData span : spans) {
      assertFalse(span.getAttributes().toString().contains(KEY), span.toString());
    }
  }

  @Test
  void aFailedCallHasAnErrorStatusAndErrorType() {
    server.then(404, "{}");
    try (ServiceformClient client = client(false)) {
      assertThrows(NotFoundException.class, () -> client.flex().getItem("sp-1", "it-1"));
    }
    SpanData call = named(OTEL.getSpans(), "{itemId}").get(0);
    assertEquals(StatusCode.ERROR, call.getStatus().getStatusCode());
    assertEquals("404", call.getAttributes().get(ServiceformTracing.ERROR_TYPE));
    assertEquals(404L, call.getAttributes().get(ServiceformTracing.HTTP_RESPONSE_STATUS_CODE));
  }

  @Test
  void theCallSpanIsAChildOfTheCurrentSpan() {
    server.then(200, "[]");
    Span parent = OTEL.getOpenTelemetry().getTracer("test").spanBuilder("parent").startSpan();
    try (Scope ignored = parent.makeCurrent(); ServiceformClient client = client(false)) {
      client.flex().listSpaces();
    } finally {
      parent.end();
    }
    SpanData call = named(OTEL.getSpans(), "/flex/spaces").get(0);
    assertEquals(parent.getSpanContext().getSpanId(), call.getParentSpanId());
  }

  @Test
  void theServerGetsTraceparentOnlyWhenPropagationIsOn() {
    server.then(200, "[]");
    try (ServiceformClient client = client(false)) {
      client.flex().listSpaces();
    }
    assertFalse(server.requests.get(0).containsKey("traceparent"), server.requests.get(0).toString());

    try (ServiceformClient client = client(true)) {
      client.flex().listSpaces();
    }
    Map<String, List<String>> sent = server.requests.get(1);
    SpanData attempt = named(OTEL.getSpans(), " attempt").get(1);
    assertEquals(List.of("00-" + attempt.getTraceId() + "-" + attempt.getSpanId() + "-"
        + attempt.getSpanContext().getTraceFlags().asHex()), sent.get("traceparent"),
        "points at the attempt's span");
    assertEquals(List.of(KEY), sent.get("sf-api-key"));
  }

  @Test
  void attributeNamesAreTheConventionsOwn() {
    assertEquals(List.of("http.request.method", "url.template", "url.full", "server.address", "server.port",
        "http.response.status_code", "http.request.resend_count", "error.type"),
        List.of(ServiceformTracing.HTTP_REQUEST_METHOD, ServiceformTracing.URL_TEMPLATE, ServiceformTracing.URL_FULL,
            ServiceformTracing.SERVER_ADDRESS, ServiceformTracing.SERVER_PORT,
            ServiceformTracing.HTTP_RESPONSE_STATUS_CODE, ServiceformTracing.HTTP_REQUEST_RESEND_COUNT,
            ServiceformTracing.ERROR_TYPE).stream().map(AttributeKey::getKey).collect(Collectors.toList()));
  }
}
