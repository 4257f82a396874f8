package com.serviceform.sdk.testkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.Item;
import com.serviceform.sdk.model.Lead;
import com.serviceform.sdk.model.Space;
import com.serviceform.sdk.testkit.SandboxData;
import com.serviceform.sdk.testkit.SandboxFault;
import com.serviceform.sdk.testkit.ServiceformSandbox;
import com.serviceform.sdk.testkit.ServiceformSandboxTest;
import com.serviceform.sdk.testkit.SpecValidator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fragments of docs/testing.md, each inside a test that runs it (DocSnippetsTest checks that
 * the docs' text is here line for line).
 */
@ServiceformSandboxTest
class DocFragmentsTest {

  @Test
  void changingTheData(ServiceformSandbox sandbox) {
    List<Lead> leads = List.of(new Lead().id("ld-1").email("aino@example.com"));
    List<Chat> tenThousandChats = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      tenThousandChats.add(new Chat().cid("c-" + i).changed(1725148800L + i));
    }

    sandbox.load(SandboxData.empty());                 // replace everything (reset() still returns to the seed)
    sandbox.addSpaces(List.of(new Space().id("sp-1").name("Deals")));
    sandbox.addItems(List.of(new Item().id("it-1").spaceId("sp-1").primaryField("Acme Oy")));
    sandbox.addLeads(leads);
    sandbox.addChats(tenThousandChats);                // a chat with a held cid replaces it

    assertEquals("Acme Oy", sandbox.items("sp-1").get(0).getPrimaryField());
    assertEquals(1, sandbox.leads().size());
    assertEquals(10_000, sandbox.chats().size());
  }

  @Test
  void armingFaults(ServiceformSandbox sandbox) {
    sandbox.faults()
        .failNext("searchChats", 2, SandboxFault.serviceUnavailable())          // 503, 503, then normal
        .failNext("listSpaces", 1, SandboxFault.tooManyRequests(Duration.ofSeconds(2))) // 429 + Retry-After: 2
        .failFraction("listItems", 0.25, SandboxFault.connectionReset())        // every 4th call: TCP reset
        .latency("getChatStatistics", Duration.ofMillis(300));                 // every answer 300 ms late

    sandbox.faults().clear();
  }

  @Test
  void relaxingACustomFieldCheck(ServiceformSandbox sandbox, ServiceformClient client) {
    sandbox.relaxCustomFieldChecks("64f1c2a9e4b0a1d2c3e4f5a6", "budget_eur"); // any value, stored as sent

    com.serviceform.sdk.model.ItemInput input = new com.serviceform.sdk.model.ItemInput().primaryField("Acme Oy");
    input.putAdditionalProperty("budget_eur", "about 10k");
    assertEquals("about 10k", client.flex().createItem("64f1c2a9e4b0a1d2c3e4f5a6", input).getAdditionalProperty("budget_eur"));
  }

  @Test
  void readingViolations(ServiceformSandbox sandbox, ServiceformClient client) {
    client.flex().listSpaces();

    sandbox.violations();        // List<SpecViolation> since the last reset
    sandbox.assertNoViolations(); // AssertionError listing them, e.g.
    // 1 exchange with the Serviceform sandbox violated the API spec:
    //   - REQUEST POST /chats (searchChats): validation.request.body.schema.type: [Path '/limit'] Instance type (string) ...

    assertTrue(sandbox.violations().isEmpty());
  }

  @Test
  void validatingARecordedExchange() {
    String body = "[{\"id\":\"ld-1\",\"email\":\"aino@example.com\"}]";

    SpecValidator validator = SpecValidator.packaged();
    List<String> problems = validator.validateResponse("GET", "/leads", 200,
        Map.of("Content-Type", List.of("application/json")), body);

    assertEquals(List.of(), problems);
  }

  @Test
  void withoutJUnit() {
    try (ServiceformSandbox sandbox = ServiceformSandbox.builder()
            .seed(SandboxData.fromJson(Path.of("src/test/resources/sandbox/seed.json")))
            .apiKey("my-test-key")          // default "sandbox-key"
            .port(0)                        // default: a free port on 127.0.0.1
            .clock(Clock.fixed(Instant.parse("2024-09-01T10:00:00Z"), ZoneOffset.UTC)) // default: the system clock
            .start();
         ServiceformClient client = sandbox.newClient()) {
      client.flex().listSpaces();          // ... exercise your code ...
      sandbox.reset();                      // between tests
      sandbox.assertNoViolations();
    }
  }
}
