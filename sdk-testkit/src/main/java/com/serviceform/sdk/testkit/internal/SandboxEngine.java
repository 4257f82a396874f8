package com.serviceform.sdk.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.ChatQuery;
import com.serviceform.sdk.model.Item;
import com.serviceform.sdk.model.Lead;
import com.serviceform.sdk.model.Space;
import com.serviceform.sdk.testkit.SandboxData;
import com.serviceform.sdk.testkit.SpecViolation;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Everything the sandbox does with a request, independent of the HTTP server: route, count,
 * validate against the spec, inject faults, check the key, run the operation on the state, and
 * validate the answer. Thread-safe.
 */
public final class SandboxEngine {
  /** Requests under this prefix control the sandbox instead of calling the API. */
  public static final String CONTROL_PREFIX = "/__sandbox/";
  /** The most violations kept; more are counted, not kept. */
  static final int MAX_KEPT_VIOLATIONS = 1000;
  private static final String EMPTY_ARRAY = "[]";
  private static final Set<String> DOCUMENT_BAD_REQUESTS = Set.of("createItem", "updateItem", "getChatStatistics");

  private final String apiKey;
  private final SpecChecks validator;
  private final SandboxState state;
  private final SandboxState.Prepared seed;
  private final FaultRules faults = new FaultRules();
  private final Map<String, AtomicInteger> counts = new LinkedHashMap<>();
  private final List<SpecViolation> violations = new ArrayList<>();
  private final AtomicLong violationCount = new AtomicLong();
  private final Consumer<SpecViolation> listener;

  public SandboxEngine(SpecChecks checks, String apiKey, Clock clock, SandboxData seed, Consumer<SpecViolation> listener) {
    this.validator = Objects.requireNonNull(checks, "checks == null");
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey == null");
    this.state = new SandboxState(Objects.requireNonNull(clock, "clock == null"));
    this.seed = prepare(Objects.requireNonNull(seed, "seed == null"));
    this.listener = listener;
    for (String operationId : Routes.OPERATION_IDS) {
      counts.put(operationId, new AtomicInteger());
    }
    state.replace(this.seed);
  }

  public FaultRules faults() {
    return faults;
  }

  // ---------------------------------------------------------------- data

  private SandboxState.Prepared prepare(SandboxData data) {
    return SandboxState.Prepared.of(validator, data.spaces(), data.items(), data.leads(), data.chats());
  }

  /** Back to the seed; faults, counts and violations cleared. */
  public void reset() {
    faults.clear();
    synchronized (state) {
      state.replace(seed);
    }
    counts.values().forEach(count -> count.set(0));
    synchronized (violations) {
      violations.clear();
      violationCount.set(0);
    }
  }

  public void load(SandboxData data) {
    SandboxState.Prepared prepared = prepare(data);
    synchronized (state) {
      state.replace(prepared);
    }
  }

  public void addSpaces(Collection<Space> spaces) {
    SandboxState.Prepared prepared = SandboxState.Prepared.of(
        validator, copies(spaces, Space.class, "spaces"), List.of(), List.of(), List.of());
    for (Space space : prepared.spaces) {
      if (space.getId() == null || space.getId().isEmpty()) {
        throw new IllegalArgumentException("a space has no id");
      }
    }
    synchronized (state) {
      state.add(prepared);
    }
  }

  public void addItems(Collection<Item> items) {
    SandboxState.Prepared prepared = SandboxState.Prepared.of(
        validator, List.of(), copies(items, Item.class, "items"), List.of(), List.of());
    synchronized (state) {
      state.requireSpaces(prepared.items);
      state.add(prepared);
    }
  }

  public void addLeads(Collection<Lead> leads) {
    SandboxState.Prepared prepared = SandboxState.Prepared.of(
        validator, List.of(), List.of(), copies(leads, Lead.class, "leads"), List.of());
    synchronized (state) {
      state.add(prepared);
    }
  }

  public void addChats(Collection<Chat> chats) {
    Objects.requireNonNull(chats, "chats == null");
    SandboxState.Prepared prepared = SandboxState.Prepared.of(validator, List.of(), List.of(), List.of(), chats);
    synchronized (state) {
      state.add(prepared);
    }
  }

  public List<Space> spaces() {
    synchronized (state) {
      return state.spaces();
    }
  }

