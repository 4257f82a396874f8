package com.serviceform.sdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox answers only statuses the spec declares for the operation: every path through every
 * handler (success, each refusal, each not-found, the key check, custom fields), checked against
 * the spec's {@code responses}, read here from the spec itself. (Operations without a handler are
 * answered from the spec's own example: SandboxUnmodelledOperationTest.)
 */
class SandboxDeclaredStatusesTest {
  static final String SALES = SandboxOperationsTest.SALES;
  static final String DEAL = "65a0f3d2c1b2a3f4e5d6c7b8";
  static final String KEY = ServiceformSandbox.DEFAULT_API_KEY;

  static ServiceformSandbox sandbox;
  static final Map<String, Set<Integer>> SEEN = new TreeMap<>();
  static final List<String> UNDECLARED = new ArrayList<>();

  @BeforeAll
  static void start() {
    sandbox = ServiceformSandbox.start();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  /** operationId to the statuses the spec declares for it. */
  static Map<String, Set<Integer>> declared() throws Exception {
    Map<String, Set<Integer>> declared = new TreeMap<>();
    JsonNode paths = new ObjectMapper(new YAMLFactory()).readTree(SpecValidator.packagedSpecText()).get("paths");
    paths.properties().forEach(path -> path.getValue().properties().forEach(op -> {
      if (op.getValue().has("operationId")) {
        Set<Integer> statuses = new TreeSet<>();
        op.getValue().get("responses").fieldNames().forEachRemaining(code -> statuses.add(Integer.parseInt(code)));
        declared.put(op.getValue().get("operationId").asText(), statuses);
      }
    }));
    return declared;
  }

  private void call(String operationId, int expected, String method, String path, String key, String body)
      throws Exception {
    HttpResponse<String> response = Raw.send(sandbox, method, path, key, body);
    assertEquals(expected, response.statusCode(), operationId + " " + method + " " + path + ": " + response.body());
    SEEN.computeIfAbsent(operationId, k -> new TreeSet<>()).add(response.statusCode());
    if (!declared().get(operationId).contains(response.statusCode())) {
      UNDECLARED.add(operationId + " answered " + response.statusCode());
    }
  }

  @Test
  void everyHandlerPathAnswersADeclaredStatus() throws Exception {
    String items = "/flex/spaces/" + SALES + "/items";
    String deal = items + "/" + DEAL;

    call("listSpaces", 200, "GET", "/flex/spaces", KEY, null);
    call("listSpaces", 400, "GET", "/flex/spaces?page=2", KEY, null);
    call("listSpaces", 403, "GET", "/flex/spaces", "wrong", null);

    call("listItems", 200, "GET", items, KEY, null);
    call("listItems", 400, "GET", items + "?page=2", KEY, null);
    call("listItems", 403, "GET", items, null, null);
    call("listItems", 404, "GET", "/flex/spaces/no-such-space/items", KEY, null);

    call("createItem", 200, "POST", items, KEY, "{\"primary_field\":\"Acme Oy\",\"status\":\"open\"}");
    call("createItem", 403, "POST", items, "wrong", "{\"primary_field\":\"Acme Oy\"}");
    call("createItem", 404, "POST", "/flex/spaces/no-such-space/items", KEY, "{\"primary_field\":\"Acme Oy\"}");
    call("createItem", 422, "POST", items, KEY, "{\"status\":\"open\"}");
    call("createItem", 422, "POST", items + "?page=2", KEY, "{\"primary_field\":\"Acme Oy\"}");
    call("createItem", 422, "POST", items, KEY, "{\"primary_field\":\" \"}");
    call("createItem", 422, "POST", items, KEY, "{\"primary_field\":\"Acme Oy\",\"status\":\"maybe\"}");

    call("getItem", 200, "GET", deal, KEY, null);
    call("getItem", 400, "GET", deal + "?fields=id", KEY, null);
    call("getItem", 403, "GET", deal, "wrong", null);
    call("getItem", 404, "GET", items + "/no-such-item", KEY, null);
    call("getItem", 404, "GET", "/flex/spaces/no-such-space/items/" + DEAL, KEY, null);

    call("updateItem", 200, "PUT", deal, KEY, "{\"primary_field\":\"Nordic Timber Oy\",\"status\":\"won\"}");
    call("updateItem", 400, "PUT", deal, KEY, "{\"primary_field\":");
    call("updateItem", 400, "PUT", deal + "?page=2", KEY, "{\"primary_field\":\"x\"}");
    call("updateItem", 403, "PUT", deal, "wrong", "{\"primary_field\":\"x\"}");
    call("updateItem", 404, "PUT", items + "/no-such-item", KEY, "{\"primary_field\":\"x\"}");
    call("updateItem", 422, "PUT", deal, KEY, "{\"primary_field\":42}");
    call("updateItem", 422, "PUT", deal, KEY, "{\"primary_field\":\"\"}");
    call("updateItem", 422, "PUT", deal, KEY, "{\"primary_field\":\"x\",\"budget_eur\":\"lots\"}");

    call("deleteItem", 200, "DELETE", deal, KEY, null);
    call("deleteItem", 400, "DELETE", deal + "?force=true", KEY, null);
    call("deleteItem", 403, "DELETE", deal, "wrong", null);
    call("deleteItem", 404, "DELETE", deal, KEY, null);

    call("listLeads", 200, "GET", "/leads", KEY, null);
    call("listLeads", 400, "GET", "/leads?page=2", KEY, null);
    call("listLeads", 401, "GET", "/leads", null, null);
    call("listLeads", 401, "GET", "/leads", "wrong", null);

    call("searchChats", 200, "POST", "/chats", KEY, "{\"limit\":2,\"showMessages\":true}");
    call("searchChats", 400, "POST", "/chats", KEY, "{\"limit\":0}");
    call("searchChats", 400, "POST", "/chats", KEY, null);
    call("searchChats", 403, "POST", "/chats", "wrong", "{}");

    call("getChatStatistics", 200, "GET", "/statistics/chat?metrics=totalChats", KEY, null);
    call("getChatStatistics", 400, "GET", "/statistics/chat?startTime=yesterday", KEY, null);
    call("getChatStatistics", 400, "GET",
        "/statistics/chat?startTime=2024-09-02T00:00:00Z&endTime=2024-09-01T00:00:00Z", KEY, null);
    call("getChatStatistics", 400, "GET", "/statistics/chat?metrics=happiness", KEY, null);
    call("getChatStatistics", 403, "GET", "/statistics/chat", "wrong", null);

    assertEquals(List.of(), UNDECLARED);
    Set<String> handled = new TreeSet<>(declared().keySet());
    handled.removeIf(operationId -> !sandbox.isModelled(operationId));
    assertEquals(handled, SEEN.keySet(), "every operation the sandbox has a handler for was exercised");
    assertTrue(sandbox.violations().stream().noneMatch(v -> v.kind() == SpecViolation.Kind.RESPONSE),
        sandbox.violations().toString());
  }
}
