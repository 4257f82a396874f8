package com.serviceform.sdk.testkit.docs;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.model.Item;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Consumer code under test in docs/testing.md's example: the open deals of a sales space. */
public final class OpenDeals {
  private final ServiceformClient client;

  public OpenDeals(ServiceformClient client) {
    this.client = client;
  }

  /** The names of the space's items whose status select is "open". */
  public List<String> names(String spaceId) {
    return client.flex().listItems(spaceId).stream()
        .filter(item -> item.getAdditionalProperty("status") instanceof Map
            && "open".equals(((Map<?, ?>) item.getAdditionalProperty("status")).get("value")))
        .map(Item::getPrimaryField)
        .collect(Collectors.toList());
  }
}
