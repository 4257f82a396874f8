package com.serviceform.sdk.testkit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.serviceform.sdk.model.Item;
import com.serviceform.sdk.model.Space;
import com.serviceform.sdk.testkit.SandboxData;
import com.serviceform.sdk.testkit.SandboxFault;
import com.serviceform.sdk.testkit.SpecViolation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The sandbox's control paths under {@code /__sandbox/}, for CI that is not written in Java: the
 * same operations as the Java API ({@code ServiceformSandbox}, {@code SandboxFaults}), as JSON over
 * HTTP. No key is needed; control requests are not counted, validated or recorded. docs/testing.md
 * shows each with curl.
 */
final class SandboxControl {
  private static final Map<String, Set<String>> PATHS = new LinkedHashMap<>();

  static {
    PATHS.put("/__sandbox/health", Set.of("GET"));
    PATHS.put("/__sandbox/violations", Set.of("GET"));
    PATHS.put("/__sandbox/reset", Set.of("POST"));
    PATHS.put("/__sandbox/faults", Set.of("GET", "POST", "DELETE"));
    PATHS.put("/__sandbox/requests", Set.of("GET"));
    PATHS.put("/__sandbox/data", Set.of("GET", "PUT", "POST"));
    PATHS.put("/__sandbox/field-checks/relax", Set.of("POST"));
    PATHS.put("/__sandbox/usage", Set.of("GET"));
  }

  private final SandboxEngine engine;

  SandboxControl(SandboxEngine engine) {
    this.engine = engine;
  }

  Reply handle(SandboxRequest request) {
    Set<String> methods = PATHS.get(request.path());
    if (methods == null) {
      return Reply.error(404, "the sandbox's control paths are " + describe());
    }
    if (!methods.contains(request.method())) {
      return Reply.error(405, "this control path takes " + new TreeSet<>(methods))
          .header("Allow", String.join(", ", new TreeSet<>(methods)));
    }
    try {
      return dispatch(request);
    } catch (IllegalArgumentException | IllegalStateException | JsonProcessingException | ClassCastException e) {
      String message = e instanceof JsonProcessingException
          ? "the body is not JSON: " + ((JsonProcessingException) e).getOriginalMessage() : e.getMessage();
      return Reply.error(400, message);
    }
  }

