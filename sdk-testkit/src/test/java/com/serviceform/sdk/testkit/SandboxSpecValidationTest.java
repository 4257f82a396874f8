package com.serviceform.sdk.testkit;

import com.serviceform.sdk.api.StatisticsApi.GetChatStatisticsParams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.errors.AuthenticationException;
import com.serviceform.sdk.model.ChatQuery;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests that break the spec: the status the sandbox answers and what it records. */
class SandboxSpecValidationTest {
  static final String SALES = SandboxOperationsTest.SALES;
  static final String ITEM = "65a0f3d2c1b2a3f4e5d6c7b8";
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

  private static SpecViolation onlyViolation() {
    List<SpecViolation> violations = sandbox.violations();
    assertEquals(1, violations.size(), violations.toString());
    return violations.get(0);
  }

  private static List<String> violationsInBody(HttpResponse<String> response) throws Exception {
    JsonNode body = JSON.readTree(response.body());
    assertEquals("the request does not conform to the Serviceform API spec", body.get("error").asText());
    return JSON.convertValue(body.get("violations"), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
  }

  @Test
  void createItemWithAWrongTypedPrimaryFieldIs422AndRecorded() throws Exception {
    HttpResponse<String> response = Raw.send(sandbox, "POST", "/flex/spaces/" + SALES + "/items", "{\"primary_field\":42}");

    assertEquals(422, response.statusCode());
    String message = "validation.request.body.schema.type: [Path '/primary_field'] Instance type (integer) does not"
        + " match any allowed primitive type (allowed: [\"string\"])";
    assertEquals(List.of(message), violationsInBody(response));
    SpecViolation violation = onlyViolation();
    assertEquals(SpecViolation.Kind.REQUEST, violation.kind());
    assertEquals("POST", violation.method());
    assertEquals("/flex/spaces/" + SALES + "/items", violation.path());
    assertEquals(Optional.of("createItem"), violation.operationId());
    assertEquals(List.of(message), violation.messages());
    assertEquals(3, sandbox.items(SALES).size(), "nothing was created");
    assertEquals(1, sandbox.requestCount("createItem"));
  }

  @Test
  void createItemWithoutPrimaryFieldIs422() throws Exception {
    HttpResponse<String> response = Raw.send(sandbox, "POST", "/flex/spaces/" + SALES + "/items", "{\"status\":\"open\"}");

    assertEquals(422, response.statusCode());
    assertEquals(List.of("validation.request.body.schema.required: Object has missing required properties"
        + " ([\"primary_field\"])"), violationsInBody(response));
    assertEquals(SpecViolation.Kind.REQUEST, onlyViolation().kind());
  }

  @Test
  void updateItemAnswers422ForABadBodyAnd400ForJsonThatDoesNotParse() throws Exception {
    HttpResponse<String> wrongType = Raw.send(sandbox, "PUT", "/flex/spaces/" + SALES + "/items/" + ITEM, "{\"primary_field\":null}");
    assertEquals(422, wrongType.statusCode());

    HttpResponse<String> broken = Raw.send(sandbox, "PUT", "/flex/spaces/" + SALES + "/items/" + ITEM, "{\"primary_field\":");
    assertEquals(400, broken.statusCode());
    assertTrue(violationsInBody(broken).get(0).startsWith("validation.request.body.schema.invalidJson"), broken.body());

    assertEquals(2, sandbox.violations().size());
    assertEquals("Nordic Timber Oy", sandbox.items(SALES).get(0).getPrimaryField(), "unchanged");
  }

  @Test
  void searchChatsWithWrongTypesIs400() throws Exception {
    HttpResponse<String> response = Raw.send(sandbox, "POST", "/chats", "{\"limit\":\"5\",\"showMessages\":\"yes\"}");

    assertEquals(400, response.statusCode());
    assertEquals(2, violationsInBody(response).size());
    assertEquals(Optional.of("searchChats"), onlyViolation().operationId());
    assertEquals(2, onlyViolation().messages().size());
  }

  @Test
  void searchChatsWithALimitBelowOneOrNoBodyIs400() {
    assertEquals(400, Raw.send(sandbox, "POST", "/chats", "{\"limit\":0}").statusCode());
    assertEquals(400, Raw.send(sandbox, "POST", "/chats", null).statusCode());
    List<SpecViolation> violations = sandbox.violations();
    assertEquals(2, violations.size());
    assertTrue(violations.get(0).messages().get(0).startsWith("validation.request.body.schema.minimum"), violations.toString());
    assertTrue(violations.get(1).messages().get(0).startsWith("validation.request.body.missing"), violations.toString());
  }

  @Test
  void statisticsWithATimeThatIsNotRfc3339Is400() throws Exception {
    HttpResponse<String> response = Raw.send(sandbox, "GET", "/statistics/chat?startTime=yesterday", null);

    assertEquals(400, response.statusCode());
    assertTrue(violationsInBody(response).get(0).startsWith("validation.request.parameter.schema.format.date-time"));
    assertEquals(SpecViolation.Kind.REQUEST, onlyViolation().kind());
  }

  @Test
  void anUndocumentedQueryParameterIs400() {
    // The vendor documents no paging: a client inventing ?page= is caught.
    HttpResponse<String> response = Raw.send(sandbox, "GET", "/leads?page=2", null);

    assertEquals(400, response.statusCode());
    assertEquals(List.of("validation.request.parameter.query.unexpected: Query parameter 'page' is unexpected on path"
        + " \"/leads\""), onlyViolation().messages());
  }

  @Test
  void aMissingKeyIs403AndRecorded() {
    HttpResponse<String> response = Raw.send(sandbox, "GET", "/flex/spaces", null, null);

    assertEquals(403, response.statusCode());
    assertEquals("{\"error\":\"invalid API key\"}", response.body());
    assertEquals(List.of("validation.request.security.missing: GET on path '/flex/spaces' requires security"
        + " parameters. None found."), onlyViolation().messages());
    assertEquals(1, sandbox.requestCount("listSpaces"));
  }

  @Test
  void aWrongKeyIs403ButNoViolation() {
    HttpResponse<String> response = Raw.send(sandbox, "POST", "/chats", "wrong-key", "{}");

    assertEquals(403, response.statusCode());
    assertEquals("{\"error\":\"invalid API key\"}", response.body());
    assertTrue(sandbox.violations().isEmpty(), sandbox.violations().toString());
  }

  @Test
  void leadsAnswer401ForAMissingOrWrongKeyAsTheVendorDocuments() {
    assertEquals(401, Raw.send(sandbox, "GET", "/leads", null, null).statusCode());
    assertEquals(401, Raw.send(sandbox, "GET", "/leads", "wrong-key", null).statusCode());
    try (ServiceformClient wrongKey = ServiceformClient.builder().apiKey("wrong-key").baseUrl(sandbox.baseUrl()).build()) {
      AuthenticationException leads = assertThrows(AuthenticationException.class, () -> wrongKey.leads().listLeads());
      assertEquals(401, leads.statusCode());
      AuthenticationException chats = assertThrows(AuthenticationException.class,
          () -> wrongKey.chats().searchChats(new ChatQuery()));
      assertEquals(403, chats.statusCode());
      assertFalse(leads.getMessage().contains("wrong-key"), "the key is never echoed");
    }
    assertEquals(1, sandbox.violations().size(), "only the request without any key broke the spec");
  }

  @Test
  void anUnknownPathIs404AndRecorded() {
    HttpResponse<String> response = Raw.send(sandbox, "GET", "/flex/spaces/" + SALES + "/fields", null);

    assertEquals(404, response.statusCode());
    assertEquals("{\"error\":\"no such path: /flex/spaces/" + SALES + "/fields\"}", response.body());
    SpecViolation violation = onlyViolation();
    assertEquals(SpecViolation.Kind.UNKNOWN_OPERATION, violation.kind());
    assertEquals(Optional.empty(), violation.operationId());
    assertEquals(List.of("validation.request.path.missing: No API path found that matches request '/flex/spaces/"
        + SALES + "/fields'."), violation.messages());
  }

  @Test
  void aTrailingSlashOrAnEmptyIdIsAnUnknownPath() {
    assertEquals(404, Raw.send(sandbox, "GET", "/flex/spaces/", null).statusCode());
    assertEquals(404, Raw.send(sandbox, "GET", "/flex/spaces//items", null).statusCode());
    assertEquals(2, sandbox.violations().size());
    assertTrue(sandbox.violations().stream().allMatch(v -> v.kind() == SpecViolation.Kind.UNKNOWN_OPERATION));
  }

  @Test
  void aMethodThePathLacksIs405WithAllow() {
    HttpResponse<String> response = Raw.send(sandbox, "PATCH", "/flex/spaces/" + SALES + "/items/" + ITEM, "{}");

    assertEquals(405, response.statusCode());
    assertEquals("DELETE, GET, PUT", response.headers().firstValue("Allow").orElseThrow());
    assertEquals(List.of("validation.request.operation.notAllowed: PATCH operation not allowed on path '/flex/spaces/"
        + SALES + "/items/" + ITEM + "'."), onlyViolation().messages());
  }

  @Test
  void percentEncodedIdsAreDecoded() {
    HttpResponse<String> response = Raw.send(sandbox, "GET", "/flex/spaces/no%20such%2Fspace/items", null);

    assertEquals(404, response.statusCode());
    assertEquals("{\"error\":\"space 'no such/space' not found\"}", response.body());
    assertTrue(sandbox.violations().isEmpty(), sandbox.violations().toString());
  }

  @Test
  void assertNoViolationsListsTheValidatorsMessages() {
    sandbox.assertNoViolations();
    Raw.send(sandbox, "POST", "/flex/spaces/" + SALES + "/items", "{}");
    Raw.send(sandbox, "GET", "/nope", null);

    AssertionError error = assertThrows(AssertionError.class, sandbox::assertNoViolations);

    assertEquals("2 exchanges with the Serviceform sandbox violated the API spec:\n"
        + "  - REQUEST POST /flex/spaces/" + SALES + "/items (createItem): validation.request.body.schema.required:"
        + " Object has missing required properties ([\"primary_field\"])\n"
        + "  - UNKNOWN_OPERATION GET /nope: validation.request.path.missing: No API path found that matches request"
        + " '/nope'.", error.getMessage());
    sandbox.reset();
    sandbox.assertNoViolations();
  }

  @Test
  void aSweepOfEveryOperationThroughTheSdkBreaksNothing() {
    try (ServiceformClient client = sandbox.newClient()) {
      client.flex().listSpaces();
      client.flex().listItems(SALES);
      com.serviceform.sdk.model.Item created = client.flex().createItem(SALES,
          new com.serviceform.sdk.model.ItemInput().primaryField("Sweep Oy"));
      client.flex().getItem(SALES, created.getId());
      client.flex().updateItem(SALES, created.getId(), new com.serviceform.sdk.model.ItemInput().primaryField("Sweep Oyj"));
      client.flex().deleteItem(SALES, created.getId());
      client.leads().listLeads();
      client.chats().searchChats(new ChatQuery().showMessages(true).limit(100));
      client.statistics().getChatStatistics(GetChatStatisticsParams.builder()
          .startTime(SandboxOperationsTest.SEPTEMBER_START).endTime(SandboxOperationsTest.SEPTEMBER_END)
          .addMetric("totalChats").addMetric("chatsByAgent").build());
    }
    sandbox.assertNoViolations();
    // Each operation the sandbox models once (one the spec gained later would be answered from its example).
    for (String operationId : ServiceformSandbox.operationIds()) {
      assertEquals(sandbox.isModelled(operationId) ? 1 : 0, sandbox.requestCount(operationId), operationId);
    }
  }

  @Test
  void controlPathsAreNotApiCalls() throws Exception {
    Raw.send(sandbox, "GET", "/nope", null);

    HttpResponse<String> violations = Raw.send(sandbox, "GET", "/__sandbox/violations", null, null);
    assertEquals(200, violations.statusCode());
    JsonNode list = JSON.readTree(violations.body());
    assertEquals(1, list.size());
    assertEquals("UNKNOWN_OPERATION", list.get(0).get("kind").asText());
    assertEquals("/nope", list.get(0).get("path").asText());
    assertEquals("{\"status\":\"ok\"}", Raw.send(sandbox, "GET", "/__sandbox/health", null, null).body());

    assertEquals(200, Raw.send(sandbox, "POST", "/__sandbox/reset", null, null).statusCode());
    assertTrue(sandbox.violations().isEmpty());
    assertEquals(404, Raw.send(sandbox, "GET", "/__sandbox/nothing", null, null).statusCode());
    assertTrue(sandbox.violations().isEmpty());
  }

  @Test
  void requestCountRejectsAnUnknownOperationId() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sandbox.requestCount("listChats"));
    assertTrue(e.getMessage().startsWith("unknown operationId 'listChats'; the spec has [listSpaces,"), e.getMessage());
  }
}
