package com.serviceform.sdk.tests.contract;

import com.serviceform.sdk.api.StatisticsApi.GetChatStatisticsParams;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.errors.AuthenticationException;
import com.serviceform.sdk.errors.BadRequestException;
import com.serviceform.sdk.errors.NotFoundException;
import com.serviceform.sdk.errors.ServiceformApiException;
import com.serviceform.sdk.errors.UnprocessableEntityException;
import com.serviceform.sdk.model.ChatQuery;
import com.serviceform.sdk.model.ItemInput;
import com.serviceform.sdk.retry.RetryPolicy;
import com.serviceform.sdk.testkit.SpecValidator;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract suite: every operation with every status the spec documents, through the SDK, with
 * every request the SDK sent and every response it parsed validated against the spec. A violation
 * fails the test with the validator's messages; a final test fails if an operation or a documented
 * status was not exercised.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContractSuiteTest {
  static final String KEY = "contract-key-5b1e";
  static final SpecValidator VALIDATOR = SpecValidator.packaged();
  static final ObjectMapper JSON = new ObjectMapper();
  static final Set<String> EXERCISED = new ConcurrentSkipListSet<>();

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").jettyAcceptors(1)).build();

  /** A call of one operation, its expected outcome, and the stub that produces it. */
  static final class Case {
    final String operationId;
    final int status;
    final Function<ServiceformClient, Object> call;
    final Class<? extends ServiceformApiException> error;

    Case(String operationId, int status, Function<ServiceformClient, Object> call,
        Class<? extends ServiceformApiException> error) {
      this.operationId = operationId;
      this.status = status;
      this.call = call;
      this.error = error;
    }

    @Override
    public String toString() {
      return operationId + " " + status;
    }
  }

  static final OffsetDateTime FROM = OffsetDateTime.parse("2024-08-01T00:00:00Z");

  private static ItemInput input() {
    ItemInput input = new ItemInput().primaryField("Nordic Timber Oy");
    input.putAdditionalProperty("status", "open");
    input.putAdditionalProperty("budget_eur", 15000);
    return input;
  }

  /**
   * Every case: the hand-written table, then cases made from the spec for an operation the table
   * has none for (a new operation, before anyone wrote its cases).
   */
  static Stream<Case> cases() {
    List<Case> written = writtenCases().collect(java.util.stream.Collectors.toList());
    return Stream.concat(written.stream(), fromTheSpec(written));
  }

  /**
   * An operation added to the spec gets a case per documented status, called through its generated
   * method with {@code "x"} for each path parameter, so that adding a compatible operation keeps the
   * suite green and still checks the SDK's request and the example answer against the spec. An
   * operation with a request body or query parameters needs cases written by hand: a generic body
   * would not be a request the spec allows.
   */
  private static Stream<Case> fromTheSpec(List<Case> written) {
    Set<String> covered = new TreeSet<>();
    written.forEach(c -> covered.add(c.operationId));
    List<Case> made = new ArrayList<>();
    SpecDocument.PACKAGED.statusesByOperation().forEach((operationId, statuses) -> {
      if (covered.contains(operationId)) {
        return;
      }
      java.lang.reflect.Method method = generatedMethod(operationId);
      if (method == null) {
        return;
      }
      for (int status : statuses) {
        made.add(new Case(operationId, status, client -> invoke(client, method), errorFor(status)));
      }
    });
    return made.stream();
  }

  /** The plain generated method of an operation whose arguments are all path parameters, or null. */
  private static java.lang.reflect.Method generatedMethod(String operationId) {
    for (Class<?> api : List.of(com.serviceform.sdk.api.FlexApi.class, com.serviceform.sdk.api.LeadsApi.class,
        com.serviceform.sdk.api.ChatsApi.class, com.serviceform.sdk.api.StatisticsApi.class)) {
      for (java.lang.reflect.Method method : api.getMethods()) {
        com.serviceform.sdk.api.ServiceformOperation operation =
            method.getAnnotation(com.serviceform.sdk.api.ServiceformOperation.class);
        if (operation != null && operation.id().equals(operationId) && !method.getName().endsWith("WithHttpInfo")
            && java.util.Arrays.stream(method.getParameterTypes()).allMatch(t -> t == String.class)) {
          return method;
        }
      }
    }
    return null;
  }

  private static Object invoke(ServiceformClient client, java.lang.reflect.Method method) {
    Object api;
    Class<?> type = method.getDeclaringClass();
    api = type == com.serviceform.sdk.api.FlexApi.class ? client.flex()
        : type == com.serviceform.sdk.api.LeadsApi.class ? client.leads()
        : type == com.serviceform.sdk.api.ChatsApi.class ? (Object) client.chats() : client.statistics();
    Object[] args = new Object[method.getParameterCount()];
    java.util.Arrays.fill(args, "x");
    try {
      return method.invoke(api, args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : new RuntimeException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Class<? extends ServiceformApiException> errorFor(int status) {
    switch (status / 100 == 2 ? 200 : status) {
      case 200:
        return null;
      case 400:
        return BadRequestException.class;
      case 401:
      case 403:
        return AuthenticationException.class;
      case 404:
        return NotFoundException.class;
      case 422:
        return UnprocessableEntityException.class;
      case 429:
        return com.serviceform.sdk.errors.RateLimitException.class;
      default:
        return status >= 500 ? com.serviceform.sdk.errors.ServerException.class
            : com.serviceform.sdk.errors.UnexpectedStatusException.class;
    }
  }

  /** The table is written by hand on purpose: a status added to the spec must get a case here. */
  static Stream<Case> writtenCases() {
    return Stream.of(
        new Case("listSpaces", 200, c -> c.flex().listSpaces(), null),
        new Case("listSpaces", 400, c -> c.flex().listSpaces(), BadRequestException.class),
        new Case("listSpaces", 403, c -> c.flex().listSpaces(), AuthenticationException.class),
        new Case("listItems", 200, c -> c.flex().listItems("sp-1"), null),
        new Case("listItems", 400, c -> c.flex().listItems("sp-1"), BadRequestException.class),
        new Case("listItems", 403, c -> c.flex().listItems("sp-1"), AuthenticationException.class),
        new Case("listItems", 404, c -> c.flex().listItems("missing"), NotFoundException.class),
        new Case("createItem", 200, c -> c.flex().createItem("sp-1", input()), null),
        new Case("createItem", 403, c -> c.flex().createItem("sp-1", input()), AuthenticationException.class),
        new Case("createItem", 404, c -> c.flex().createItem("missing", input()), NotFoundException.class),
        new Case("createItem", 422, c -> c.flex().createItem("sp-1", input()), UnprocessableEntityException.class),
        new Case("getItem", 200, c -> c.flex().getItem("sp-1", "it-1"), null),
        new Case("getItem", 400, c -> c.flex().getItem("sp-1", "it-1"), BadRequestException.class),
        new Case("getItem", 403, c -> c.flex().getItem("sp-1", "it-1"), AuthenticationException.class),
        new Case("getItem", 404, c -> c.flex().getItem("sp-1", "gone"), NotFoundException.class),
        new Case("updateItem", 200, c -> c.flex().updateItem("sp-1", "it-1", input()), null),
        new Case("updateItem", 400, c -> c.flex().updateItem("sp-1", "it-1", input()), BadRequestException.class),
        new Case("updateItem", 403, c -> c.flex().updateItem("sp-1", "it-1", input()), AuthenticationException.class),
        new Case("updateItem", 404, c -> c.flex().updateItem("sp-1", "gone", input()), NotFoundException.class),
        new Case("updateItem", 422, c -> c.flex().updateItem("sp-1", "it-1", input()),
            UnprocessableEntityException.class),
        new Case("deleteItem", 200, c -> c.flex().deleteItem("sp-1", "it-1"), null),
        new Case("deleteItem", 400, c -> c.flex().deleteItem("sp-1", "it-1"), BadRequestException.class),
        new Case("deleteItem", 403, c -> c.flex().deleteItem("sp-1", "it-1"), AuthenticationException.class),
        new Case("deleteItem", 404, c -> c.flex().deleteItem("sp-1", "gone"), NotFoundException.class),
        new Case("listLeads", 200, c -> c.leads().listLeads(), null),
        new Case("listLeads", 400, c -> c.leads().listLeads(), BadRequestException.class),
        new Case("listLeads", 401, c -> c.leads().listLeads(), AuthenticationException.class),
        new Case("listLeads", 403, c -> c.leads().listLeads(), AuthenticationException.class),
        new Case("searchChats", 200, c -> c.chats().searchChats(new ChatQuery().startTime(FROM)
            .endTime(FROM.plusMonths(1)).uid("user123").limit(10).showMessages(true).chatbot(false)), null),
        new Case("searchChats", 400, c -> c.chats().searchChats(new ChatQuery()), BadRequestException.class),
        new Case("searchChats", 403, c -> c.chats().searchChats(new ChatQuery()), AuthenticationException.class),
        new Case("getChatStatistics", 200, c -> c.statistics().getChatStatistics(GetChatStatisticsParams.builder()
            .startTime(FROM).endTime(FROM.plusMonths(1)).metrics(List.of("totalChats", "chatsBySource")).build()), null),
        new Case("getChatStatistics", 400,
            c -> c.statistics().getChatStatistics(GetChatStatisticsParams.builder().startTime(FROM).build()),
            BadRequestException.class),
        new Case("getChatStatistics", 403, c -> c.statistics().getChatStatistics(),
            AuthenticationException.class));
  }

  /** The 200 body: the spec's own example for the operation. */
  private static String okBody(String operationId) throws Exception {
    JsonNode example = SpecDocument.PACKAGED.examples().stream()
        .filter(e -> e.where.equals(operationId + " 200")).findFirst().orElseThrow().value;
    return JSON.writeValueAsString(example);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @Order(1)
  void operationAndStatusConformToTheSpec(Case c) throws Exception {
    server.resetAll();
    String body = c.status == 200 ? okBody(c.operationId) : "{\"error\":\"documented status " + c.status + "\"}";
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(c.status)
        .withHeader("Content-Type", "application/json").withBody(body)));

    try (ServiceformClient client = ServiceformClient.builder().apiKey(KEY).baseUrl(server.baseUrl())
        .retryPolicy(RetryPolicy.none()).build()) {
      if (c.error == null) {
        assertNotNull(c.call.apply(client), c + " returned a body");
      } else {
        ServiceformApiException e = assertThrows(ServiceformApiException.class, () -> c.call.apply(client));
        assertInstanceOf(c.error, e);
        assertEquals(c.status, e.statusCode());
      }
    }
    validateExchanges(c.operationId);
    EXERCISED.add(c.operationId + " " + c.status);
  }

  /** Validates every exchange the server saw; a violation fails with the validator's messages. */
  private static void validateExchanges(String expectedOperation) {
    List<ServeEvent> events = server.getAllServeEvents();
    assertFalse(events.isEmpty(), "nothing was sent");
    List<String> problems = new ArrayList<>();
    for (ServeEvent event : events) {
      LoggedRequest request = event.getRequest();
      URI uri = URI.create(request.getUrl());
      String method = request.getMethod().value();
      assertEquals(List.of(KEY), request.getHeaders().getHeader("sf-api-key").values(),
          "exactly one sf-api-key, checked apart from the validator");
      assertEquals(expectedOperation, VALIDATOR.operationId(method, uri.getRawPath()).orElse("none"));
      problems.addAll(prefix("request", VALIDATOR.validateRequest(method, uri.getRawPath(), query(uri),
          headers(request.getHeaders().all()), request.getBodyAsString())));
      LoggedResponse response = event.getResponse();
      problems.addAll(prefix("response", VALIDATOR.validateResponse(method, uri.getRawPath(), response.getStatus(),
          headers(response.getHeaders().all()), response.getBodyAsString())));
    }
    if (!problems.isEmpty()) {
      fail("the exchange broke the spec:\n  " + String.join("\n  ", problems));
    }
  }

  private static List<String> prefix(String side, List<String> messages) {
    List<String> out = new ArrayList<>();
    messages.forEach(m -> out.add(side + ": " + m));
    return out;
  }

  static Map<String, List<String>> headers(java.util.Collection<HttpHeader> all) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpHeader header : all) {
      headers.put(header.key(), header.values());
    }
    return headers;
  }

  static Map<String, List<String>> query(URI uri) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (uri.getRawQuery() == null) {
      return query;
    }
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
      query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return query;
  }

  @Test
  @Order(2)
  void aWrongStubIsCaughtByTheValidator() {
    // Negative control: a getItem answer with a wrong type and a chat without its required cid.
    List<String> wrongType = VALIDATOR.validateResponse("GET", "/flex/spaces/sp-1/items/it-1", 200,
        Map.of("Content-Type", List.of("application/json")), "{\"id\":\"it-1\",\"created\":\"last tuesday\"}");
    assertFalse(wrongType.isEmpty(), "a non-date-time created must be caught");
    assertTrue(String.join(" ", wrongType).contains("created"), wrongType.toString());

    List<String> missingRequired = VALIDATOR.validateResponse("POST", "/chats", 200,
        Map.of("Content-Type", List.of("application/json")), "[{\"agentName\":\"John\",\"livechat\":\"yes\"}]");
    assertTrue(missingRequired.stream().anyMatch(m -> m.contains("cid")), missingRequired.toString());
    assertTrue(missingRequired.stream().anyMatch(m -> m.contains("livechat")), missingRequired.toString());

    List<String> badRequest = VALIDATOR.validateRequest("POST", "/flex/spaces/sp-1/items", Map.of(),
        Map.of("Content-Type", List.of("application/json"), "sf-api-key", List.of(KEY)), "{\"budget_eur\":1}");
    assertTrue(badRequest.stream().anyMatch(m -> m.contains("primary_field")), badRequest.toString());

    List<String> noKey = VALIDATOR.validateRequest("GET", "/leads", Map.of(), Map.of(), null);
    assertFalse(noKey.isEmpty(), "a request without sf-api-key is caught (security declared per operation)");
  }

  @Test
  @Order(3)
  void aWrongStubFailsTheSuiteThroughTheSdk() {
    server.resetAll();
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("[{\"id\":\"sp-1\",\"fields\":\"none\"}]")));
    try (ServiceformClient client = ServiceformClient.builder().apiKey(KEY).baseUrl(server.baseUrl())
        .retryPolicy(RetryPolicy.none()).build()) {
      assertThrows(RuntimeException.class, () -> client.flex().listSpaces());
    }
    AssertionError caught = assertThrows(AssertionError.class, () -> validateExchanges("listSpaces"));
    assertTrue(caught.getMessage().contains("response: validation.response.body"), caught.getMessage());
  }

  @Test
  @Order(4)
  void everyOperationAndDocumentedStatusWasExercised() {
    Map<String, TreeSet<Integer>> documented = SpecDocument.PACKAGED.statusesByOperation();
    assertEquals(com.serviceform.sdk.api.ApiOperation.values().length, documented.size(), "operations in the spec");
    Map<String, TreeSet<Integer>> missing = new TreeMap<>();
    documented.forEach((operation, statuses) -> statuses.forEach(status -> {
      if (!EXERCISED.contains(operation + " " + status)) {
        missing.computeIfAbsent(operation, k -> new TreeSet<>()).add(status);
      }
    }));
    assertEquals(Collections.emptyMap(), missing, "not exercised by the contract suite");
  }
}
