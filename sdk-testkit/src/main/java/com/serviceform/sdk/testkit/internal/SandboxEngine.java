package com.serviceform.sdk.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.serviceform.sdk.api.ApiOperation;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.ChatQuery;
import com.serviceform.sdk.model.Item;
import com.serviceform.sdk.model.Lead;
import com.serviceform.sdk.model.Space;
import com.serviceform.sdk.testkit.SandboxData;
import com.serviceform.sdk.testkit.SpecViolation;
import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the sandbox does with a request, independent of the HTTP server: route (by the spec),
 * count, validate against the spec, inject faults, check the key, run the operation's handler on
 * the state, and validate the answer. Each piece of state guards itself (the data, the fault rules,
 * the counts, the violations), so this class holds no lock. Thread-safe.
 *
 * <p>Handlers are registered by {@link ApiOperation}, the enum generated from the spec: an
 * operation of the spec without a handler is answered from its example ({@link ExampleAnswers}).
 */
public final class SandboxEngine {
  /** Requests under this prefix control the sandbox instead of calling the API. */
  public static final String CONTROL_PREFIX = "/__sandbox/";
  private static final Logger LOG = LoggerFactory.getLogger("com.serviceform.sdk.testkit.sandbox");
  private static final String EMPTY_ARRAY = "[]";

  /** Runs one modelled operation. */
  private interface Handler {
    Reply handle(Call call);
  }

  /** A routed request, as a handler sees it. */
  private static final class Call {
    final SandboxRequest request;
    final ApiSpec.Match match;
    final Map<String, List<String>> query;

    Call(SandboxRequest request, ApiSpec.Match match, Map<String, List<String>> query) {
      this.request = request;
      this.match = match;
      this.query = query;
    }

    String path(String name) {
      return Objects.requireNonNull(match.pathParameters().get(name), name);
    }

    /** The body, which the spec check has already found to be a JSON object. */
    ObjectNode objectBody() {
      try {
        return (ObjectNode) Json.MAPPER.readTree(request.body());
      } catch (IOException | ClassCastException e) {
        throw new IllegalStateException("a body that passed the spec check is not a JSON object", e);
      }
    }
  }

  private final SpecChecks checks;
  private final ApiSpec spec;
  private final String apiKey;
  private final SandboxState state;
  private final SandboxState.Prepared seed;
  private final FaultRules faults;
  private final RequestCounts counts;
  private final ViolationLog violations;
  private final CustomFieldCheck.FieldRelaxations relaxed = new CustomFieldCheck.FieldRelaxations();
  private final Map<SpecOperation, Handler> handlers;
  private final Set<SpecOperation> announcedUnmodelled = ConcurrentHashMap.newKeySet();
  private final UsageRecorder usage;
  private final SandboxControl control;

  /**
   * @param usage where exchanges are recorded, or null for not at all
   */
  public SandboxEngine(SpecChecks checks, String apiKey, Clock clock, SandboxData seed,
      Consumer<SpecViolation> listener, UsageRecorder usage) {
    this.checks = Objects.requireNonNull(checks, "checks == null");
    this.spec = checks.spec();
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey == null");
    this.state = new SandboxState(Objects.requireNonNull(clock, "clock == null"));
    this.seed = prepare(Objects.requireNonNull(seed, "seed == null"));
    this.faults = new FaultRules(spec);
    this.counts = new RequestCounts(spec);
    this.violations = new ViolationLog(listener);
    this.usage = usage;
    this.handlers = bind(modelled());
    this.control = new SandboxControl(this);
    state.replace(this.seed);
  }

