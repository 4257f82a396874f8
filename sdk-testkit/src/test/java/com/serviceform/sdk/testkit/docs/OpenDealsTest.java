package com.serviceform.sdk.testkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.errors.RateLimitException;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.ChatQuery;
import com.serviceform.sdk.model.Item;
import com.serviceform.sdk.testkit.SandboxData;
import com.serviceform.sdk.testkit.SandboxFault;
import com.serviceform.sdk.testkit.ServiceformSandbox;
import com.serviceform.sdk.testkit.ServiceformSandboxTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@ServiceformSandboxTest
class OpenDealsTest {
  static final String SALES = "64f1c2a9e4b0a1d2c3e4f5a6"; // "Sales pipeline" in the default data

  @Test
  void listsTheOpenDealsOfTheDefaultData(ServiceformClient client) {
    assertEquals(List.of("Nordic Timber Oy"), new OpenDeals(client).names(SALES));
  }

  @Test
  void seesItemsTheTestAdds(ServiceformSandbox sandbox, ServiceformClient client) {
    sandbox.addItems(List.of(new Item().id("deal-1").spaceId(SALES).primaryField("Acme Oy")
        .putAdditionalProperty("status", Map.of("value", "open", "label", "Open"))));

    assertEquals(List.of("Nordic Timber Oy", "Acme Oy"), new OpenDeals(client).names(SALES));
    assertEquals(1, sandbox.requestCount("listItems"));
  }

  @Test
  void rateLimitingReachesTheCaller(ServiceformSandbox sandbox, ServiceformClient client) {
    // Every call, so that client-side retries cannot hide it.
    sandbox.faults().failFraction("listItems", 1.0, SandboxFault.tooManyRequests(Duration.ZERO));

    assertThrows(RateLimitException.class, () -> new OpenDeals(client).names(SALES));
  }

  @Test
  void windowsOverManyChats(ServiceformSandbox sandbox, ServiceformClient client) {
    sandbox.load(SandboxData.empty());
    List<Chat> chats = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      chats.add(new Chat().cid("c-" + i).changed(1725148800L + i / 10)); // ten chats per second
    }
    sandbox.addChats(chats);

    List<Chat> minute = client.chats().searchChats(new ChatQuery()
        .startTime(OffsetDateTime.parse("2024-09-01T00:00:00Z"))
        .endTime(OffsetDateTime.parse("2024-09-01T00:00:59Z")));

    assertEquals(600, minute.size()); // both ends inclusive: seconds 0..59
  }
}
