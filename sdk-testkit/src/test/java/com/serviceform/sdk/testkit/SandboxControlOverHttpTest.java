package com.serviceform.sdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The control paths for non-Java CI: faults, data, counts and relaxed field checks over HTTP,
 * with the same meaning as the Java API (each test compares the two where both exist).
 */
class SandboxControlOverHttpTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static ServiceformSandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = ServiceformSandbox.start();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void reset() {
    sandbox.reset();
  }

  static HttpResponse<String> control(String method, String path, String body) {
    return Raw.send(sandbox, method, "/__sandbox/" + path, null, body);
  }

  static int spaces() {
    return Raw.send(sandbox, "GET", "/flex/spaces", null).statusCode();
  }

  static List<Integer> spaces(int times) {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      statuses.add(spaces());
    }
    return statuses;
  }

  @Test
  void nextRulesWithAStatusAndHeaders() throws Exception {
    HttpResponse<String> armed = control("POST", "faults",
        "{\"operation\":\"listSpaces\",\"next\":2,\"status\":503,\"headers\":{\"Retry-After\":\"7\"}}");

    assertEquals(200, armed.statusCode(), armed.body());
    assertEquals(JSON.readTree("{\"armed\":1,\"rules\":[{\"operation\":\"listSpaces\",\"next\":2,\"status\":503,"
        + "\"headers\":{\"Retry-After\":\"7\"}}]}"), JSON.readTree(armed.body()));
    HttpResponse<String> first = Raw.send(sandbox, "GET", "/flex/spaces", null);
    assertEquals(503, first.statusCode());
    assertEquals(Optional.of("7"), first.headers().firstValue("Retry-After"));
    assertEquals(List.of(503, 200, 200), spaces(3));
    assertEquals(4, sandbox.requestCount("listSpaces"));
  }

  @Test
  void fractionRulesFailTheSameCallsAsTheJavaApi() {
    sandbox.faults().failFraction("listSpaces", 0.5, SandboxFault.status(502));
    List<Integer> byJava = spaces(6);
    sandbox.reset();

    assertEquals(200, control("POST", "faults", "{\"operation\":\"listSpaces\",\"fraction\":0.5,\"status\":502}").statusCode());
    assertEquals(byJava, spaces(6));
    assertEquals(List.of(200, 502, 200, 502, 200, 502), byJava);
  }

  @Test
  void aResetRuleResetsTheConnection() {
    assertEquals(200, control("POST", "faults", "{\"operation\":\"searchChats\",\"next\":1,\"reset\":true}").statusCode());

    assertThrows(UncheckedIOException.class, () -> Raw.send(sandbox, "POST", "/chats", "{}"));
    assertEquals(200, Raw.send(sandbox, "POST", "/chats", "{}").statusCode());
  }

  @Test
  void latencyForEveryOperationAndSeveralRulesAtOnce() {
    HttpResponse<String> armed = control("POST", "faults", "[{\"operation\":\"*\",\"latencyMs\":300},"
        + "{\"operation\":\"listLeads\",\"next\":1,\"status\":429,\"headers\":{\"Retry-After\":\"1\"}}]");
    assertEquals(200, armed.statusCode(), armed.body());

    long started = System.nanoTime();
    HttpResponse<String> limited = Raw.send(sandbox, "GET", "/leads", null);
    assertEquals(429, limited.statusCode());
    assertEquals(Optional.of("1"), limited.headers().firstValue("Retry-After"));
    assertTrue((System.nanoTime() - started) / 1_000_000 >= 300, "delayed like every answer");

    assertEquals(200, control("DELETE", "faults", null).statusCode());
    assertEquals("[]", control("GET", "faults", null).body());
    started = System.nanoTime();
    assertEquals(200, spaces());
    assertTrue((System.nanoTime() - started) / 1_000_000 < 300, "latency cleared");
  }

  @Test
  void badRulesAreRefusedWithTheJavaApisMessagesAndNoneOfAListIsArmed() throws Exception {
    assertEquals("{\"error\":\"unknown operationId 'getChats'; the spec has " + ServiceformSandbox.operationIds() + "\"}",
        control("POST", "faults", "{\"operation\":\"getChats\",\"next\":1,\"status\":500}").body());
    assertEquals("{\"error\":\"a fault status must be 400-599, was 200\"}",
        control("POST", "faults", "{\"operation\":\"listSpaces\",\"next\":1,\"status\":200}").body());
    assertEquals("{\"error\":\"fraction must be in (0, 1], was 1.5\"}",
        control("POST", "faults", "{\"operation\":\"listSpaces\",\"fraction\":1.5,\"status\":500}").body());
    assertEquals("{\"error\":\"calls must be at least 1, was 0\"}",
        control("POST", "faults", "{\"operation\":\"listSpaces\",\"next\":0,\"status\":500}").body());
    assertEquals(400, control("POST", "faults", "{\"operation\":\"listSpaces\",\"next\":1}").statusCode());
    assertEquals(400, control("POST", "faults", "{\"operation\":\"listSpaces\",\"next\":1,\"status\":500,\"often\":true}")
        .statusCode());
    assertEquals(400, control("POST", "faults", "not json").statusCode());
    assertEquals(400, control("POST", "faults",
        "[{\"operation\":\"listSpaces\",\"next\":1,\"status\":500},{\"operation\":\"nope\",\"next\":1,\"status\":500}]")
        .statusCode());

    assertEquals("[]", control("GET", "faults", null).body(), "nothing armed");
    assertEquals(200, spaces());
  }

  @Test
  void dataCanBeReadReplacedAndAddedTo() throws Exception {
    JsonNode data = JSON.readTree(control("GET", "data", null).body());
    assertEquals(2, data.get("spaces").size());
    assertEquals(5, data.get("items").size());

    HttpResponse<String> loaded = control("PUT", "data",
        "{\"spaces\":[{\"id\":\"sp-ci\",\"name\":\"CI\",\"fields\":[{\"machine\":\"primary_field\",\"type\":\"text\"}]}]}");
    assertEquals(200, loaded.statusCode(), loaded.body());
    assertEquals(200, control("POST", "data",
        "{\"items\":[{\"id\":\"it-1\",\"space_id\":\"sp-ci\",\"primary_field\":\"From CI\"}],"
            + "\"leads\":[{\"id\":\"ld-1\",\"email\":\"ci@example.com\"}]}").statusCode());

    assertEquals("From CI", sandbox.items("sp-ci").get(0).getPrimaryField());
    assertEquals(1, sandbox.leads().size());
    assertEquals(JSON.readTree("[{\"id\":\"it-1\",\"space_id\":\"sp-ci\",\"primary_field\":\"From CI\"}]"),
        JSON.readTree(Raw.send(sandbox, "GET", "/flex/spaces/sp-ci/items", null).body()));

    HttpResponse<String> bad = control("POST", "data", "{\"items\":[{\"id\":\"it-2\",\"space_id\":\"nowhere\"}]}");
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("names space 'nowhere'"), bad.body());

    assertEquals(200, control("POST", "reset", null).statusCode());
    assertEquals(2, sandbox.spaces().size(), "reset returns to the seed");
  }

  @Test
  void requestCountsAndRelaxedFieldChecks() throws Exception {
    spaces();
    spaces();
    assertEquals(2, JSON.readTree(control("GET", "requests", null).body()).get("listSpaces").asInt());

    String body = "{\"primary_field\":\"Acme Oy\",\"budget_eur\":\"lots\"}";
    String items = "/flex/spaces/" + SandboxOperationsTest.SALES + "/items";
    assertEquals(422, Raw.send(sandbox, "POST", items, body).statusCode());
    assertEquals(200, control("POST", "field-checks/relax",
        "{\"spaceId\":\"" + SandboxOperationsTest.SALES + "\",\"field\":\"budget_eur\"}").statusCode());
    assertEquals(200, Raw.send(sandbox, "POST", items, body).statusCode());
    assertEquals(400, control("POST", "field-checks/relax", "{\"spaceId\":\"x\"}").statusCode());
  }

  @Test
  void controlPathsSayWhatTheyTake() {
    HttpResponse<String> wrongMethod = control("PATCH", "faults", "{}");
    assertEquals(405, wrongMethod.statusCode());
    assertEquals(Optional.of("DELETE, GET, POST"), wrongMethod.headers().firstValue("Allow"));
    HttpResponse<String> unknown = control("GET", "nothing", null);
    assertEquals(404, unknown.statusCode());
    assertTrue(unknown.body().contains("POST /__sandbox/reset"), unknown.body());
    assertEquals(404, control("GET", "usage", null).statusCode(), "usage is not recorded by this sandbox");
    assertTrue(sandbox.violations().isEmpty(), "control requests are not API calls");
  }

  @Test
  void theJavaApiAddsHeadersToAnyFault() {
    sandbox.faults().failNext("listSpaces", 1, SandboxFault.serviceUnavailable().withHeader("Retry-After", "5"));

    HttpResponse<String> response = Raw.send(sandbox, "GET", "/flex/spaces", null);
    assertEquals(503, response.statusCode());
    assertEquals(Optional.of("5"), response.headers().firstValue("Retry-After"));
    assertThrows(IllegalStateException.class, () -> SandboxFault.connectionReset().withHeader("Retry-After", "5"));
    assertThrows(IllegalArgumentException.class, () -> SandboxFault.serverError().withHeader("X-Bad", "a\r\nb"));
    assertThrows(IllegalArgumentException.class, () -> SandboxFault.serverError().withHeader("Content-Length", "1"));
    assertEquals(Duration.ofSeconds(2), SandboxFault.tooManyRequests(Duration.ofSeconds(2)).retryAfter().orElseThrow());
  }
}