  /** The items of a space, or null when the sandbox has no such space. */
  public List<Item> items(String spaceId) {
    synchronized (state) {
      return state.items(spaceId);
    }
  }

  public List<Lead> leads() {
    synchronized (state) {
      return state.leads();
    }
  }

  /** Copies of the held chats, in answer order. */
  public List<Chat> chats() {
    ChatEntry[] entries;
    synchronized (state) {
      entries = state.chatEntries();
    }
    List<Chat> copies = new ArrayList<>(entries.length);
    for (ChatEntry entry : entries) {
      copies.add(entry.copy());
    }
    return copies;
  }

  public int requestCount(String operationId) {
    return counts.get(Routes.requireKnown(operationId)).get();
  }

  public List<SpecViolation> violations() {
    synchronized (violations) {
      return List.copyOf(violations);
    }
  }

  /** How many violations occurred, including any beyond those kept. */
  public long violationCount() {
    return violationCount.get();
  }

  private void record(SpecViolation violation) {
    synchronized (violations) {
      violationCount.incrementAndGet();
      if (violations.size() < MAX_KEPT_VIOLATIONS) {
        violations.add(violation);
      }
    }
    if (listener != null) {
      listener.accept(violation);
    }
  }

  private static <T> List<T> copies(Collection<T> values, Class<T> type, String what) {
    Objects.requireNonNull(values, what + " == null");
    List<T> copies = new ArrayList<>(values.size());
    for (T value : values) {
      copies.add(Json.copy(Objects.requireNonNull(value, what + " holds null"), type));
    }
    return copies;
  }

  // ---------------------------------------------------------------- requests

  /** Answers one request. */
  public Reply handle(SandboxRequest request) {
    if (request.path().startsWith(CONTROL_PREFIX)) {
      return control(request);
    }
    Map<String, List<String>> query;
    try {
      query = request.query();
    } catch (IllegalArgumentException e) {
      record(new SpecViolation(SpecViolation.Kind.REQUEST, request.method(), request.path(),
          Routes.match(request.method(), request.path()).map(Routes.Match::operationId).orElse(null),
          List.of("malformed query string: " + e.getMessage())));
      return Reply.error(400, "malformed query string");
    }

    Routes.Match match = Routes.match(request.method(), request.path()).orElse(null);
    if (match == null) {
      return unknownOperation(request, query);
    }
    String operationId = match.operationId();
    counts.get(operationId).incrementAndGet();

    List<String> problems = validator.request(
        request.method(), request.path(), query, request.headers(), request.bodyText());
    if (!problems.isEmpty()) {
      record(new SpecViolation(SpecViolation.Kind.REQUEST, request.method(), request.path(), operationId, problems));
    }

    FaultRules.Decision decision = faults.decide(operationId);
    Reply reply;
    if (decision.fault() != null) {
      reply = Reply.fault(decision.fault());
    } else {
      reply = answer(request, match, query, problems);
    }
    return reply.delay(decision.delay());
  }

  /** The answer without faults; validates it unless it is one of the sandbox's deliberate ones. */
  private Reply answer(SandboxRequest request, Routes.Match match, Map<String, List<String>> query,
      List<String> problems) {
    String operationId = match.operationId();
    String key = request.header("sf-api-key");
    if (key == null || !key.equals(apiKey)) {
      // The vendor documents 401 for leads and 403 everywhere else.
      int status = operationId.equals("listLeads") ? 401 : 403;
      return validated(request, operationId, Reply.error(status, "invalid API key"), null);
    }
    if (!problems.isEmpty()) {
      return rejection(request, operationId, problems);
    }
    Outcome outcome = run(request, match, query);
    if (outcome.deliberate) {
      return outcome.reply;
    }
    return validated(request, operationId, outcome.reply, outcome.validationBody);
  }

