package com.serviceform.sdk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.errors.NotFoundException;
import com.serviceform.sdk.fields.CustomFields;
import com.serviceform.sdk.model.Item;
import com.serviceform.sdk.testkit.SandboxFault;
import com.serviceform.sdk.testkit.ServiceformSandbox;
import com.serviceform.sdk.testkit.ServiceformSandboxTest;
import com.serviceform.sdk.testkit.SpecValidator;
import com.serviceform.sdk.testkit.SpecViolation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A consumer's contract check, as docs/testing.md describes it: run your own code against the
 * sandbox; the extension fails any test in which a request or response broke the spec packaged in
 * the testkit, and the same validator can check exchanges you recorded elsewhere.
 */
@ServiceformSandboxTest
class PipelineReportContractTest {

  @Test
  void countsByStatusWithinTheContract(ServiceformClient client) {
    Map<String, Integer> counts = new PipelineReport(client).countByStatus("Sales pipeline");
    assertFalse(counts.isEmpty());
    // The extension checks after the test that no exchange broke the spec.
  }

  @Test
  void movesAnItemWithinTheContract(ServiceformSandbox sandbox, ServiceformClient client) {
    String spaceId = sandbox.spaces().stream().filter(s -> s.getName().equals("Sales pipeline"))
        .findFirst().orElseThrow().getId();
    Item first = sandbox.items(spaceId).get(0);

    Item moved = new PipelineReport(client).moveTo("Sales pipeline", first.getId(), "won");

    assertEquals("won", CustomFields.of(moved).getSelect("status").orElseThrow().value());
    assertEquals("won", CustomFields.of(client.flex().getItem(spaceId, first.getId()))
        .getSelect("status").orElseThrow().value());
    assertTrue(sandbox.violations().isEmpty(), sandbox.violations().toString());
  }

  @Test
  void resilienceOfTheConsumerCodeUnderInjectedFaults(ServiceformSandbox sandbox, ServiceformClient client) {
    sandbox.faults().failNext("listItems", 1, SandboxFault.serviceUnavailable());
    try (ServiceformClient patient = client.toBuilder().sleeper(d -> { }).build()) {
      assertFalse(new PipelineReport(patient).countByStatus("Sales pipeline").isEmpty(), "retried past the 503");
    }
    assertEquals(2, sandbox.requestCount("listItems"));
  }

  @Test
  void aRequestThatBreaksTheSpecIsCaught(ServiceformSandbox sandbox) throws Exception {
    // What a hand-rolled client might send: limit as a string. The sandbox answers 400 and records it.
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(sandbox.baseUrl() + "/chats"))
        .header("sf-api-key", sandbox.apiKey()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"limit\":\"ten\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(400, response.statusCode());
    List<SpecViolation> violations = sandbox.violations();
    assertEquals(1, violations.size());
    assertTrue(violations.get(0).messages().toString().contains("limit"), violations.toString());
    assertThrows(AssertionError.class, sandbox::assertNoViolations);
    sandbox.reset(); // so the extension's own check after this test passes
  }

  @Test
  void recordedExchangesCanBeCheckedWithoutTheSandbox() {
    SpecValidator validator = SpecValidator.packaged();
    String recorded = "[{\"cid\":\"c-1\",\"changed\":1725148800,\"livechat\":1}]";
    assertEquals(List.of(), validator.validateResponse("POST", "/chats", 200,
        Map.of("Content-Type", List.of("application/json")), recorded));
    assertFalse(validator.validateResponse("POST", "/chats", 200,
        Map.of("Content-Type", List.of("application/json")), "[{\"changed\":\"yesterday\"}]").isEmpty());
  }

  @Test
  void anUnknownItemIsANotFound(ServiceformSandbox sandbox, ServiceformClient client) {
    String spaceId = sandbox.spaces().get(0).getId();
    assertThrows(NotFoundException.class, () -> client.flex().getItem(spaceId, "no-such-item"));
  }
}