  /** The handlers, by the generated operation type. */
  private Map<ApiOperation, Handler> modelled() {
    Map<ApiOperation, Handler> modelled = new EnumMap<>(ApiOperation.class);
    modelled.put(ApiOperation.LIST_SPACES, call -> state.listSpaces());
    modelled.put(ApiOperation.LIST_ITEMS, call -> state.listItems(call.path("spaceId")));
    modelled.put(ApiOperation.CREATE_ITEM, call -> state.createItem(call.path("spaceId"), call.objectBody(), relaxed));
    modelled.put(ApiOperation.GET_ITEM, call -> state.getItem(call.path("spaceId"), call.path("itemId")));
    modelled.put(ApiOperation.UPDATE_ITEM,
        call -> state.updateItem(call.path("spaceId"), call.path("itemId"), call.objectBody(), relaxed));
    modelled.put(ApiOperation.DELETE_ITEM, call -> state.deleteItem(call.path("spaceId"), call.path("itemId")));
    modelled.put(ApiOperation.LIST_LEADS, call -> state.listLeads());
    modelled.put(ApiOperation.SEARCH_CHATS, this::searchChats);
    modelled.put(ApiOperation.GET_CHAT_STATISTICS, this::statistics);
    return modelled;
  }

  /**
   * The handler of each operation of this sandbox's spec that a generated constant names with the
   * same method and path; the spec may be another than the one the SDK was generated from.
   */
  private Map<SpecOperation, Handler> bind(Map<ApiOperation, Handler> modelled) {
    Map<SpecOperation, Handler> bound = new LinkedHashMap<>();
    for (Map.Entry<ApiOperation, Handler> entry : modelled.entrySet()) {
      ApiOperation generated = entry.getKey();
      spec.operation(generated.operationId())
          .filter(op -> op.method().equals(generated.method()) && op.template().equals(generated.path()))
          .ifPresent(op -> bound.put(op, entry.getValue()));
    }
    return bound;
  }

  public ApiSpec spec() {
    return spec;
  }

  public FaultRules faults() {
    return faults;
  }

  /** Whether the sandbox answers the operation from its own state (else from the spec's example). */
  public boolean isModelled(SpecOperation operation) {
    return handlers.containsKey(operation);
  }

  // ---------------------------------------------------------------- data

  private SandboxState.Prepared prepare(SandboxData data) {
    return SandboxState.Prepared.of(checks, data.spaces(), data.items(), data.leads(), data.chats());
  }

  /** Back to the seed; faults, counts, violations, relaxed field checks cleared. */
  public void reset() {
    faults.clear();
    relaxed.clear();
    state.replace(seed);
    counts.clear();
    violations.clear();
  }

  public void load(SandboxData data) {
    state.replace(prepare(data));
  }

  public void addSpaces(Collection<Space> spaces) {
    SandboxState.Prepared prepared = SandboxState.Prepared.of(
        checks, copies(spaces, Space.class, "spaces"), List.of(), List.of(), List.of());
    for (Space space : prepared.spaces) {
      if (space.getId() == null || space.getId().isEmpty()) {
        throw new IllegalArgumentException("a space has no id");
      }
    }
    state.add(prepared);
  }

  public void addItems(Collection<Item> items) {
    state.addItems(SandboxState.Prepared.of(checks, List.of(), copies(items, Item.class, "items"), List.of(), List.of()));
  }

  public void addLeads(Collection<Lead> leads) {
    state.add(SandboxState.Prepared.of(checks, List.of(), List.of(), copies(leads, Lead.class, "leads"), List.of()));
  }

  public void addChats(Collection<Chat> chats) {
    Objects.requireNonNull(chats, "chats == null");
    state.add(SandboxState.Prepared.of(checks, List.of(), List.of(), List.of(), chats));
  }

  public List<Space> spaces() {
    return state.spaces();
  }

  /** The items of a space, or null when the sandbox has no such space. */
  public List<Item> items(String spaceId) {
    return state.items(spaceId);
  }

  public List<Lead> leads() {
    return state.leads();
  }

  /** Copies of the held chats, in answer order. */
  public List<Chat> chats() {
    ChatEntry[] entries = state.chatEntries();
    List<Chat> copies = new ArrayList<>(entries.length);
    for (ChatEntry entry : entries) {
      copies.add(entry.copy());
    }
    return copies;
  }

