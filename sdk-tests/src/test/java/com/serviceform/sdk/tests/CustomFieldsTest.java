package com.serviceform.sdk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.fields.CustomFields;
import com.serviceform.sdk.fields.SelectValue;
import com.serviceform.sdk.model.Item;
import com.serviceform.sdk.model.ItemInput;
import com.serviceform.sdk.model.Space;
import com.serviceform.sdk.testkit.ServiceformSandbox;
import com.serviceform.sdk.testkit.ServiceformSandboxTest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Custom fields written on create and update, read back typed, against the sandbox. */
@ServiceformSandboxTest
class CustomFieldsTest {

  private static Space salesPipeline(ServiceformClient client) {
    return client.flex().listSpaces().stream().filter(s -> s.getFields().stream()
        .anyMatch(f -> "select".equals(f.getType()))).findFirst().orElseThrow();
  }

  @Test
  void roundTripThroughCreateReadListAndUpdate(ServiceformSandbox sandbox, ServiceformClient client) {
    Space space = salesPipeline(client);
    // Not a field of the space: the sandbox refuses it unless relaxed (docs/testing.md).
    sandbox.relaxCustomFieldChecks(space.getId(), "x_future_field");
    ItemInput input = new ItemInput().primaryField("Baltic Freight AS");
    CustomFields.on(input).put("budget_eur", 42_000).putSelect("status", "won")
        .put("contact_email", "erik@baltic.example")
        .put("x_future_field", Map.of("nested", List.of(1, 2, 3)));

    Item created = client.flex().createItem(space.getId(), input);
    CustomFields fields = CustomFields.of(client.flex().getItem(space.getId(), created.getId()));
    assertEquals(Optional.of(42_000L), fields.getLong("budget_eur"));
    assertEquals(Optional.of(new BigDecimal("42000")), fields.getNumber("budget_eur"));
    assertEquals(Optional.of("erik@baltic.example"), fields.getString("contact_email"));
    assertEquals(Optional.of(SelectValue.of("won", "Won")), fields.getSelect("status"), "read back with its label");
    assertEquals(Map.of("nested", List.of(1, 2, 3)), fields.get("x_future_field").orElseThrow(),
        "an unknown field passes through untouched");
    assertTrue(fields.names().containsAll(List.of("budget_eur", "status", "contact_email", "x_future_field")));

    Item listed = client.flex().listItems(space.getId()).stream()
        .filter(i -> i.getId().equals(created.getId())).findFirst().orElseThrow();
    assertEquals(fields.getSelect("status"), CustomFields.of(listed).getSelect("status"));

    ItemInput update = new ItemInput().primaryField("Baltic Freight AS");
    CustomFields.on(update).put("budget_eur", 18_500.5).putSelect("status", SelectValue.of("lost", "Lost"))
        .put("x_future_field", "now a string");
    client.flex().updateItem(space.getId(), created.getId(), update);
    CustomFields updated = CustomFields.of(client.flex().getItem(space.getId(), created.getId()));
    assertEquals(Optional.of(18_500.5), updated.getDouble("budget_eur"));
    assertEquals("lost", updated.getSelect("status").orElseThrow().value());
    assertEquals(Optional.of("now a string"), updated.getString("x_future_field"));
    sandbox.assertNoViolations();
  }

  @Test
  void wrongTypesAndAbsentFieldsAreClear(ServiceformClient client) {
    Space space = salesPipeline(client);
    ItemInput input = new ItemInput().primaryField("Typed Oy");
    CustomFields.on(input).put("budget_eur", 12.5).put("contact_email", "a@b.example");
    Item item = client.flex().createItem(space.getId(), input);
    CustomFields fields = CustomFields.of(client.flex().getItem(space.getId(), item.getId()));

    IllegalStateException notString = assertThrows(IllegalStateException.class, () -> fields.getString("budget_eur"));
    assertEquals("custom field 'budget_eur' is a number, not a string", notString.getMessage());
    IllegalStateException fraction = assertThrows(IllegalStateException.class, () -> fields.getLong("budget_eur"));
    assertTrue(fraction.getMessage().contains("not a whole number"), fraction.getMessage());
    assertThrows(IllegalStateException.class, () -> fields.getSelect("budget_eur"));
    assertEquals(Optional.empty(), fields.getString("no_such_field"));
    assertFalse(fields.has("no_such_field"));
    assertThrows(IllegalArgumentException.class, () -> CustomFields.on(input).put("primary_field", "x"));
  }
}
