package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.Transport;
import com.serviceform.sdk.errors.NotFoundException;
import com.serviceform.sdk.fields.CustomFields;
import com.serviceform.sdk.model.ChatQuery;
import com.serviceform.sdk.model.Item;
import com.serviceform.sdk.model.ItemInput;
import com.serviceform.sdk.testkit.ServiceformSandbox;
import com.serviceform.sdk.testkit.ServiceformSandboxTest;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hc.core5.util.VersionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every operation, both built-in transports, on the resolved Jackson and HttpClient 5. */
@ServiceformSandboxTest
class LibraryVersionsTest {
  @Test
  void theExpectedVersionsWereResolved() {
    assertEquals(System.getProperty("expected.jackson"),
        com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
    assertEquals(System.getProperty("expected.jackson"),
        com.fasterxml.jackson.datatype.jsr310.PackageVersion.VERSION.toString());
    VersionInfo httpclient5 = VersionInfo.loadVersionInfo("org.apache.hc.client5",
        ServiceformClient.class.getClassLoader());
    assertNotNull(httpclient5, "no httpclient5 version info");
    assertEquals(System.getProperty("expected.httpclient5"), httpclient5.getRelease());
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void everyOperationWorks(Transport transport, ServiceformSandbox sandbox) {
    try (ServiceformClient client = ServiceformClient.builder().apiKey(sandbox.apiKey())
        .baseUrl(sandbox.baseUrl()).transport(transport).build()) {
      String spaceId = client.flex().listSpaces().get(0).getId();
      int before = client.flex().listItems(spaceId).size();

      ItemInput input = new ItemInput().primaryField("Acme");
      Item created = client.flex().createItem(spaceId, input);
      String itemId = created != null ? created.getId()
          : sandbox.items(spaceId).stream().filter(i -> "Acme".equals(i.getPrimaryField()))
              .findFirst().orElseThrow().getId();
      assertEquals("Acme", client.flex().getItem(spaceId, itemId).getPrimaryField());
      client.flex().updateItem(spaceId, itemId, new ItemInput().primaryField("Acme Oy"));
      Item updated = client.flex().getItem(spaceId, itemId);
      assertEquals("Acme Oy", updated.getPrimaryField());
      assertNotNull(CustomFields.of(updated));
      try (Stream<Item> items = client.streamItems(spaceId)) {
        assertEquals(before + 1, items.count());
      }
      client.flex().deleteItem(spaceId, itemId);
      assertThrows(NotFoundException.class, () -> client.flex().getItem(spaceId, itemId));

      assertEquals(sandbox.leads().size(), client.leads().listLeads().size());
      List<String> chats = client.chats().searchChats(new ChatQuery()).stream()
          .map(chat -> chat.getCid()).collect(Collectors.toList());
      assertEquals(sandbox.chats().size(), chats.size());
      assertNotNull(client.statistics().getChatStatistics());
      assertNull(sandbox.violations().isEmpty() ? null : sandbox.violations());
    }
  }

  @Test
  void typedErrorsCarryTheStatus(ServiceformClient client) {
    NotFoundException e = assertThrows(NotFoundException.class,
        () -> client.flex().listItems("no-such-space"));
    assertEquals(404, e.statusCode());
    assertTrue(e.getMessage().contains("404"), e.getMessage());
  }
}
