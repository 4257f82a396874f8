package com.serviceform.sdk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.errors.ChatWindowOverflowException;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.ChatMessage;
import com.serviceform.sdk.model.ChatQuery;
import com.serviceform.sdk.pagination.ChatHistory;
import com.serviceform.sdk.pagination.ChatHistoryCursor;
import com.serviceform.sdk.pagination.ChatWindow;
import com.serviceform.sdk.pagination.OverflowPolicy;
import com.serviceform.sdk.testkit.SandboxData;
import com.serviceform.sdk.testkit.SandboxFault;
import com.serviceform.sdk.testkit.ServiceformSandbox;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pager against the sandbox with thousands of chats, many in the same second: the exact set of
 * cids, each once, at several split depths, with filters, early close, faults and overflow.
 */
class ChatHistoryTest {
  static final long T0 = Instant.parse("2024-08-01T00:00:00Z").getEpochSecond();
  static final OffsetDateTime START = at(T0);
  static final OffsetDateTime END = at(T0 + 86_400);

  static ServiceformSandbox sandbox;
  ServiceformClient client;

  @BeforeAll
  static void startSandbox() {
    sandbox = ServiceformSandbox.builder().seed(SandboxData.empty()).start();
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @BeforeEach
  void setUp() {
    sandbox.reset();
    client = sandbox.newClient();
  }

  @AfterEach
  void tearDown() {
    client.close();
    sandbox.assertNoViolations();
  }

  static OffsetDateTime at(long epochSecond) {
    return Instant.ofEpochSecond(epochSecond).atOffset(ZoneOffset.UTC);
  }

  private static Chat chat(String cid, long changed, String uid, boolean bot) {
    return new Chat().cid(cid).changed(changed).uid(uid).livechat(bot ? 0 : 1)
        .lastSender(bot ? "bot" : "agent").lastMessage("message of " + cid)
        .history(List.of(new ChatMessage().id(cid + "-m1").message("Hello").type(bot ? "bot" : "text")
            .timestamp(changed)));
  }

  /**
   * 5,000 chats over a day: spread at random, plus dense seconds (60, 150 and 190 chats in one
   * second) and a cluster of 400 chats over five seconds, so windows fill at several depths.
   */
  private static List<Chat> realisticDay() {
    Random random = new Random(42);
    List<Chat> chats = new ArrayList<>();
    int n = 0;
    for (; n < 4_000; n++) {
      chats.add(chat("c" + n, T0 + random.nextInt(86_400), "user-" + (n % 50), n % 3 == 0));
    }
    long[] denseSeconds = {T0 + 3_600, T0 + 43_200, T0 + 86_399};
    int[] denseCounts = {60, 150, 190};
    for (int d = 0; d < denseSeconds.length; d++) {
      for (int i = 0; i < denseCounts[d]; i++, n++) {
        chats.add(chat("c" + n, denseSeconds[d], "user-" + (n % 50), false));
      }
    }
    for (int i = 0; i < 400; i++, n++) {
      chats.add(chat("c" + n, T0 + 50_000 + (i % 5), "user-" + (n % 50), false));
    }
    chats.add(chat("boundary-start", T0, "user-1", false));
    chats.add(chat("boundary-end", T0 + 86_400, "user-1", false));
    chats.add(chat("outside", T0 + 86_401, "user-1", false));
    chats.add(chat("before", T0 - 1, "user-1", false));
    return chats;
  }

  /** The sandbox's own answer: changed within [start, end], both inclusive. */
  private static Set<String> expected(OffsetDateTime start, OffsetDateTime end, java.util.function.Predicate<Chat> filter) {
    return sandbox.chats().stream()
        .filter(c -> c.getChanged() >= start.toEpochSecond() && c.getChanged() <= end.toEpochSecond())
        .filter(filter).map(Chat::getCid).collect(Collectors.toSet());
  }

  private static List<String> cids(Stream<Chat> chats) {
    try (chats) {
      return chats.map(Chat::getCid).collect(Collectors.toList());
    }
  }

  @Test
  void coversADayOfChatsExactlyOnceAtSeveralDepths() {
    sandbox.addChats(realisticDay());
    ChatHistoryCursor cursor = client.chatHistory(new ChatQuery()).from(START).to(END).pageSize(100).iterator();
    List<String> seen = new ArrayList<>();
    cursor.forEachRemaining(c -> seen.add(c.getCid()));

    Set<String> expected = expected(START, END, c -> true);
    assertEquals(4_802, expected.size(), "4,000 spread, 400 in three dense seconds, 400 in five, 2 on the bounds");
    assertEquals(expected.size(), seen.size(), "no duplicates");
    assertEquals(expected, new HashSet<>(seen));
    assertTrue(seen.contains("boundary-start") && seen.contains("boundary-end"));
    assertFalse(seen.contains("outside") || seen.contains("before"));
    assertEquals(sandbox.requestCount("searchChats"), cursor.requestCount());
    System.out.println("pager: " + seen.size() + " chats, pageSize 100, " + cursor.requestCount() + " requests");
    // Bisection needed 229 here; adaptive windows find the dense seconds from the chats' times.
    assertTrue(cursor.requestCount() > 49 && cursor.requestCount() < 150, "requests: " + cursor.requestCount());
  }

  @Test
  void passesTheOtherFiltersThrough() {
    sandbox.addChats(realisticDay());
    List<Chat> chats;
    try (Stream<Chat> stream = client.chatHistory(new ChatQuery().uid("user-3").chatbot(true).showMessages(true))
        .from(START).to(END).pageSize(20).stream()) {
      chats = stream.collect(Collectors.toList());
    }
    assertEquals(expected(START, END, c -> c.getUid().equals("user-3") && c.getLastSender().equals("bot")),
        chats.stream().map(Chat::getCid).collect(Collectors.toSet()));
    assertEquals(chats.size(), chats.stream().map(Chat::getCid).distinct().count());
    assertTrue(chats.stream().allMatch(c -> c.getHistory() != null && !c.getHistory().isEmpty()), "messages shown");

    List<Chat> bare = client.chatHistory(new ChatQuery().uid("user-3")).from(START).to(END).pageSize(20)
        .stream().collect(Collectors.toList());
    assertTrue(bare.stream().allMatch(c -> c.getHistory() == null || c.getHistory().isEmpty()), "no messages");
    assertEquals(expected(START, END, c -> c.getUid().equals("user-3")),
        bare.stream().map(Chat::getCid).collect(Collectors.toSet()));
  }

  @Test
  void anEmptyRangeCostsOneRequest() {
    sandbox.addChats(realisticDay());
    ChatHistoryCursor cursor = client.chatHistory(new ChatQuery())
        .from(at(T0 - 7_200)).to(at(T0 - 3_600)).iterator();
    assertFalse(cursor.hasNext());
    assertEquals(1, cursor.requestCount());
  }

  @Test
  void aRangeWithExactlyLimitChatsLosesNothing() {
    List<Chat> spread = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      spread.add(chat("s" + i, T0 + i * 20L, "u", false));
    }
    sandbox.addChats(spread);
    ChatHistoryCursor cursor = client.chatHistory(new ChatQuery()).from(START).to(at(T0 + 1_000)).pageSize(50)
        .iterator();
    List<String> seen = new ArrayList<>();
    cursor.forEachRemaining(c -> seen.add(c.getCid()));
    assertEquals(expected(START, at(T0 + 1_000), c -> true), new HashSet<>(seen));
    assertEquals(50, seen.size());
    assertEquals(3, cursor.requestCount(), "the full window, then its two halves");
  }