  private Reply dispatch(SandboxRequest request) throws JsonProcessingException {
    switch (request.method() + " " + request.path()) {
      case "GET /__sandbox/health":
        return ok(Map.of("status", "ok"));
      case "GET /__sandbox/violations":
        return ok(violations());
      case "POST /__sandbox/reset":
        engine.reset();
        return ok(Map.of("status", "reset"));
      case "GET /__sandbox/faults":
        return ok(engine.faults().describe());
      case "POST /__sandbox/faults":
        return armFaults(body(request));
      case "DELETE /__sandbox/faults":
        engine.faults().clear();
        return ok(Map.of("status", "cleared"));
      case "GET /__sandbox/requests": {
        Map<String, Integer> counts = new LinkedHashMap<>();
        engine.spec().operations().forEach(op -> counts.put(op.operationId(), engine.requestCount(op)));
        return ok(counts);
      }
      case "GET /__sandbox/data":
        return Reply.json(200, data().toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      case "PUT /__sandbox/data":
        engine.load(SandboxData.fromJson(request.bodyText() == null ? "" : request.bodyText()));
        return ok(Map.of("status", "loaded"));
      case "POST /__sandbox/data": {
        // Not SandboxData: added items may name spaces the sandbox holds already.
        JsonNode added = body(request);
        if (!added.isObject()) {
          throw new IllegalArgumentException("the body is an object with spaces/items/leads/chats arrays");
        }
        added.fieldNames().forEachRemaining(name -> {
          if (!Set.of("spaces", "items", "leads", "chats").contains(name)) {
            throw new IllegalArgumentException("unknown key '" + name + "'; allowed: [spaces, items, leads, chats]");
          }
        });
        List<Space> spaces = models(added, "spaces", Space.class);
        List<Item> items = models(added, "items", Item.class);
        List<com.serviceform.sdk.model.Lead> leads = models(added, "leads", com.serviceform.sdk.model.Lead.class);
        List<com.serviceform.sdk.model.Chat> chats = models(added, "chats", com.serviceform.sdk.model.Chat.class);
        engine.addSpaces(spaces);
        engine.addItems(items);
        engine.addLeads(leads);
        engine.addChats(chats);
        return ok(Map.of("status", "added"));
      }
      case "POST /__sandbox/field-checks/relax": {
        JsonNode body = body(request);
        String spaceId = requiredText(body, "spaceId");
        String field = requiredText(body, "field");
        engine.relaxFieldChecks(spaceId, field);
        return ok(Map.of("status", "relaxed", "spaceId", spaceId, "field", field));
      }
      case "GET /__sandbox/usage":
        if (engine.usage() == null) {
          return Reply.error(404, "usage is not recorded; start the sandbox with --usage-file FILE");
        }
        return Reply.json(200, engine.usage().toJson());
      default:
        throw new IllegalStateException("no control handler for " + request.method() + " " + request.path());
    }
  }

  /**
   * One rule or an array of rules, each {@code {"operation": "searchChats" | "*", ...}} with one
   * of {@code "next": n}, {@code "fraction": f} or {@code "latencyMs": ms}, and for the first two
   * the fault: {@code "status": 400-599} with optional {@code "headers": {...}} (a {@code 429}
   * without {@code Retry-After} gets none), or {@code "reset": true}. All rules are checked before
   * any is armed.
   */
  private Reply armFaults(JsonNode body) {
    List<JsonNode> rules = new ArrayList<>();
    if (body.isArray()) {
      body.forEach(rules::add);
    } else {
      rules.add(body);
    }
    List<Consumer<FaultRules>> arming = new ArrayList<>();
    for (JsonNode rule : rules) {
      arming.add(rule(rule));
    }
    // On a scratch set first: its argument checks are the Java API's, and a bad rule arms none.
    FaultRules scratch = new FaultRules(engine.spec());
    arming.forEach(arm -> arm.accept(scratch));
    arming.forEach(arm -> arm.accept(engine.faults()));
    return ok(Map.of("armed", rules.size(), "rules", engine.faults().describe()));
  }

  private Consumer<FaultRules> rule(JsonNode rule) {
    if (!rule.isObject()) {
      throw new IllegalArgumentException("a fault rule is a JSON object");
    }
    Set<String> known = Set.of("operation", "next", "fraction", "latencyMs", "status", "headers", "reset");
    rule.fieldNames().forEachRemaining(name -> {
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown key '" + name + "' in a fault rule; known: " + new TreeSet<>(known));
      }
    });
    SpecOperation operation = engine.faults().resolve(requiredText(rule, "operation"));
    int kinds = (rule.has("next") ? 1 : 0) + (rule.has("fraction") ? 1 : 0) + (rule.has("latencyMs") ? 1 : 0);
    if (kinds != 1) {
      throw new IllegalArgumentException("a fault rule has exactly one of \"next\", \"fraction\" and \"latencyMs\"");
    }
    if (rule.has("latencyMs")) {
      if (rule.has("status") || rule.has("reset") || rule.has("headers")) {
        throw new IllegalArgumentException("a latency rule has no status, headers or reset");
      }
      Duration delay = Duration.ofMillis(integer(rule, "latencyMs"));
      return faults -> faults.latency(operation, delay);
    }
    SandboxFault fault = fault(rule);
    if (rule.has("next")) {
      int calls = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, integer(rule, "next")));
      return faults -> faults.failNext(operation, calls, fault);
    }
    JsonNode fraction = rule.get("fraction");
    if (!fraction.isNumber()) {
      throw new IllegalArgumentException("\"fraction\" must be a number in (0, 1]");
    }
    double f = fraction.asDouble();
    return faults -> faults.failFraction(operation, f, fault);
  }

  private static SandboxFault fault(JsonNode rule) {
    boolean reset = rule.path("reset").asBoolean(false);
    if (reset == rule.has("status")) {
      throw new IllegalArgumentException("a fault rule has either \"status\" (400-599) or \"reset\": true");
    }
    if (reset) {
      if (rule.has("headers")) {
        throw new IllegalArgumentException("a connection reset sends no headers");
      }
      return SandboxFault.connectionReset();
    }
    SandboxFault fault = SandboxFault.status((int) integer(rule, "status"));
    JsonNode headers = rule.path("headers");
    if (!headers.isMissingNode() && !headers.isObject()) {
      throw new IllegalArgumentException("\"headers\" is an object of header names to string values");
    }
    for (Map.Entry<String, JsonNode> header : headers.properties()) {
      if (!header.getValue().isValueNode() || header.getValue().isNull()) {
        throw new IllegalArgumentException("header '" + header.getKey() + "' needs a string value");
      }
      fault = fault.withHeader(header.getKey(), header.getValue().asText());
    }
    return fault;
  }

  private static <T> List<T> models(JsonNode root, String key, Class<T> type) {
    JsonNode array = root.path(key);
    if (array.isMissingNode() || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw new IllegalArgumentException("'" + key + "' must be an array");
    }
    List<T> models = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      try {
        models.add(Json.MAPPER.treeToValue(array.get(i), type));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(key + "[" + i + "] does not fit the spec's " + type.getSimpleName() + ": "
            + e.getOriginalMessage());
      }
    }
    return models;
  }

  private static long integer(JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null || !value.isIntegralNumber()) {
      throw new IllegalArgumentException("\"" + key + "\" must be a whole number");
    }
    return value.asLong();
  }

  private static String requiredText(JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw new IllegalArgumentException("\"" + key + "\" is required, as a non-empty string");
    }
    return value.asText();
  }

  private static JsonNode body(SandboxRequest request) throws JsonProcessingException {
    String text = request.bodyText();
    if (text == null) {
      throw new IllegalArgumentException("a JSON body is required");
    }
    JsonNode node = Json.MAPPER.readTree(text);
    if (node == null || !(node.isObject() || node.isArray())) {
      throw new IllegalArgumentException("the body must be a JSON object or array");
    }
    return node;
  }

  private List<Map<String, Object>> violations() {
    List<Map<String, Object>> list = new ArrayList<>();
    for (SpecViolation violation : engine.violations()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("kind", violation.kind().name());
      entry.put("method", violation.method());
      entry.put("path", violation.path());
      entry.put("operationId", violation.operationId().orElse(null));
      entry.put("messages", violation.messages());
      list.add(entry);
    }
    return list;
  }

  private SandboxData data() {
    SandboxData.Builder data = SandboxData.builder();
    for (Space space : engine.spaces()) {
      data.space(space);
      List<Item> items = engine.items(space.getId());
      if (items != null) {
        data.items(items);
      }
    }
    return data.leads(engine.leads()).chats(engine.chats()).build();
  }

  private static Reply ok(Object body) {
    return Reply.json(200, Json.bytes(body));
  }

  private static String describe() {
    List<String> all = new ArrayList<>();
    PATHS.forEach((path, methods) -> all.add(String.join("|", new TreeSet<>(methods)) + " " + path));
    return String.join(", ", all);
  }
}
