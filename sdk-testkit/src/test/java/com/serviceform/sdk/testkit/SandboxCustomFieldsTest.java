package com.serviceform.sdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.errors.UnprocessableEntityException;
import com.serviceform.sdk.model.FieldOption;
import com.serviceform.sdk.model.Item;
import com.serviceform.sdk.model.ItemInput;
import com.serviceform.sdk.model.Space;
import com.serviceform.sdk.model.SpaceField;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Custom fields on create and update, checked against the space's field definitions. */
class SandboxCustomFieldsTest {
  static final String SALES = SandboxOperationsTest.SALES;
  static final String DEAL = "65a0f3d2c1b2a3f4e5d6c7b8";
  static final String WHERE = "space 'Sales pipeline' (" + SALES + ")";

  static ServiceformSandbox sandbox;
  static ServiceformClient client;

  @BeforeAll
  static void start() {
    sandbox = ServiceformSandbox.start();
    client = sandbox.newClient();
  }

  @AfterAll
  static void stop() {
    client.close();
    sandbox.close();
  }

  @BeforeEach
  void reset() {
    sandbox.reset();
  }

  static ItemInput deal(String field, Object value) {
    ItemInput input = new ItemInput().primaryField("Acme Oy");
    input.putAdditionalProperty(field, value);
    return input;
  }

  /** Creates the item expecting a 422, and returns the one violation recorded. */
  static SpecViolation refusedCreate(ItemInput input) {
    UnprocessableEntityException e = assertThrows(UnprocessableEntityException.class,
        () -> client.flex().createItem(SALES, input));
    assertTrue(e.body().startsWith("{\"error\":\"the item's custom fields do not fit the space's field definitions\""),
        e.body());
    assertEquals(3, sandbox.items(SALES).size(), "nothing was stored");
    List<SpecViolation> violations = sandbox.violations();
    assertEquals(1, violations.size(), violations.toString());
    SpecViolation violation = violations.get(0);
    assertEquals(SpecViolation.Kind.REQUEST, violation.kind());
    assertEquals(Optional.of("createItem"), violation.operationId());
    return violation;
  }

  @Test
  void aSelectValueOutsideTheOptionsIsRefusedAndRecorded() {
    SpecViolation violation = refusedCreate(deal("status", "maybe"));

    assertEquals(List.of("sandbox.customField.option: " + WHERE + ": field 'status': \"maybe\" is not one of its"
        + " options [open, won, lost]"), violation.messages());
  }

  @Test
  void aMisspeltFieldIsRefused() {
    SpecViolation violation = refusedCreate(deal("contact_emial", "anna@example.com"));

    assertEquals(List.of("sandbox.customField.unknown: " + WHERE + " has no field 'contact_emial'; its fields are"
        + " [status, budget_eur, contact_email]"), violation.messages());
  }

  @Test
  void aNumberFieldGivenTextIsRefused() {
    SpecViolation violation = refusedCreate(deal("budget_eur", "lots"));

    assertEquals(List.of("sandbox.customField.type: " + WHERE + ": field 'budget_eur' is a number field and takes a"
        + " number, not a string"), violation.messages());
  }

  @Test
  void selectObjectsNeedAnOptionsValueAndItsLabel() {
    assertEquals(List.of("sandbox.customField.option: " + WHERE + ": field 'status': \"maybe\" is not one of its"
        + " options [open, won, lost]"), refusedCreate(deal("status", Map.of("value", "maybe", "label", "Maybe"))).messages());
    sandbox.reset();
    assertEquals(List.of("sandbox.customField.option: " + WHERE + ": field 'status': option \"open\" has the label"
        + " \"Open\", not \"Won\""), refusedCreate(deal("status", Map.of("value", "open", "label", "Won"))).messages());
    sandbox.reset();
    assertEquals(List.of("sandbox.customField.type: " + WHERE + ": field 'status' is a select field and takes one of"
        + " its options [open, won, lost] (as a string or as {\"value\", \"label\"}), not an integer"),
        refusedCreate(deal("status", 2)).messages());
  }

  @Test
  void anEmailFieldTakesAnAddress() {
    assertEquals(List.of("sandbox.customField.type: " + WHERE + ": field 'contact_email' is an email field;"
        + " \"anna at example\" is not an email address"), refusedCreate(deal("contact_email", "anna at example")).messages());
  }

