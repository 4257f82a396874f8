package com.serviceform.sdk.examples;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.fields.CustomFields;
import com.serviceform.sdk.fields.SelectValue;
import com.serviceform.sdk.model.Item;
import com.serviceform.sdk.model.ItemInput;
import com.serviceform.sdk.model.Space;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A small piece of "consumer" code, the kind a team writes on top of the SDK: it counts the items
 * of a space by the status select field and moves an item to another status. Its test
 * ({@code PipelineReportContractTest}) shows how a consumer checks its own SDK usage against the
 * spec in CI, through the testkit.
 */
public final class PipelineReport {
  private final ServiceformClient client;

  public PipelineReport(ServiceformClient client) {
    this.client = Objects.requireNonNull(client, "client == null");
  }

  /** Items per status label (or value), for the space named {@code spaceName}. */
  public Map<String, Integer> countByStatus(String spaceName) {
    Space space = space(spaceName);
    Map<String, Integer> counts = new TreeMap<>();
    for (Item item : client.flex().listItems(space.getId())) {
      String status = CustomFields.of(item).getSelect("status")
          .map(s -> s.label() != null ? s.label() : s.value()).orElse("(none)");
      counts.merge(status, 1, Integer::sum);
    }
    return counts;
  }

  /** Sets an item's status, keeping its other fields. */
  public Item moveTo(String spaceName, String itemId, String statusValue) {
    Space space = space(spaceName);
    Item item = client.flex().getItem(space.getId(), itemId);
    ItemInput input = new ItemInput().primaryField(item.getPrimaryField());
    CustomFields current = CustomFields.of(item);
    for (String machine : current.names()) {
      Object value = current.get(machine).orElse(null);
      if (value instanceof Map) {
        // A select read back as {value, label} is written as its value.
        current.getSelect(machine).map(SelectValue::value).ifPresent(v -> CustomFields.on(input).put(machine, v));
      } else if (value != null) {
        CustomFields.on(input).put(machine, value);
      }
    }
    CustomFields.on(input).putSelect("status", statusValue);
    return client.flex().updateItem(space.getId(), itemId, input);
  }

  private Space space(String name) {
    return client.flex().listSpaces().stream().filter(s -> name.equals(s.getName())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no space named " + name));
  }
}
