package com.serviceform.sdk.tests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.serviceform.sdk.LogLevel;
import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.Transport;
import com.serviceform.sdk.errors.ServiceformException;
import com.serviceform.sdk.model.ItemInput;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * At the most verbose level, across success, API errors (one echoing the key back), decode
 * failures and broken connections, the key appears in no log line, exception message, toString or
 * stack trace.
 */
class RedactionTest {
  static final String KEY = "sk_live_7Hq9xZ2mWv4R";

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").jettyAcceptors(1)).build();

  ListAppender<ILoggingEvent> appender;
  Logger sdkLogger;

  @BeforeEach
  void capture() {
    sdkLogger = (Logger) LoggerFactory.getLogger("com.serviceform");
    sdkLogger.setLevel(Level.ALL);
    sdkLogger.setAdditive(false);
    appender = new ListAppender<>();
    appender.start();
    sdkLogger.addAppender(appender);
  }

  @AfterEach
  void release() {
    sdkLogger.detachAppender(appender);
    sdkLogger.setLevel(null);
    sdkLogger.setAdditive(true);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void theKeyNeverAppears(Transport transport) {
    server.resetAll();
    server.stubFor(get("/flex/spaces").willReturn(aResponse().withStatus(200)
        .withHeader("X-Echo", KEY).withBody("[{\"id\":\"sp-1\",\"name\":\"" + KEY + "\"}]")));
    server.stubFor(get(urlPathEqualTo("/flex/spaces/sp-1/items")).willReturn(aResponse().withStatus(403)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":\"invalid key " + KEY + "\"}")));
    server.stubFor(get("/flex/spaces/sp-1/items/it-1").willReturn(aResponse().withStatus(200)
        .withBody("<html>" + KEY + "</html>")));
    server.stubFor(post("/flex/spaces/sp-1/items").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    server.stubFor(get("/leads").willReturn(aResponse().withStatus(500).withBody(KEY)));

    List<Throwable> failures = new ArrayList<>();
    try (ServiceformClient client = ServiceformClient.builder().apiKey(KEY).baseUrl(server.baseUrl())
        .transport(transport).logLevel(LogLevel.BODY).sleeper(d -> { }).build()) {
      client.flex().listSpaces();
      failures.add(assertThrows(ServiceformException.class, () -> client.flex().listItems("sp-1")));
      failures.add(assertThrows(ServiceformException.class, () -> client.flex().getItem("sp-1", "it-1")));
      failures.add(assertThrows(ServiceformException.class,
          () -> client.flex().createItem("sp-1", new ItemInput().primaryField(KEY))));
      failures.add(assertThrows(ServiceformException.class, () -> client.leads().listLeads()));
      assertFalse(client.toString().contains(KEY));
    }

    List<String> printed = new ArrayList<>();
    for (ILoggingEvent event : appender.list) {
      printed.add(event.getFormattedMessage());
      if (event.getThrowableProxy() != null) {
        printed.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
      }
    }
    for (Throwable failure : failures) {
      printed.add(failure.getMessage());
      printed.add(failure.toString());
      StringWriter trace = new StringWriter();
      failure.printStackTrace(new PrintWriter(trace));
      printed.add(trace.toString());
    }
    assertTrue(appender.list.size() >= 10, "the exchanges were logged: " + appender.list.size());
    assertTrue(printed.stream().anyMatch(line -> line.contains("sf-api-key: <redacted>")),
        "headers are logged with the key redacted");
    assertTrue(printed.stream().anyMatch(line -> line.contains("invalid key <redacted>")),
        "an echoed key in a body is redacted, the rest kept");
    for (String line : printed) {
      assertFalse(line.contains(KEY), "the key leaked into: " + line);
    }
  }
}
