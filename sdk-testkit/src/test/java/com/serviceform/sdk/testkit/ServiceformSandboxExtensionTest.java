package com.serviceform.sdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.model.Item;
import com.serviceform.sdk.model.ItemInput;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** The extension in use (this class), and run through the JUnit test kit for what a test cannot see of itself. */
@ServiceformSandboxTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceformSandboxExtensionTest {
  static final String SALES = SandboxOperationsTest.SALES;
  static ServiceformSandbox first;

  private final ServiceformSandbox constructed;

  ServiceformSandboxExtensionTest(ServiceformSandbox sandbox) {
    this.constructed = sandbox;
  }

  @BeforeEach
  void sandboxIsResetBeforeLifecycleMethodsRun(ServiceformSandbox sandbox) {
    assertEquals(3, sandbox.items(SALES).size());
  }

  @Test
  @Order(1)
  void injectsARunningSandboxAndAClientForIt(ServiceformSandbox sandbox, ServiceformClient client) {
    first = sandbox;
    assertSame(constructed, sandbox);
    assertTrue(sandbox.isRunning());
    assertEquals(sandbox.baseUrl(), client.baseUrl());
    assertEquals(2, client.flex().listSpaces().size());

    client.flex().createItem(SALES, new ItemInput().primaryField("Made in test 1"));
    sandbox.faults().failNext("listSpaces", 10, SandboxFault.serverError()).latency("listItems", Duration.ofSeconds(5));
    assertEquals(4, sandbox.items(SALES).size());
  }

  @Test
  @Order(2)
  void theNextTestSeesTheSeedAgainWithoutFaults(ServiceformSandbox sandbox, ServiceformClient client) {
    assertSame(first, sandbox, "one sandbox per class");
    assertEquals(2, client.flex().listSpaces().size());
    List<Item> items = client.flex().listItems(SALES);
    assertEquals(3, items.size());
    assertFalse(items.stream().anyMatch(i -> i.getPrimaryField().equals("Made in test 1")));
    assertEquals(1, sandbox.requestCount("listSpaces"));
  }

  @Nested
  class NestedClasses {
    @Test
    void shareTheEnclosingClassesSandbox(ServiceformSandbox sandbox, ServiceformClient client) {
      assertSame(constructed, sandbox);
      assertEquals(3, client.flex().listItems(SALES).size());
    }
  }

  // ---------------------------------------------------------------- run through the test kit

  private static EngineExecutionResults run(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
  }

  private static Throwable onlyFailure(EngineExecutionResults results) {
    List<Event> failed = results.testEvents().failed().list();
    assertEquals(1, failed.size());
    return failed.get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
        .getThrowable().orElseThrow();
  }

  @Test
  void aTestThatBreaksTheSpecFailsWithTheViolations() {
    EngineExecutionResults results = run(ViolatingCase.class);

    results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
    Throwable failure = onlyFailure(results);
    assertTrue(failure instanceof AssertionError, failure.toString());
    assertTrue(failure.getMessage().startsWith("1 exchange with the Serviceform sandbox violated the API spec:\n"
        + "  - REQUEST POST /flex/spaces/" + SALES + "/items (createItem): validation.request.body.schema.required"),
        failure.getMessage());
  }

  @Test
  void failOnSpecViolationsFalseLetsSuchATestPass() {
    run(AllowedViolationCase.class).testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @Test
  void theSandboxIsStoppedAfterTheClass() {
    run(RecordingCase.class).testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    assertNotNull(RecordingCase.seen);
    assertFalse(RecordingCase.seen.isRunning());
  }

  @Test
  void aSeedResourceReplacesTheDefaultData() {
    run(CustomSeedCase.class).testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @Test
  void aMissingSeedResourceFailsWithAClearMessage() {
    EngineExecutionResults results = run(MissingSeedCase.class);
    Throwable failure = results.allEvents().failed().list().get(0)
        .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    assertTrue(failure instanceof ExtensionConfigurationException, failure.toString());
    assertEquals("@ServiceformSandboxTest(seed = \"/seeds/none.json\"): no such classpath resource", failure.getMessage());
  }

  // Run only through the test kit: Surefire skips nested classes.

  @ExtendWith(ServiceformSandboxExtension.class)
  static class ViolatingCase {
    @Test
    void sendsAnInvalidRequest(ServiceformSandbox sandbox) {
      assertEquals(422, Raw.send(sandbox, "POST", "/flex/spaces/" + SALES + "/items", "{}").statusCode());
    }

    @Test
    void behaves(ServiceformClient client) {
      client.flex().listSpaces();
    }
  }

  @ServiceformSandboxTest(failOnSpecViolations = false)
  static class AllowedViolationCase {
    @Test
    void sendsAnInvalidRequestOnPurpose(ServiceformSandbox sandbox) {
      assertEquals(422, Raw.send(sandbox, "POST", "/flex/spaces/" + SALES + "/items", "{}").statusCode());
      assertEquals(1, sandbox.violations().size());
    }
  }

  @ServiceformSandboxTest
  static class RecordingCase {
    static ServiceformSandbox seen;

    @Test
    void records(ServiceformSandbox sandbox) {
      seen = sandbox;
      assertTrue(sandbox.isRunning());
    }
  }

  @ServiceformSandboxTest(seed = "/seeds/tiny.json")
  static class CustomSeedCase {
    @Test
    void seesTheTinySeed(ServiceformClient client) {
      assertEquals(1, client.flex().listSpaces().size());
      Item item = client.flex().getItem("sp-tiny", "it-1");
      assertEquals("teal", item.getAdditionalProperty("color"));
      assertEquals(1, client.chats().searchChats(new com.serviceform.sdk.model.ChatQuery()).size());
      assertTrue(client.leads().listLeads().isEmpty());
    }
  }

  @ServiceformSandboxTest(seed = "/seeds/none.json")
  static class MissingSeedCase {
    @Test
    void neverRuns() {}
  }
}