  @Test
  void everyProblemOfABodyIsListed() {
    ItemInput input = deal("status", "maybe");
    input.putAdditionalProperty("budget_eur", "lots");
    input.putAdditionalProperty("contact_emial", "x@example.com");

    assertEquals(3, refusedCreate(input).messages().size());
  }

  @Test
  void valuesThatFitAreStoredInEitherSelectShape() {
    ItemInput input = deal("status", Map.of("value", "won", "label", "Won"));
    input.putAdditionalProperty("budget_eur", 1250.5);
    input.putAdditionalProperty("contact_email", "anna@example.com");
    Item byObject = client.flex().createItem(SALES, input);
    Item byMachine = client.flex().createItem(SALES, deal("status", "lost"));
    Item cleared = client.flex().createItem(SALES, deal("budget_eur", null));

    assertEquals(Map.of("value", "won", "label", "Won"), byObject.getAdditionalProperty("status"));
    assertEquals(1250.5, byObject.getAdditionalProperty("budget_eur"));
    assertEquals(Map.of("value", "lost", "label", "Lost"), byMachine.getAdditionalProperty("status"));
    assertNull(cleared.getAdditionalProperty("budget_eur"));
    sandbox.assertNoViolations();
  }

  @Test
  void updatesAreCheckedToo() {
    UnprocessableEntityException e = assertThrows(UnprocessableEntityException.class,
        () -> client.flex().updateItem(SALES, DEAL, deal("status", "maybe")));
    assertEquals(422, e.statusCode());
    assertEquals(Optional.of("updateItem"), sandbox.violations().get(0).operationId());
    assertEquals(Map.of("value", "open", "label", "Open"), sandbox.items(SALES).get(0).getAdditionalProperty("status"),
        "unchanged");
  }

  @Test
  void fieldTypesTheVendorDoesNotDescribeAreNotChecked() {
    sandbox.addSpaces(List.of(new Space().id("sp-events").name("Events").fields(List.of(
        new SpaceField().machine("primary_field").type("text"),
        new SpaceField().machine("starts").type("date"),
        new SpaceField().machine("room").type("select").options(List.of(new FieldOption().machine("a").label("A").value("a")))))));

    ItemInput input = new ItemInput().primaryField("Launch");
    input.putAdditionalProperty("starts", List.of("any", "shape"));
    input.putAdditionalProperty("room", "a");
    assertEquals(List.of("any", "shape"), client.flex().createItem("sp-events", input).getAdditionalProperty("starts"));
    sandbox.assertNoViolations();
  }

  @Test
  void aTestCanRelaxOneFieldOrAWholeSpaceUntilTheNextReset() {
    sandbox.relaxCustomFieldChecks(SALES, "budget_eur");

    assertEquals("lots", client.flex().createItem(SALES, deal("budget_eur", "lots")).getAdditionalProperty("budget_eur"));
    assertThrows(UnprocessableEntityException.class, () -> client.flex().createItem(SALES, deal("status", "maybe")));
    sandbox.reset();
    assertThrows(UnprocessableEntityException.class, () -> client.flex().createItem(SALES, deal("budget_eur", "lots")));

    sandbox.reset();
    sandbox.relaxCustomFieldChecks(SALES, ServiceformSandbox.ANY_FIELD);
    ItemInput anything = deal("status", "maybe");
    anything.putAdditionalProperty("contact_emial", "typo kept");
    Item kept = client.flex().createItem(SALES, anything);
    assertEquals("maybe", kept.getAdditionalProperty("status"));
    assertEquals("typo kept", kept.getAdditionalProperty("contact_emial"));
    sandbox.assertNoViolations();
  }

  @Test
  void theViolationFailsAConsumersTestWithSpaceFieldAndProblem() {
    HttpResponse<String> response = Raw.send(sandbox, "POST", "/flex/spaces/" + SALES + "/items",
        "{\"primary_field\":\"Acme Oy\",\"status\":\"maybe\"}");
    assertEquals(422, response.statusCode());

    AssertionError failure = assertThrows(AssertionError.class, sandbox::assertNoViolations);
    assertEquals("1 exchange with the Serviceform sandbox violated the API spec:\n"
        + "  - REQUEST POST /flex/spaces/" + SALES + "/items (createItem): sandbox.customField.option: " + WHERE
        + ": field 'status': \"maybe\" is not one of its options [open, won, lost]", failure.getMessage());
  }
}