  /** The status the spec documents for a bad request of this operation, else 400. */
  private Reply rejection(SandboxRequest request, String operationId, List<String> problems) {
    boolean bodyProblem = problems.stream().allMatch(p -> p.startsWith("validation.request.body."));
    boolean unparseable = problems.stream().anyMatch(p -> p.startsWith("validation.request.body.schema.invalidJson"));
    int status;
    switch (operationId) {
      case "createItem":
        status = 422;
        break;
      case "updateItem":
        status = bodyProblem && !unparseable ? 422 : 400;
        break;
      default:
        status = 400;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", "the request does not conform to the Serviceform API spec");
    body.put("violations", problems);
    Reply reply = Reply.json(status, Json.bytes(body));
    // Operations that document no 400/422 still get a 400: deliberate, so not checked as a response.
    return DOCUMENT_BAD_REQUESTS.contains(operationId) ? validated(request, operationId, reply, null) : reply;
  }

  private Reply unknownOperation(SandboxRequest request, Map<String, List<String>> query) {
    List<String> messages = new ArrayList<>(validator.request(
        request.method(), request.path(), query, request.headers(), request.bodyText()));
    Set<String> allowed = Routes.allowedMethods(request.path());
    Reply reply;
    if (allowed.isEmpty()) {
      messages.removeIf(m -> !m.startsWith("validation.request.path") && !m.startsWith("validation.request.operation"));
      if (messages.isEmpty()) {
        messages.add("no operation of the spec has the path " + request.path());
      }
      reply = Reply.error(404, "no such path: " + request.path());
    } else {
      messages.removeIf(m -> !m.startsWith("validation.request.operation"));
      if (messages.isEmpty()) {
        messages.add(request.method() + " is not allowed on " + request.path() + "; allowed: " + allowed);
      }
      reply = Reply.error(405, request.method() + " is not allowed here").header("Allow", String.join(", ", allowed));
    }
    record(new SpecViolation(SpecViolation.Kind.UNKNOWN_OPERATION, request.method(), request.path(), null, messages));
    return reply;
  }

  private Reply validated(SandboxRequest request, String operationId, Reply reply, String validationBody) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    reply.headers().forEach((name, value) -> headers.put(name, List.of(value)));
    List<String> problems = validator.response(request.method(), request.path(), reply.status(), headers,
        validationBody != null ? validationBody : reply.bodyText());
    if (!problems.isEmpty()) {
      record(new SpecViolation(SpecViolation.Kind.RESPONSE, request.method(), request.path(), operationId, problems));
    }
    return reply;
  }

  /** An operation's answer, and how to validate it. */
  private static final class Outcome {
    final Reply reply;
    final boolean deliberate;
    final String validationBody;

    Outcome(Reply reply, boolean deliberate, String validationBody) {
      this.reply = reply;
      this.deliberate = deliberate;
      this.validationBody = validationBody;
    }

    static Outcome of(Reply reply) {
      return new Outcome(reply, false, null);
    }

    /** An answer the spec does not document for the operation, given on purpose. */
    static Outcome deliberate(Reply reply) {
      return new Outcome(reply, true, null);
    }
  }

  private Outcome run(SandboxRequest request, Routes.Match match, Map<String, List<String>> query) {
    List<String> params = match.pathParameters();
    switch (match.operationId()) {
      case "listSpaces":
        synchronized (state) {
          return Outcome.of(state.listSpaces());
        }
      case "listItems":
        synchronized (state) {
          return Outcome.of(state.listItems(params.get(0)));
        }
      case "createItem": {
        ObjectNode body = objectBody(request);
        synchronized (state) {
          Reply reply = state.createItem(params.get(0), body);
          return reply.status() == 404 ? Outcome.deliberate(reply) : Outcome.of(reply);
        }
      }
      case "getItem":
        synchronized (state) {
          return Outcome.of(state.getItem(params.get(0), params.get(1)));
        }
      case "updateItem": {
        ObjectNode body = objectBody(request);
        synchronized (state) {
          return Outcome.of(state.updateItem(params.get(0), params.get(1), body));
        }
      }
      case "deleteItem":
        synchronized (state) {
          return Outcome.of(state.deleteItem(params.get(0), params.get(1)));
        }
      case "listLeads":
        synchronized (state) {
          return Outcome.of(state.listLeads());
        }
      case "searchChats":
        return searchChats(request);
      case "getChatStatistics":
        return statistics(query);
      default:
        throw new IllegalStateException("no handler for " + match.operationId());
    }
  }

  private static ObjectNode objectBody(SandboxRequest request) {
    try {
      // The spec check has passed, so this is an object.
      return (ObjectNode) Json.MAPPER.readTree(request.body());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a body that passed the spec check does not parse", e);
    }
  }

