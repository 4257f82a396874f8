package com.serviceform.sdk.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.LogLevel;
import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.Transport;
import com.serviceform.sdk.errors.ClientClosedException;
import com.serviceform.sdk.errors.ResponseTooLargeException;
import com.serviceform.sdk.errors.ServerException;
import com.serviceform.sdk.errors.ServiceformTimeoutException;
import com.serviceform.sdk.retry.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

/** The auto-configuration in an application context, its client calling a server on loopback. */
class ServiceformAutoConfigurationTest {
  private static final String KEY = "starter-test-key-7d1e";

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ServiceformAutoConfiguration.class));

  @Test
  void theClientSendsTheConfiguredKeyToTheConfiguredBaseUrl() throws Exception {
    try (LoopbackServer server = new LoopbackServer(200, "[{\"id\":\"sp-1\"}]", 0)) {
      runner.withPropertyValues("serviceform.api-key=" + KEY, "serviceform.base-url=" + server.baseUrl())
          .run(context -> {
            ServiceformClient client = context.getBean(ServiceformClient.class);
            assertEquals("sp-1", client.flex().listSpaces().get(0).getId());
          });
      assertEquals(List.of(new LoopbackServer.Received("GET", "/flex/spaces", KEY)), server.received());
    }
  }

  @Test
  void unsetRetryPropertiesKeepTheSdkDefaultOfThreeAttempts() throws Exception {
    try (LoopbackServer server = new LoopbackServer(503, "{}", 0)) {
      runner.withPropertyValues("serviceform.api-key=" + KEY, "serviceform.base-url=" + server.baseUrl(),
              "serviceform.retry.base-delay=0ms")
          .run(context -> assertThrows(ServerException.class,
              () -> context.getBean(ServiceformClient.class).flex().listSpaces()));
      assertEquals(RetryPolicy.ofDefaults().maxAttempts(), server.received().size());
    }
  }

  @Test
  void retryMaxAttemptsIsHonoured() throws Exception {
    try (LoopbackServer server = new LoopbackServer(503, "{}", 0)) {
      runner.withPropertyValues("serviceform.api-key=" + KEY, "serviceform.base-url=" + server.baseUrl(),
              "serviceform.retry.max-attempts=2", "serviceform.retry.base-delay=0ms")
          .run(context -> assertThrows(ServerException.class,
              () -> context.getBean(ServiceformClient.class).flex().listSpaces()));
      assertEquals(2, server.received().size());
    }
  }

  // The server holds each answer 3 s; a client on the default timeouts (30 s read, 2 min call)
  // would get it and the call would succeed, so only the configured timeout can end it.
  @Test
  void theReadTimeoutIsHonoured() throws Exception {
    try (LoopbackServer server = new LoopbackServer(200, "[]", 3_000)) {
      runner.withPropertyValues("serviceform.api-key=" + KEY, "serviceform.base-url=" + server.baseUrl(),
              "serviceform.read-timeout=300ms", "serviceform.retry.max-attempts=1")
          .run(context -> {
            ServiceformTimeoutException e = assertThrows(ServiceformTimeoutException.class,
                () -> context.getBean(ServiceformClient.class).flex().listSpaces());
            assertFalse(e.isCallTimeout(), e.toString());
          });
    }
  }

  @Test
  void theCallTimeoutIsHonoured() throws Exception {
    try (LoopbackServer server = new LoopbackServer(200, "[]", 3_000)) {
      runner.withPropertyValues("serviceform.api-key=" + KEY, "serviceform.base-url=" + server.baseUrl(),
              "serviceform.call-timeout=300ms")
          .run(context -> {
            ServiceformTimeoutException e = assertThrows(ServiceformTimeoutException.class,
                () -> context.getBean(ServiceformClient.class).flex().listSpaces());
            assertTrue(e.isCallTimeout(), e.toString());
          });
    }
  }

  @Test
  void everyPropertyBinds() {
    runner.withPropertyValues("serviceform.api-key=" + KEY, "serviceform.base-url=https://api.example.com",
            "serviceform.connect-timeout=2s", "serviceform.read-timeout=3s", "serviceform.call-timeout=1m",
            "serviceform.transport=jdk-http-client", "serviceform.max-connections=8",
            "serviceform.log-level=basic", "serviceform.retry.max-attempts=5",
            "serviceform.retry.base-delay=100ms", "serviceform.retry.max-delay=2s",
            "serviceform.retry.max-retry-after=10s", "serviceform.connection-acquire-timeout=250ms",
            "serviceform.max-response-bytes=2MB", "serviceform.app-name=billing", "serviceform.app-version=1.4.2",
            "serviceform.proxy.host=proxy.example.com", "serviceform.proxy.port=3128")
        .run(context -> {
          ServiceformProperties properties = context.getBean(ServiceformProperties.class);
          assertEquals(Duration.ofSeconds(2), properties.getConnectTimeout());
          assertEquals(Duration.ofSeconds(3), properties.getReadTimeout());
          assertEquals(Duration.ofMinutes(1), properties.getCallTimeout());
          assertEquals(Transport.JDK_HTTP_CLIENT, properties.getTransport());
          assertEquals(8, properties.getMaxConnections());
          assertEquals(LogLevel.BASIC, properties.getLogLevel());
          assertEquals(5, properties.getRetry().getMaxAttempts());
          assertEquals(Duration.ofMillis(100), properties.getRetry().getBaseDelay());
          assertEquals(Duration.ofSeconds(2), properties.getRetry().getMaxDelay());
          assertEquals(Duration.ofSeconds(10), properties.getRetry().getMaxRetryAfter());
          assertEquals(Duration.ofMillis(250), properties.getConnectionAcquireTimeout());
          assertEquals(DataSize.ofMegabytes(2), properties.getMaxResponseBytes());
          assertEquals("billing", properties.getAppName());
          assertEquals("1.4.2", properties.getAppVersion());
          assertEquals("proxy.example.com", properties.getProxy().getHost());
          assertEquals(3128, properties.getProxy().getPort());
          assertEquals("https://api.example.com", context.getBean(ServiceformClient.class).baseUrl());
          assertFalse(properties.toString().contains(KEY), properties.toString());
        });
  }

  @Test
  void withoutAKeyTheContextFailsNamingTheProperty() {
    runner.run(context -> {
      Throwable failure = context.getStartupFailure();
      assertNotNull(failure, "the context started without a key");
      assertTrue(messages(failure).contains("serviceform.api-key"), messages(failure));
    });
  }

  @Test
  void aMalformedKeyFailsTheContextWithoutShowingTheKey() {
    String secret = "secret part-of-a-key-4412";
    runner.withPropertyValues("serviceform.api-key=" + secret).run(context -> {
      Throwable failure = context.getStartupFailure();
      assertNotNull(failure, "the context started with a key containing a space");
      assertFalse(messages(failure).contains("part-of-a-key-4412"), messages(failure));
    });
  }

  @Test
  void theApplicationsOwnClientReplacesTheAutoConfiguredOne() {
    ServiceformClient own = ServiceformClient.builder().apiKey("own-key-5521").build();
    runner.withBean(ServiceformClient.class, () -> own).run(context -> {
      assertNull(context.getStartupFailure());
      assertSame(own, context.getBean(ServiceformClient.class));
    });
    own.close();
  }

  @Test
  void customizersAdjustTheBuilder() throws Exception {
    try (LoopbackServer server = new LoopbackServer(503, "{}", 0)) {
      runner.withPropertyValues("serviceform.api-key=" + KEY, "serviceform.base-url=" + server.baseUrl())
          .withBean(ServiceformClientCustomizer.class, () -> builder -> builder.retryPolicy(RetryPolicy.none()))
          .run(context -> assertThrows(ServerException.class,
              () -> context.getBean(ServiceformClient.class).flex().listSpaces()));
      assertEquals(1, server.received().size(), "the customizer's single attempt");
    }
  }

  @Test
  void closingTheContextClosesTheClient() throws Exception {
    try (LoopbackServer server = new LoopbackServer(200, "[]", 0)) {
      AtomicReference<ServiceformClient> client = new AtomicReference<>();
      runner.withPropertyValues("serviceform.api-key=" + KEY, "serviceform.base-url=" + server.baseUrl())
          .run(context -> {
            client.set(context.getBean(ServiceformClient.class));
            client.get().flex().listSpaces();
          });
      assertThrows(ClientClosedException.class, () -> client.get().flex().listSpaces());
      assertEquals(1, server.received().size(), "the closed client sent a request");
    }
  }

  @Test
  void theProxyPropertiesSendEveryRequestThroughTheProxy() throws Exception {
    try (LoopbackServer proxy = new LoopbackServer(200, "[{\"id\":\"sp-9\"}]", 0)) {
      // Nothing listens on the discard port: only the proxy can answer.
      runner.withPropertyValues("serviceform.api-key=" + KEY, "serviceform.base-url=http://127.0.0.1:9",
              "serviceform.proxy.host=127.0.0.1", "serviceform.proxy.port=" + proxy.port(),
              "serviceform.proxy.username=proxy-user", "serviceform.proxy.password=proxy-pass-3391")
          .run(context -> {
            assertEquals("sp-9", context.getBean(ServiceformClient.class).flex().listSpaces().get(0).getId());
            ServiceformProperties properties = context.getBean(ServiceformProperties.class);
            assertEquals("proxy-user", properties.getProxy().getUsername());
            assertEquals("proxy-pass-3391", properties.getProxy().getPassword());
            assertFalse(properties.toString().contains("proxy-pass-3391"), properties.toString());
          });
      assertEquals(List.of("http://127.0.0.1:9/flex/spaces"), proxy.targets());
    }
  }

  @Test
  void aPropertySetWithoutItsPartnerFailsTheContextNamingBoth() {
    runner.withPropertyValues("serviceform.api-key=" + KEY, "serviceform.proxy.host=proxy.example.com")
        .run(context -> {
          Throwable failure = context.getStartupFailure();
          assertNotNull(failure, "the context started with a proxy host but no port");
          assertTrue(messages(failure).contains("serviceform.proxy.port is not set but serviceform.proxy.host is"),
              messages(failure));
        });
    runner.withPropertyValues("serviceform.api-key=" + KEY, "serviceform.app-name=billing")
        .run(context -> assertTrue(messages(context.getStartupFailure())
            .contains("serviceform.app-version is not set but serviceform.app-name is")));
  }

  @Test
  void maxResponseBytesBoundsWhatIsRead() throws Exception {
    String big = "[{\"id\":\"" + "x".repeat(4096) + "\"}]";
    try (LoopbackServer server = new LoopbackServer(200, big, 0)) {
      runner.withPropertyValues("serviceform.api-key=" + KEY, "serviceform.base-url=" + server.baseUrl(),
              "serviceform.max-response-bytes=1KB")
          .run(context -> {
            ResponseTooLargeException tooLarge = assertThrows(ResponseTooLargeException.class,
                () -> context.getBean(ServiceformClient.class).flex().listSpaces());
            assertTrue(tooLarge.getMessage().contains("1024"), tooLarge.getMessage());
          });
    }
  }

  private static void assertNull(Object value) {
    assertEquals(null, value);
  }

  private static String messages(Throwable failure) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      all.append(t).append('\n');
    }
    return all.toString();
  }
}