  /** Stops checking a custom field (or every field: {@code "*"}) of a space until the next reset. */
  public void relaxFieldChecks(String spaceId, String machine) {
    relaxed.relax(spaceId, machine);
  }

  public int requestCount(SpecOperation operation) {
    return counts.get(operation);
  }

  public List<SpecViolation> violations() {
    return violations.list();
  }

  /** How many violations occurred, including any beyond those kept. */
  public long violationCount() {
    return violations.count();
  }

  /** What the tests used so far, or null when usage is not recorded. */
  public UsageRecorder usage() {
    return usage;
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
      return control.handle(request);
    }
    Map<String, List<String>> query;
    try {
      query = request.query();
    } catch (IllegalArgumentException e) {
      violations.record(new SpecViolation(SpecViolation.Kind.REQUEST, request.method(), request.path(),
          spec.match(request.method(), request.path()).map(m -> m.operation().operationId()).orElse(null),
          List.of("malformed query string: " + e.getMessage())));
      return Reply.error(400, "malformed query string");
    }

    ApiSpec.Match match = spec.match(request.method(), request.path()).orElse(null);
    if (match == null) {
      return unknownOperation(request, query);
    }
    SpecOperation operation = match.operation();
    counts.increment(operation);

    List<String> problems = checks.request(match, query, request.headers(), request.bodyText());
    if (!problems.isEmpty()) {
      violations.record(new SpecViolation(SpecViolation.Kind.REQUEST, request.method(), request.path(),
          operation.operationId(), problems));
    }