  private Outcome searchChats(SandboxRequest request) {
    ChatQuery chatQuery;
    try {
      chatQuery = Json.MAPPER.readValue(request.body(), ChatQuery.class);
    } catch (java.io.IOException e) {
      return Outcome.deliberate(Reply.error(400, "the chat query does not parse"));
    }
    ChatStore.Filter filter = new ChatStore.Filter(
        chatQuery.getStartTime() == null ? Long.MIN_VALUE : firstSecondFrom(chatQuery.getStartTime()),
        chatQuery.getEndTime() == null ? Long.MAX_VALUE : chatQuery.getEndTime().toEpochSecond(),
        chatQuery.getStartTime() != null || chatQuery.getEndTime() != null,
        chatQuery.getUid(),
        Boolean.TRUE.equals(chatQuery.getChatbot()));
    int limit = chatQuery.getLimit() == null ? Integer.MAX_VALUE : chatQuery.getLimit();
    byte[] json;
    synchronized (state) {
      json = state.searchChats(filter, limit, Boolean.TRUE.equals(chatQuery.getShowMessages()));
    }
    // Each held chat was checked against the spec when it was loaded; only the envelope is left.
    return new Outcome(Reply.json(200, json), false, EMPTY_ARRAY);
  }

  private Outcome statistics(Map<String, List<String>> query) {
    OffsetDateTime start;
    OffsetDateTime end;
    try {
      start = firstTime(query, "startTime");
      end = firstTime(query, "endTime");
    } catch (DateTimeParseException e) {
      return Outcome.of(Reply.error(400, "startTime and endTime must be ISO 8601 date-times"));
    }
    if (start != null && end != null && start.isAfter(end)) {
      return Outcome.of(Reply.error(400, "startTime is after endTime"));
    }
    Set<String> metrics = new HashSet<>(ChatStatisticsCalculator.METRICS);
    List<String> asked = query.get("metrics");
    if (asked != null && !asked.isEmpty()) {
      metrics.clear();
      for (String metric : asked) {
        if (!ChatStatisticsCalculator.METRICS.contains(metric)) {
          return Outcome.of(Reply.error(400, "unknown metric '" + metric + "'; known: "
              + new java.util.TreeSet<>(ChatStatisticsCalculator.METRICS)));
        }
        metrics.add(metric);
      }
    }
    ChatStore.Filter filter = new ChatStore.Filter(
        start == null ? Long.MIN_VALUE : firstSecondFrom(start),
        end == null ? Long.MAX_VALUE : end.toEpochSecond(),
        start != null || end != null, null, false);
    List<Chat> chats = new ArrayList<>();
    synchronized (state) {
      for (ChatEntry entry : state.chatEntries()) {
        if (filter.matches(entry)) {
          chats.add(entry.model());
        }
      }
    }
    return Outcome.of(Reply.json(200, Json.bytes(ChatStatisticsCalculator.compute(chats, metrics))));
  }

  private static OffsetDateTime firstTime(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : OffsetDateTime.parse(values.get(0));
  }

  /** The first whole epoch second at or after {@code time}: both ends of a range are inclusive. */
  static long firstSecondFrom(OffsetDateTime time) {
    return time.toEpochSecond() + (time.getNano() > 0 ? 1 : 0);
  }

  // ---------------------------------------------------------------- control

  private Reply control(SandboxRequest request) {
    String what = request.method() + " " + request.path();
    switch (what) {
      case "GET /__sandbox/health":
        return Reply.json(200, Json.bytes(Map.of("status", "ok")));
      case "GET /__sandbox/violations": {
        List<Map<String, Object>> list = new ArrayList<>();
        for (SpecViolation violation : violations()) {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("kind", violation.kind().name());
          entry.put("method", violation.method());
          entry.put("path", violation.path());
          entry.put("operationId", violation.operationId().orElse(null));
          entry.put("messages", violation.messages());
          list.add(entry);
        }
        return Reply.json(200, Json.bytes(list));
      }
      case "POST /__sandbox/reset":
        reset();
        return Reply.json(200, Json.bytes(Map.of("status", "reset")));
      default:
        return Reply.error(404, "the sandbox's control paths are GET /__sandbox/health, "
            + "GET /__sandbox/violations and POST /__sandbox/reset");
    }
  }
}
