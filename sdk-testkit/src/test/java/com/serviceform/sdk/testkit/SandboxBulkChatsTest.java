package com.serviceform.sdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.ChatMessage;
import com.serviceform.sdk.model.ChatQuery;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ten thousand chats, five per second: exact windows, limits, and that answers stay fast. */
class SandboxBulkChatsTest {
  static final long T0 = 1725148800L; // 2024-09-01T00:00:00Z
  static final int COUNT = 10_000;
  static ServiceformSandbox sandbox;
  static ServiceformClient client;
  static long loadMillis;

  static Chat chat(int i) {
    return new Chat().cid(String.format("bulk-%05d", i)).changed(T0 + i / 5).uid("u" + (i % 7)).livechat(0)
        .lastMessage("message " + i)
        .history(List.of(new ChatMessage().id("m" + i).message("hello").type(i % 3 == 0 ? "bot" : "text").timestamp(T0)));
  }

  static OffsetDateTime at(long epochSecond) {
    return OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
  }

  /** The cids the sandbox must answer for [from, to] seconds, computed independently. */
  static Set<String> expected(long from, long to) {
    Set<String> cids = new java.util.TreeSet<>();
    for (int i = 0; i < COUNT; i++) {
      long changed = T0 + i / 5;
      if (changed >= from && changed <= to) {
        cids.add(String.format("bulk-%05d", i));
      }
    }
    return cids;
  }

  @BeforeAll
  static void load() {
    sandbox = ServiceformSandbox.builder().seed(SandboxData.empty()).start();
    client = sandbox.newClient();
    List<Chat> chats = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      chats.add(chat(i));
    }
    long start = System.nanoTime();
    sandbox.addChats(chats);
    loadMillis = (System.nanoTime() - start) / 1_000_000;
  }

  @AfterAll
  static void stop() {
    client.close();
    sandbox.close();
  }

  @Test
  void windowsAnswerExactlyTheChatsChangedInThemBothEndsIncluded() {
    long[][] windows = {{T0, T0}, {T0 + 1, T0 + 3}, {T0 + 999, T0 + 1000}, {T0 + 1999, T0 + 5000}, {T0 - 10, T0 - 1}};
    for (long[] w : windows) {
      List<Chat> got = client.chats().searchChats(new ChatQuery().startTime(at(w[0])).endTime(at(w[1])));
      Set<String> cids = got.stream().map(Chat::getCid).collect(Collectors.toSet());
      assertEquals(got.size(), cids.size(), "no duplicates");
      assertEquals(expected(w[0], w[1]), cids, w[0] + ".." + w[1]);
    }
  }

  @Test
  void limitCutsAfterFilteringInHashOrder() {
    List<Chat> window = client.chats().searchChats(new ChatQuery().startTime(at(T0 + 100)).endTime(at(T0 + 199)));
    assertEquals(500, window.size());
    List<Chat> cut = client.chats().searchChats(new ChatQuery().startTime(at(T0 + 100)).endTime(at(T0 + 199)).limit(50));
    assertEquals(window.subList(0, 50), cut);
    // Not the earliest 50: a client cannot page by "last changed seen" and expect the rest in order.
    assertNotEquals(expected(T0 + 100, T0 + 109), cut.stream().map(Chat::getCid).collect(Collectors.toSet()));
    List<Long> changed = cut.stream().map(Chat::getChanged).collect(Collectors.toList());
    assertNotEquals(changed.stream().sorted().collect(Collectors.toList()), changed);
  }

  @Test
  void otherFiltersCombineWithTheWindow() {
    List<Chat> got = client.chats().searchChats(new ChatQuery().startTime(at(T0)).endTime(at(T0 + 99)).uid("u3").chatbot(true));
    Set<String> expected = new java.util.TreeSet<>();
    for (int i = 0; i < 500; i++) {
      if (i % 7 == 3 && i % 3 == 0) {
        expected.add(String.format("bulk-%05d", i));
      }
    }
    assertEquals(expected, got.stream().map(Chat::getCid).collect(Collectors.toCollection(java.util.TreeSet::new)));
  }

  @Test
  void bigAnswersTakeMilliseconds() {
    assertTrue(loadMillis < 10_000, "adding 10,000 chats took " + loadMillis + " ms");
    ChatQuery half = new ChatQuery().startTime(at(T0)).endTime(at(T0 + 999)).showMessages(true);
    client.chats().searchChats(half); // warm up
    int before = sandbox.requestCount("searchChats");
    long best = Long.MAX_VALUE;
    String body = null;
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      body = Raw.send(sandbox, "POST", "/chats",
          "{\"startTime\":\"2024-09-01T00:00:00Z\",\"endTime\":\"2024-09-01T00:16:39Z\",\"showMessages\":true}").body();
      best = Math.min(best, (System.nanoTime() - start) / 1_000_000);
    }
    assertEquals(5000, body.split("\"cid\"", -1).length - 1);
    System.out.printf("sandbox: 10,000 chats added in %d ms; 5,000-chat answer in %d ms (best of 5)%n", loadMillis, best);
    // Generous: a per-request schema check of the whole answer alone took over a second.
    assertTrue(best < 500, "a 5,000-chat answer took " + best + " ms");
    assertEquals(before + 5, sandbox.requestCount("searchChats"));
  }

  @Test
  void chatsReportsTheStoreAsCopies() {
    List<Chat> chats = sandbox.chats();
    assertEquals(COUNT, chats.size());
    chats.get(0).setCid("changed by the test");
    assertNotEquals("changed by the test", sandbox.chats().get(0).getCid());
    assertEquals(1, sandbox.chats().get(0).getHistory().size(), "with messages");
  }

  @Test
  void addingAChatWithAHeldCidReplacesIt() {
    sandbox.addChats(List.of(chat(0).changed(T0 + 5000)));
    try {
      assertEquals(COUNT, sandbox.chats().size());
      assertTrue(client.chats().searchChats(new ChatQuery().startTime(at(T0)).endTime(at(T0))).stream()
          .noneMatch(c -> c.getCid().equals("bulk-00000")));
    } finally {
      sandbox.addChats(List.of(chat(0)));
    }
  }
}
