package com.serviceform.sdk.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.serviceform.sdk.LogLevel;
import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.Transport;
import com.serviceform.sdk.errors.ResponseDecodeException;
import com.serviceform.sdk.errors.ServiceformApiException;
import com.serviceform.sdk.errors.ServiceformException;
import com.serviceform.sdk.model.ApiResponse;
import com.serviceform.sdk.model.Item;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * A server that echoes the key back everywhere it can (a bare body, a JSON string, JSON-escaped, a
 * bad status line, a header line without a colon, a header value, a {@code Location}, a body cut at
 * the snippet's boundary), with every logger of every dependency at TRACE: no log line, message,
 * {@code toString()}, cause chain, suppressed exception, {@code bodySnippet()}, {@code body()} or
 * {@code headers()} value holds the key or any 12-character piece of it, plain, JSON-escaped or
 * percent-encoded.
 */
@Timeout(30)
class HostileSecretsTest {
  static final String KEY = "sk_live_7Hq9xZ2mWv4RpT8kLc3N";

  HostileServer server;
  ListAppender<ILoggingEvent> appender;
  Logger root;
  Level rootLevel;
  ch.qos.logback.core.Appender<ILoggingEvent> console;

  @BeforeEach
  void start() throws Exception {
    server = new HostileServer();
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    rootLevel = root.getLevel();
    // Captured, not printed: at TRACE the dependencies say a lot.
    console = root.getAppender("CONSOLE");
    if (console != null) {
      root.detachAppender(console);
    }
    root.setLevel(Level.TRACE);
    appender = new ListAppender<>();
    appender.start();
    root.addAppender(appender);
    // Loggers the test config may have set on their own: all to TRACE for this test.
    for (String name : List.of("org.apache.hc", "io.github.resilience4j", "com.fasterxml", "com.serviceform", "feign")) {
      ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.TRACE);
    }
  }

  @AfterEach
  void stop() throws Exception {
    root.detachAppender(appender);
    if (console != null) {
      root.addAppender(console);
    }
    root.setLevel(rootLevel);
    for (String name : List.of("org.apache.hc", "io.github.resilience4j", "com.fasterxml", "com.serviceform", "feign")) {
      ((Logger) LoggerFactory.getLogger(name)).setLevel(null);
    }
    server.close();
  }

  /** Every piece of the key of 12 characters, as text could carry it. */
  static List<String> pieces() {
    List<String> pieces = new ArrayList<>();
    for (int i = 0; i + 12 <= KEY.length(); i++) {
      String piece = KEY.substring(i, i + 12);
      pieces.add(piece);
      StringBuilder json = new StringBuilder();
      StringBuilder jsonUpper = new StringBuilder();
      StringBuilder percent = new StringBuilder();
      for (char c : piece.toCharArray()) {
        json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
        jsonUpper.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
        percent.append(String.format(Locale.ROOT, "%%%02X", (int) c));
      }
      pieces.add(json.toString());
      pieces.add(jsonUpper.toString());
      pieces.add(percent.toString());
    }
    return pieces;
  }

  static void assertNoPiece(String where, String text) {
    if (text == null) {
      return;
    }
    for (String piece : pieces()) {
      assertFalse(text.contains(piece), "a piece of the key (" + piece + ") leaked into " + where + ": " + text);
    }
  }

  private static String trace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  private void assertClean(List<ServiceformException> failures) {
    List<ILoggingEvent> events;
    // Other threads (pools, watchdogs) may still be logging: copy under the appender's own lock.
    synchronized (appender) {
      events = new ArrayList<>(appender.list);
    }
    assertTrue(events.size() > 20, "TRACE logging was on: " + events.size() + " events");
    for (ILoggingEvent event : events) {
      assertNoPiece("the log of " + event.getLoggerName(), event.getFormattedMessage());
      if (event.getThrowableProxy() != null) {
        assertNoPiece("a logged exception of " + event.getLoggerName(),
            ThrowableProxyUtil.asString(event.getThrowableProxy()));
      }
    }
    for (ServiceformException failure : failures) {
      assertNoPiece("a message", failure.getMessage());
      assertNoPiece("a toString", failure.toString());
      // The printed stack trace holds every cause and suppressed exception with its message.
      assertNoPiece("a stack trace", trace(failure));
      if (failure instanceof ServiceformApiException) {
        ServiceformApiException api = (ServiceformApiException) failure;
        assertNoPiece("body()", api.body());
        for (Map.Entry<String, List<String>> header : api.headers().entrySet()) {
          assertNoPiece("headers()", header.getKey() + ": " + header.getValue());
        }
      }
      if (failure instanceof ResponseDecodeException) {
        assertNoPiece("bodySnippet()", ((ResponseDecodeException) failure).bodySnippet());
      }
    }
  }

  /** Serves each request with the answer {@code routes} gives its target. */
  private void serve(Function<HostileServer.Request, String> routes) {
    server.script(c -> {
      HostileServer.Request request;
      while ((request = c.read()) != null) {
        String answer = routes.apply(request);
        if (answer == null) {
          return;
        }
        c.write(answer);
      }
    });
  }

  private static String response(String statusLine, String body, String... headers) {
    StringBuilder out = new StringBuilder(statusLine).append("\r\n");
    for (String header : headers) {
      out.append(header).append("\r\n");
    }
    byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return out.append("Content-Length: ").append(bytes.length).append("\r\n\r\n").append(body).toString();
  }

  private static String jsonEscaped(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
    }
    return out.toString();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void anEchoedKeyNeverLeaks(Transport transport) {
    String filler = "x".repeat(490);
    serve(request -> {
      String target = request.target;
      if (target.equals("/flex/spaces")) {
        return response("HTTP/1.1 200 OK", KEY);                                     // a bare body
      } else if (target.equals("/leads")) {
        return response("HTTP/1.1 200 OK", "\"" + KEY + "\"");                        // a JSON string
      } else if (target.equals("/flex/spaces/a/items/escaped")) {
        return response("HTTP/1.1 400 Bad", "{\"error\":\"" + jsonEscaped(KEY) + "\"}"); // JSON-escaped
      } else if (target.equals("/flex/spaces/a/items/cut")) {
        return response("HTTP/1.1 200 OK", "[" + filler + KEY + "]");                  // cut at 512
      } else if (target.equals("/flex/spaces/a/items/status")) {
        return "HTTP/1.1 2x0 " + KEY + "\r\nContent-Length: 0\r\n\r\n";               // bad status line
      } else if (target.equals("/flex/spaces/a/items/colon")) {
        return "HTTP/1.1 200 OK\r\n" + KEY + "\r\nContent-Length: 2\r\n\r\n{}";       // header without colon
      } else if (target.equals("/flex/spaces/a/items/header")) {
        return response("HTTP/1.1 500 Oops", "{}", "X-Echo: " + KEY, "X-Also: key=" + KEY.substring(3));
      } else if (target.equals("/flex/spaces/a/items/away")) {
        return response("HTTP/1.1 302 Found", "", "Location: http://elsewhere.invalid/?k=" + KEY);
      } else if (target.equals("/flex/spaces/a/items/here")) {
        return response("HTTP/1.1 302 Found", "", "Location: /flex/spaces/a/items/gone?k=" + KEY);
      } else if (target.startsWith("/flex/spaces/a/items/gone")) {
        return response("HTTP/1.1 404 Not Found", "no " + target);
      } else if (target.equals("/flex/spaces/a/items/percent")) {
        StringBuilder encoded = new StringBuilder();
        for (char ch : KEY.toCharArray()) {
          encoded.append(String.format(Locale.ROOT, "%%%02X", (int) ch));
        }
        return response("HTTP/1.1 403 Forbidden", "{\"key\":\"" + encoded + "\"}");
      } else if (target.equals("/flex/spaces/a/items")) {
        // A stream whose second element quotes the key back in a token the parser rejects.
        return response("HTTP/1.1 200 OK", "[{\"id\":\"1\"}," + KEY + "]");
      }
      return null;
    });

    List<ServiceformException> failures = new ArrayList<>();
    try (ServiceformClient client = ServiceformClient.builder().apiKey(KEY).baseUrl(server.baseUrl())
        .transport(transport).logLevel(LogLevel.BODY).followRedirects(true).sleeper(d -> { }).build()) {
      failures.add(assertThrows(ServiceformException.class, () -> client.flex().listSpaces()));
      failures.add(assertThrows(ServiceformException.class, () -> client.leads().listLeads()));
      for (String item : List.of("escaped", "cut", "status", "header", "away", "here", "percent")) {
        failures.add(assertThrows(ServiceformException.class, () -> client.flex().getItem("a", item), item));
      }
      // A header line without a colon: Apache refuses the response, the JDK skips the line. Either
      // way, what the caller can see (headers included) holds no piece of the key.
      try {
        ApiResponse<Item> answer = client.flex().getItemWithHttpInfo("a", "colon");
        assertNoPiece("ApiResponse headers", answer.getHeaders().toString());
      } catch (ServiceformException e) {
        failures.add(e);
      }
      failures.add(assertThrows(ServiceformException.class, () -> {
        try (Stream<Item> items = client.streamItems("a")) {
          items.forEach(i -> assertNotNull(i.getId()));
        }
      }));
      assertNoPiece("the client's toString", client.toString());
    }
    assertClean(failures);
  }

  @Test
  void aKeyCutAtTheSnippetBoundaryIsStillHidden() {
    // 500 characters, then the key: the snippet keeps the first 512, so 12 characters of the key
    // would fall inside it if it were cut before redaction.
    serve(request -> response("HTTP/1.1 200 OK", "[" + "y".repeat(499) + KEY + "]"));
    try (ServiceformClient client = ServiceformClient.builder().apiKey(KEY).baseUrl(server.baseUrl()).build()) {
      ResponseDecodeException e = assertThrows(ResponseDecodeException.class, () -> client.flex().getItem("a", "b"));
      assertTrue(e.bodySnippet().startsWith("[yyy"), e.bodySnippet());
      assertNoPiece("bodySnippet()", e.bodySnippet());
      assertNoPiece("the message", e.getMessage());
    }
  }
}
