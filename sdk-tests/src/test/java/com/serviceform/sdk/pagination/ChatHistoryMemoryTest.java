package com.serviceform.sdk.pagination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.ChatQuery;
import com.serviceform.sdk.testkit.SandboxData;
import com.serviceform.sdk.testkit.ServiceformSandbox;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the pager remembers to return each cid once does not grow with the export. */
class ChatHistoryMemoryTest {
  @Test
  void rememberedCidsStayWithinTwoWindows() {
    long t0 = Instant.parse("2024-08-01T00:00:00Z").getEpochSecond();
    Random random = new Random(5);
    List<Chat> chats = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      chats.add(new Chat().cid("c" + i).changed(t0 + random.nextInt(30 * 86_400)).uid("u").livechat(1));
    }
    try (ServiceformSandbox sandbox = ServiceformSandbox.builder().seed(SandboxData.empty()).start();
        ServiceformClient client = sandbox.newClient()) {
      sandbox.addChats(chats);
      ChatHistoryCursor cursor = client.chatHistory(new ChatQuery())
          .from(Instant.ofEpochSecond(t0).atOffset(ZoneOffset.UTC))
          .to(Instant.ofEpochSecond(t0 + 30 * 86_400).atOffset(ZoneOffset.UTC)).pageSize(200).iterator();
      Set<String> seen = new HashSet<>();
      int most = 0;
      while (cursor.hasNext()) {
        seen.add(cursor.next().getCid());
        most = Math.max(most, cursor.rememberedCids());
      }
      assertEquals(20_000, seen.size());
      assertTrue(most <= 2 * 200, "remembered at most " + most + " cids for 20,000 chats");
    }
  }
}