    FaultRules.Decision decision = faults.decide(operation);
    Reply reply;
    if (decision.fault() != null) {
      // Deliberate, and not the spec's business: not validated.
      reply = Reply.fault(decision.fault());
    } else {
      reply = answer(new Call(request, match, query), problems);
    }
    if (usage != null) {
      usage.record(operation, match, query, request, reply);
    }
    return reply.delay(decision.delay());
  }

  /** The answer without faults, validated against the spec. */
  private Reply answer(Call call, List<String> problems) {
    SpecOperation operation = call.match.operation();
    String key = call.request.header("sf-api-key");
    Reply reply;
    if (key == null || !key.equals(apiKey)) {
      // The vendor documents 401 for leads and 403 everywhere else; the spec says which.
      reply = Reply.error(operation.declares(401) ? 401 : 403, "invalid API key");
    } else if (!problems.isEmpty()) {
      reply = rejection(operation, problems);
    } else {
      Handler handler = handlers.get(operation);
      if (handler == null) {
        if (announcedUnmodelled.add(operation)) {
          LOG.warn("The sandbox has no handler for {} ({}): it answers from the spec's example and does not"
              + " model it statefully.", operation.operationId(), operation.describe());
        }
        reply = ExampleAnswers.answer(operation);
      } else {
        reply = handler.handle(call);
      }
      if (!reply.requestProblems().isEmpty()) {
        violations.record(new SpecViolation(SpecViolation.Kind.REQUEST, call.request.method(), call.request.path(),
            operation.operationId(), reply.requestProblems()));
      }
    }
    return validated(call.request, operation, reply);
  }

  /**
   * The status the spec documents for a bad request of this operation: 422 for a body that breaks
   * the schema where 422 is declared (or where it is the only one), else 400.
   */
  private static Reply rejection(SpecOperation operation, List<String> problems) {
    boolean bodyProblem = problems.stream().allMatch(p -> p.startsWith("validation.request.body.")
        && !p.startsWith("validation.request.body.schema.invalidJson"));
    int status = operation.declares(422) && (bodyProblem || !operation.declares(400)) ? 422 : 400;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", "the request does not conform to the Serviceform API spec");
    body.put("violations", problems);
    return Reply.json(status, Json.bytes(body));
  }

  private Reply unknownOperation(SandboxRequest request, Map<String, List<String>> query) {
    List<String> messages = new ArrayList<>(checks.request(request.method(), request.path(), query, request.headers(),
        request.bodyText()));
    Set<String> allowed = spec.allowedMethods(request.path());
    Reply reply;
    if (allowed.isEmpty()) {
      reply = Reply.error(404, "no such path: " + request.path());
    } else {
      reply = Reply.error(405, request.method() + " is not allowed here").header("Allow", String.join(", ", allowed));
    }
    violations.record(new SpecViolation(SpecViolation.Kind.UNKNOWN_OPERATION, request.method(), request.path(), null,
        messages));
    return reply;
  }

  private Reply validated(SandboxRequest request, SpecOperation operation, Reply reply) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    reply.headers().forEach((name, value) -> headers.put(name, List.of(value)));
    List<String> problems = checks.response(request.method(), request.path(), reply.status(), headers,
        reply.validationBody());
    if (!problems.isEmpty()) {
      violations.record(new SpecViolation(SpecViolation.Kind.RESPONSE, request.method(), request.path(),
          operation.operationId(), problems));
    }
    return reply;
  }

  // ---------------------------------------------------------------- chats and statistics

  private Reply searchChats(Call call) {
    ChatQuery chatQuery;
    try {
      chatQuery = Json.MAPPER.readValue(call.request.body(), ChatQuery.class);
    } catch (IOException e) {
      return Reply.error(400, "the chat query does not parse");
    }
    ChatStore.Filter filter = new ChatStore.Filter(
        chatQuery.getStartTime() == null ? Long.MIN_VALUE : firstSecondFrom(chatQuery.getStartTime()),
        chatQuery.getEndTime() == null ? Long.MAX_VALUE : chatQuery.getEndTime().toEpochSecond(),
        chatQuery.getStartTime() != null || chatQuery.getEndTime() != null,
        chatQuery.getUid(),
        Boolean.TRUE.equals(chatQuery.getChatbot()));
    int limit = chatQuery.getLimit() == null ? Integer.MAX_VALUE : chatQuery.getLimit();
    byte[] json = state.searchChats(filter, limit, Boolean.TRUE.equals(chatQuery.getShowMessages()));
    // Each held chat was checked against the spec when it was loaded; only the envelope is left.
    return Reply.json(200, json).validateAs(EMPTY_ARRAY);
  }

  private Reply statistics(Call call) {
    OffsetDateTime start;
    OffsetDateTime end;
    try {
      start = firstTime(call.query, "startTime");
      end = firstTime(call.query, "endTime");
    } catch (DateTimeParseException e) {
      return Reply.error(400, "startTime and endTime must be ISO 8601 date-times");
    }
    if (start != null && end != null && start.isAfter(end)) {
      return Reply.error(400, "startTime is after endTime");
    }
    Set<String> metrics = new HashSet<>(ChatStatisticsCalculator.METRICS);
    List<String> asked = call.query.get("metrics");
    if (asked != null && !asked.isEmpty()) {
      metrics.clear();
      for (String metric : asked) {
        if (!ChatStatisticsCalculator.METRICS.contains(metric)) {
          return Reply.error(400, "unknown metric '" + metric + "'; known: " + new TreeSet<>(ChatStatisticsCalculator.METRICS));
        }
        metrics.add(metric);
      }
    }
    ChatStore.Filter filter = new ChatStore.Filter(
        start == null ? Long.MIN_VALUE : firstSecondFrom(start),
        end == null ? Long.MAX_VALUE : end.toEpochSecond(),
        start != null || end != null, null, false);
    return Reply.json(200, Json.bytes(ChatStatisticsCalculator.compute(state.chatModels(filter), metrics)));
  }

  private static OffsetDateTime firstTime(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : OffsetDateTime.parse(values.get(0));
  }

  /** The first whole epoch second at or after {@code time}: both ends of a range are inclusive. */
  static long firstSecondFrom(OffsetDateTime time) {
    return time.toEpochSecond() + (time.getNano() > 0 ? 1 : 0);
  }
}
