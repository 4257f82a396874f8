package com.serviceform.sdk.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.ResponseValidation;
import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.errors.NotFoundException;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Micrometer listener against real HTTP exchanges on loopback. */
class ServiceformMetricsTest {
  static final String SPACES = "[{\"id\":\"s1\",\"name\":\"Sales\"}]";

  LoopbackServer server;
  SimpleMeterRegistry registry;
  ServiceformMetrics metrics;

  @BeforeEach
  void start() throws Exception {
    server = new LoopbackServer();
    registry = new SimpleMeterRegistry();
    metrics = ServiceformMetrics.create(registry, Tags.of("client", "test"));
  }

  @AfterEach
  void stop() {
    server.close();
    registry.close();
  }

  private ServiceformClient.Builder builder() {
    return ServiceformClient.builder().apiKey("metrics-test-key").baseUrl(server.baseUrl())
        .sleeper(wait -> { }).addEventListener(metrics);
  }

  @Test
  void aRetriedCallIsOneRequestOfTwoAttemptsWithItsRetry() {
    server.then(503, "{}").then(200, SPACES);
    try (ServiceformClient client = builder().build()) {
      client.flex().listSpaces();
    }
    Timer requests = registry.get(ServiceformMetrics.REQUESTS).tags("operation", "listSpaces", "method", "GET",
        "outcome", "SUCCESS", "status.class", "2xx", "attempts", "2", "exception", "none", "client", "test").timer();
    assertEquals(1, requests.count());
    assertTrue(requests.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) > 0);
    assertEquals(1, registry.get(ServiceformMetrics.ATTEMPTS).tags("outcome", "SERVER_ERROR", "status.class", "5xx")
        .timer().count());
    assertEquals(1, registry.get(ServiceformMetrics.ATTEMPTS).tags("outcome", "SUCCESS", "status.class", "2xx")
        .timer().count());
    assertEquals(1.0, registry.get(ServiceformMetrics.RETRIES).tags("operation", "listSpaces", "reason", "503",
        "source", "backoff").counter().count());
    assertEquals(1, registry.get(ServiceformMetrics.RETRY_DELAY).tags("source", "backoff").timer().count());
    assertEquals(2, registry.get(ServiceformMetrics.POOL_WAIT).tags("timed.out", "false").timer().count());
    assertEquals(SPACES.length(), registry.get(ServiceformMetrics.RESPONSE_SIZE).tags("operation", "listSpaces")
        .summary().totalAmount());
  }

  @Test
  void aRetryAfterDelayIsTaggedAsTheServers() {
    server.then(429, "{}", Map.of("Retry-After", "1")).then(200, SPACES);
    try (ServiceformClient client = builder().build()) {
      client.flex().listSpaces();
    }
    assertEquals(1.0, registry.get(ServiceformMetrics.RETRIES).tags("reason", "429", "source", "retry_after")
        .counter().count());
    assertEquals(1000.0, registry.get(ServiceformMetrics.RETRY_DELAY).tags("source", "retry_after").timer()
        .totalTime(java.util.concurrent.TimeUnit.MILLISECONDS));
  }

  @Test
  void aFailedCallIsTaggedWithItsOutcomeStatusClassAndException() {
    server.then(404, "{}");
    try (ServiceformClient client = builder().build()) {
      assertThrows(NotFoundException.class, () -> client.flex().getItem("sp-1", "it-1"));
    }
    Timer failed = registry.get(ServiceformMetrics.REQUESTS).tags("operation", "getItem", "outcome", "CLIENT_ERROR",
        "status.class", "4xx", "attempts", "1", "exception", "NotFoundException").timer();
    assertEquals(1, failed.count());
  }

  @Test
  void noTagHoldsAUrlOrAnIdAndEveryMeterHasTheCommonTags() {
    server.then(200, "{\"id\":\"it-1\"}");
    try (ServiceformClient client = builder().build()) {
      client.flex().getItem("space-123", "item-456");
    }
    assertFalse(registry.getMeters().isEmpty());
    for (Meter meter : registry.getMeters()) {
      assertTrue(meter.getId().getName().matches("[a-z0-9.]+"), meter.getId().getName());
      assertTrue(meter.getId().getTags().contains(Tag.of("client", "test")), meter.getId().toString());
      for (Tag tag : meter.getId().getTags()) {
        assertFalse(tag.getValue().contains("/") || tag.getValue().contains("123") || tag.getValue().contains("456"),
            meter.getId().toString());
      }
    }
  }

  @Test
  void resilienceMetersAndMismatchesAreThere() {
    server.then(200, "[{\"id\":\"s1\",\"colour\":\"red\"}]");
    try (ServiceformClient client = builder().responseValidation(ResponseValidation.WARN).build()) {
      metrics.bindResilience(client.resilience());
      client.flex().listSpaces();
      client.flex().listSpaces();
      assertNotNull(registry.find("resilience4j.circuitbreaker.state").tags("name", "serviceform").gauge());
      assertNotNull(registry.find("resilience4j.retry.calls").tags("name", "listSpaces").functionCounter());
    }
    assertEquals(1.0, registry.get(ServiceformMetrics.MISMATCHES).tags("operation", "listSpaces",
        "kind", "UNDOCUMENTED_FIELD").counter().count(), "each place once");
  }

  @Test
  void tagValuesForStatusesAndAttempts() {
    assertEquals("NONE", ServiceformMetrics.statusClass(0));
    assertEquals("3xx", ServiceformMetrics.statusClass(304));
    assertEquals("0", ServiceformMetrics.attemptsTag(0));
    assertEquals("4+", ServiceformMetrics.attemptsTag(9));
  }
}