  @Test
  void exactlyLimitChatsInOneSecondCostOneMoreRequest() {
    List<Chat> sameSecond = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      sameSecond.add(chat("same" + i, T0 + 5, "u", false));
    }
    sandbox.addChats(sameSecond);
    ChatHistoryCursor cursor = client.chatHistory(new ChatQuery()).from(at(T0 + 5)).to(at(T0 + 6)).pageSize(50)
        .iterator();
    List<String> seen = new ArrayList<>();
    cursor.forEachRemaining(c -> seen.add(c.getCid()));
    assertEquals(50, new HashSet<>(seen).size());
    assertEquals(50, seen.size());
    assertEquals(2, cursor.requestCount(), "the one-second window again with twice the limit");
  }

  @Test
  void aSecondFullerThanTheLargestPageFailsRatherThanLosingChats() {
    List<Chat> crowd = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      crowd.add(chat("crowd" + i, T0 + 100, "u", false));
    }
    sandbox.addChats(crowd);
    ChatHistory history = client.chatHistory(new ChatQuery()).from(START).to(at(T0 + 1_000)).pageSize(25)
        .maxPageSize(100);
    ChatWindowOverflowException e = assertThrows(ChatWindowOverflowException.class,
        () -> history.stream().count());
    assertEquals(100, e.limit());
    assertTrue(e.windowEnd().toEpochSecond() - e.windowStart().toEpochSecond() <= 1);
    assertTrue(e.windowStart().toEpochSecond() <= T0 + 100 && e.windowEnd().toEpochSecond() >= T0 + 100);

    ChatHistoryCursor reporting = history.onOverflow(OverflowPolicy.REPORT).iterator();
    List<String> seen = new ArrayList<>();
    reporting.forEachRemaining(c -> seen.add(c.getCid()));
    assertEquals(100, seen.size(), "what the full window returned");
    List<ChatWindow> overflowed = reporting.overflowedWindows();
    // Both one-second windows touching the crowded second are full (the sandbox includes both ends).
    assertFalse(overflowed.isEmpty());
    for (ChatWindow window : overflowed) {
      assertEquals(100, window.limit());
      assertTrue(window.start().toEpochSecond() <= T0 + 100 && window.end().toEpochSecond() >= T0 + 100, window.toString());
    }

    assertEquals(120, client.chatHistory(new ChatQuery()).from(START).to(at(T0 + 1_000)).pageSize(25)
        .maxPageSize(200).stream().count(), "a larger maxPageSize gets them all");
  }

  @Test
  void fetchesLazilyAndStopsWhenClosedEarly() {
    sandbox.addChats(realisticDay());
    Stream<Chat> stream = client.chatHistory(new ChatQuery()).from(START).to(END).pageSize(100).stream();
    assertEquals(0, sandbox.requestCount("searchChats"), "nothing before the first element");
    List<String> first = stream.limit(10).map(Chat::getCid).collect(Collectors.toList());
    int afterTen = sandbox.requestCount("searchChats");
    stream.close();
    assertEquals(10, first.size());
    assertTrue(afterTen < 20, "only the windows up to the first page: " + afterTen);
    assertEquals(afterTen, sandbox.requestCount("searchChats"), "closing fetches nothing more");

    ChatHistoryCursor cursor = client.chatHistory(new ChatQuery()).from(START).to(END).pageSize(100).iterator();
    cursor.next();
    int before = sandbox.requestCount("searchChats");
    cursor.close();
    assertFalse(cursor.hasNext());
    assertEquals(before, sandbox.requestCount("searchChats"));
  }

  @Test
  void retriesAWindowThatFailsAndStillCoversTheRange() {
    sandbox.addChats(realisticDay());
    sandbox.faults().failNext("searchChats", 2, SandboxFault.serviceUnavailable());
    try (ServiceformClient patient = sandbox.newClient().toBuilder().sleeper(d -> { }).build()) {
      List<String> seen = cids(patient.chatHistory(new ChatQuery()).from(START).to(END).pageSize(200).stream());
      assertEquals(expected(START, END, c -> true), new HashSet<>(seen));
      assertEquals(seen.size(), new HashSet<>(seen).size());
    }
  }

  @Test
  void needsARange() {
    assertThrows(IllegalArgumentException.class, () -> client.chatHistory(new ChatQuery()).stream());
    assertThrows(IllegalArgumentException.class, () -> client.chatHistory(new ChatQuery()).from(END).to(START).stream());
    assertThrows(IllegalArgumentException.class, () -> client.chatHistory(new ChatQuery()).pageSize(0));
    ChatHistory fromQuery = client.chatHistory(new ChatQuery().startTime(START).endTime(END).limit(5));
    assertEquals(0, fromQuery.stream().count(), "the query's own range is used");
  }
}
