package com.serviceform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.api.ChatsApi;
import com.serviceform.sdk.api.FlexApi;
import com.serviceform.sdk.api.LeadsApi;
import com.serviceform.sdk.api.StatisticsApi;
import com.serviceform.sdk.model.ItemInput;
import com.serviceform.sdk.testkit.ServiceformSandbox;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code serviceform probe} against the sandbox and against a server that drifted from the spec. */
@Timeout(120)
class ProbeCommandTest {
  @TempDir
  Path dir;

  private Path keyFile(String key) throws Exception {
    Path file = dir.resolve("key.txt");
    Files.writeString(file, key + "\n");
    return file;
  }

  @Test
  void againstTheSandboxEveryReadOperationMatchesAndNothingElseIsSent() throws Exception {
    try (ServiceformSandbox sandbox = ServiceformSandbox.start()) {
      Path report = dir.resolve("drift.md");
      int exit = Main.run("probe", "--base-url", sandbox.baseUrl(), "--api-key-file",
          keyFile(sandbox.apiKey()).toString(), "--out", report.toString(), "--at", "2024-08-01T12:00:00Z");
      String md = Files.readString(report);
      assertEquals(ExitCode.OK, exit, md);
      for (String operation : List.of("listSpaces", "listItems", "listLeads", "searchChats", "getChatStatistics")) {
        assertEquals(1, sandbox.requestCount(operation), operation);
        assertTrue(md.contains("| `" + operation + "` |"), operation + "\n" + md);
      }
      for (String write : List.of("createItem", "updateItem", "deleteItem", "getItem")) {
        assertEquals(0, sandbox.requestCount(write), write);
      }
      assertTrue(md.contains("5 of 5 operations matched the spec, 0 mismatches"), md);
      assertTrue(md.contains("| 1 | listSpaces answers an array of Space | `listSpaces` | - |"), md);
      assertTrue(md.contains("GET /statistics/chat (2024-07-31, UTC)"), md);
      assertFalse(md.contains(sandbox.apiKey()), "no key in the report");
      sandbox.assertNoViolations();
    }
  }

  @Test
  void aServerThatDriftedGetsAReportOfPathsAndTypesTiedToTheCurations() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    Map<String, String> answers = Map.of(
        "/flex/spaces", "{\"id\":\"s1\",\"name\":\"Jane's secret space\"}",
        "/leads", "[{\"id\":\"l1\",\"duration\":\"184\",\"email\":\"jane@example.com\",\"score\":7}]",
        "/chats", "[{\"cid\":\"c1\",\"changed\":\"2024-08-01T10:00:00Z\",\"agentName\":null}]",
        "/statistics/chat", "{\"totalChats\":3,\"satisfactionScore\":4.5}");
    server.createContext("/", exchange -> {
      seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
      byte[] body = answers.getOrDefault(exchange.getRequestURI().getPath(), "[]").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    try {
      Path report = dir.resolve("drift.md");
      int exit = Main.run("probe", "--base-url", "http://127.0.0.1:" + server.getAddress().getPort(),
          "--api-key-file", keyFile("probe-key-0123456789").toString(), "--out", report.toString());
      String md = Files.readString(report);
      assertEquals(ExitCode.DRIFT, exit, md);
      assertEquals(List.of("GET /flex/spaces", "GET /leads", "POST /chats", "GET /statistics/chat"), seen);
      assertTrue(md.contains("| `$` | TYPE_MISMATCH | array | object | #1 |"), md);
      assertTrue(md.contains("| `$[*].duration` | TYPE_MISMATCH | integer/int64 | string(integer) | #14 |"), md);
      assertTrue(md.contains("| `$[*].score` | UNDOCUMENTED_FIELD | a declared property | integer | - |"), md);
      assertTrue(md.contains("| `$[*].changed` | TYPE_MISMATCH | integer/int64 | string(date-time) | #9 |"), md);
      assertTrue(md.contains("| 9 | chat times are integer epoch seconds | - | **`searchChats` (`$[*].changed`)** |"), md);
      assertTrue(md.contains("| 16 | a chat's agent fields are nullable | `searchChats` | - |"), md);
      assertTrue(md.contains("| 1 | listSpaces answers an array of Space | - | **`listSpaces` (`$`)** |"), md);
      assertTrue(md.contains("not run: no space to list"), md);
      assertTrue(md.contains("**drift**: the answer could not be decoded"), md);
      for (String value : List.of("Jane", "jane@example.com", "184", "2024-08-01T10:00:00Z", "probe-key")) {
        assertFalse(md.contains(value), "no value in the report: " + value);
      }
    } finally {
      server.stop(0);
    }
  }

  @Test
  void theProbesViewsOfTheApiRefuseEverythingButReads() throws Exception {
    try (ServiceformSandbox sandbox = ServiceformSandbox.start(); ServiceformClient client = sandbox.newClient()) {
      FlexApi flex = ReadOnly.of(FlexApi.class, client.flex());
      String spaceId = sandbox.spaces().get(0).getId();
      IllegalStateException refused = assertThrows(IllegalStateException.class,
          () -> flex.createItem(spaceId, new ItemInput().primaryField("x")));
      assertTrue(refused.getMessage().contains("refusing FlexApi.createItem (POST /flex/spaces/{spaceId}/items)"),
          refused.getMessage());
      assertThrows(IllegalStateException.class, () -> flex.deleteItem(spaceId, "any"));
      assertThrows(IllegalStateException.class, () -> flex.updateItem(spaceId, "any", new ItemInput().primaryField("x")));
      assertEquals(0, sandbox.requestCount("createItem") + sandbox.requestCount("deleteItem")
          + sandbox.requestCount("updateItem"), "refused before anything is sent");
      flex.listSpaces();
      assertEquals(1, sandbox.requestCount("listSpaces"));
    }
    java.util.TreeSet<String> allowed = new java.util.TreeSet<>();
    for (Class<?> api : List.of(FlexApi.class, LeadsApi.class, ChatsApi.class, StatisticsApi.class)) {
      for (Method method : api.getMethods()) {
        if (ReadOnly.reads(method) && !method.getName().endsWith("WithHttpInfo")) {
          allowed.add(method.getName());
        }
      }
    }
    assertEquals(List.of("getChatStatistics", "getItem", "listItems", "listLeads", "listSpaces", "searchChats"),
        List.copyOf(allowed), "every GET, and POST /chats");
  }

  @Test
  void theKeyComesFromTheEnvironmentOrAFileNeverAnArgument() {
    assertEquals(ExitCode.USAGE, Main.run("probe", "--api-key", "abc"));
  }
}
