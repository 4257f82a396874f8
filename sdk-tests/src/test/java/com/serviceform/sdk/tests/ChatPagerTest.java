package com.serviceform.sdk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.Transport;
import com.serviceform.sdk.errors.ChatRequestBudgetException;
import com.serviceform.sdk.errors.ChatWindowOverflowException;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.ChatQuery;
import com.serviceform.sdk.pagination.ChatHistory;
import com.serviceform.sdk.pagination.ChatHistoryCursor;
import com.serviceform.sdk.pagination.OverflowPolicy;
import com.serviceform.sdk.tests.ChatWindowServer.Entry;
import com.serviceform.sdk.tests.ChatWindowServer.Order;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.Spliterator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The pager against a chat server of the test's own that misbehaves as real ones do: a silent cap
 * below the requested limit, a limit it ignores, results in any order, a filter on message times,
 * a server that answers every window full. Every case checks the exact set of chats, each once.
 */
@Timeout(60)
class ChatPagerTest {
  static final long T0 = Instant.parse("2024-08-01T00:00:00Z").getEpochSecond();
  static final OffsetDateTime START = at(T0);
  static final OffsetDateTime END = at(T0 + 86_400);

  static OffsetDateTime at(long epochSecond) {
    return Instant.ofEpochSecond(epochSecond).atOffset(ZoneOffset.UTC);
  }

  /** 2,000 chats over a day at random seconds, 25 more in one second, two on the range's ends. */
  static List<Entry> day(long seed) {
    Random random = new Random(seed);
    List<Entry> chats = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      chats.add(new Entry("c" + i, T0 + random.nextInt(86_400)));
    }
    for (int i = 0; i < 25; i++) {
      chats.add(new Entry("dense" + i, T0 + 40_000));
    }
    chats.add(new Entry("first", T0));
    chats.add(new Entry("last", T0 + 86_400));
    return chats;
  }

  static Set<String> cids(List<Entry> chats) {
    return chats.stream().map(e -> e.cid).collect(Collectors.toSet());
  }

  static List<String> export(ChatHistoryCursor cursor) {
    List<String> seen = new ArrayList<>();
    try (cursor) {
      cursor.forEachRemaining(chat -> seen.add(chat.getCid()));
    }
    return seen;
  }

  @ParameterizedTest(name = "cap {0}, {1}")
  @CsvSource({"30, SCRAMBLED", "50, SCRAMBLED", "99, SCRAMBLED", "50, ASCENDING", "50, DESCENDING",
      "100, SCRAMBLED", "100, ASCENDING"})
  void aServerThatCapsPagesSilentlyLosesNoChat(int cap, Order order) throws Exception {
    List<Entry> data = day(cap);
    try (ChatWindowServer server = new ChatWindowServer(data).cap(cap).order(order);
        ServiceformClient client = server.client()) {
      ChatHistoryCursor cursor = client.chatHistory(new ChatQuery()).from(START).to(END).pageSize(100).iterator();
      List<String> seen = export(cursor);
      assertEquals(cids(data), new HashSet<>(seen), "every chat");
      assertEquals(seen.size(), new HashSet<>(seen).size(), "each once");
      if (cap < 100) {
        assertEquals(cap, cursor.serverPageCap().getAsInt(), "the cap is learned");
      } else {
        assertFalse(cursor.serverPageCap().isPresent(), "a cap at the page is a full page: nothing to learn");
      }
      assertEquals(server.searches(), cursor.requestCount());
    }
  }

  @Test
  void aKnownCapSkipsTheCheckAndIsNeverAskedBeyond() throws Exception {
    List<Entry> data = day(7);
    try (ChatWindowServer server = new ChatWindowServer(data).cap(50);
        ServiceformClient client = server.client()) {
      ChatHistoryCursor cursor = client.chatHistory(new ChatQuery()).from(START).to(END).pageSize(100)
          .serverPageCap(50).iterator();
      List<String> seen = export(cursor);
      assertEquals(cids(data), new HashSet<>(seen));
      assertEquals(seen.size(), new HashSet<>(seen).size());
      for (RawHttpServer.Recorded request : server.requests()) {
        assertTrue(request.bodyText().contains("\"limit\":50"), request.bodyText());
      }
    }
    // A second more crowded than the cap cannot be asked for more: it is an overflow, not a loss.
    List<Entry> crowd = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      crowd.add(new Entry("crowd" + i, T0 + 100));
    }
    try (ChatWindowServer server = new ChatWindowServer(crowd).cap(50);
        ServiceformClient client = server.client()) {
      ChatWindowOverflowException e = assertThrows(ChatWindowOverflowException.class, () -> client
          .chatHistory(new ChatQuery()).from(START).to(END).pageSize(100).serverPageCap(50).stream().count());
      assertEquals(50, e.limit());
    }
  }

  @Test
  void aRangeSmallerThanAPageCostsThreeRequestsForTheCapCheck() throws Exception {
    List<Entry> few = List.of(new Entry("a", T0 + 10), new Entry("b", T0 + 50_000), new Entry("c", T0 + 80_000));
    try (ChatWindowServer server = new ChatWindowServer(few); ServiceformClient client = server.client()) {
      ChatHistoryCursor cursor = client.chatHistory(new ChatQuery()).from(START).to(END).iterator();
      assertEquals(Set.of("a", "b", "c"), new HashSet<>(export(cursor)));
      assertEquals(3, cursor.requestCount(), "the range, then its halves");
      assertFalse(cursor.serverPageCap().isPresent());

      ChatHistoryCursor told = client.chatHistory(new ChatQuery()).from(START).to(END).serverPageCap(1000).iterator();
      assertEquals(3, export(told).size());
      assertEquals(1, told.requestCount(), "a known cap needs no check");
    }
  }

  @Test
  void aServerThatIgnoresTheLimitIsReadNoFurtherThanTheLimit() throws Exception {
    List<Entry> data = day(3);
    try (ChatWindowServer server = new ChatWindowServer(data).ignoreLimit();
        ServiceformClient client = server.client()) {
      // The first answer is all 2,032 chats; the pager reads 100, counts the window full, narrows.
      ChatHistoryCursor cursor = client.chatHistory(new ChatQuery()).from(START).to(END).pageSize(100).iterator();
      List<String> seen = export(cursor);
      assertEquals(cids(data), new HashSet<>(seen));
      assertEquals(seen.size(), new HashSet<>(seen).size());
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void anEndlessAnswerIsCutAtTheLimit(Transport transport) throws Exception {
    // 10 million chats (about 11 GB) in every answer, whatever the query: decoded whole, this would
    // never end. Each window is read to its limit and dropped; the one-second windows overflow.
    try (ChatFirehose firehose = new ChatFirehose(10_000_000);
        ServiceformClient client = ServiceformClient.builder().apiKey("k").baseUrl(firehose.baseUrl())
            .transport(transport).build()) {
      ChatHistory history = client.chatHistory(new ChatQuery()).from(START).to(END).pageSize(100);
      ChatWindowOverflowException e = assertThrows(ChatWindowOverflowException.class, () -> history.stream().count());
      assertEquals(800, e.limit(), "maxPageSize stays at its default, 4 x 200");
      try (Stream<Chat> chats = client.streamChats(new ChatQuery().limit(100))) {
        assertEquals(100, chats.count(), "streamChats ends at the query's limit");
      }
      assertTrue(firehose.bytesWritten() < 200L * 1024 * 1024, "read " + firehose.bytesWritten() + " bytes");
    }
  }

  @Test
  void aChatThatComesBackInALaterWindowIsReturnedOnceWithBoundedMemory() throws Exception {
    // The server matches a chat in every window one of its messages falls in: a chat with messages
    // in the morning and the evening comes back in windows far apart (A, then B without it, then A).
    Random random = new Random(11);
    List<Entry> data = new ArrayList<>();
    for (int i = 0; i < 1_500; i++) {
      long t = T0 + random.nextInt(86_000);
      data.add(new Entry("c" + i, t, t, t + random.nextInt(60)));
    }
    for (int i = 0; i < 20; i++) {
      long morning = T0 + 3_600 + i;
      data.add(new Entry("spans" + i, morning + 50_000, morning, morning + 50_000));
    }
    try (ChatWindowServer server = new ChatWindowServer(data).filterOnMessages();
        ServiceformClient client = server.client()) {
      List<String> seen = export(client.chatHistory(new ChatQuery()).from(START).to(END).pageSize(100).iterator());
      assertEquals(cids(data), new HashSet<>(seen));
      assertEquals(seen.size(), new HashSet<>(seen).size(), "each cid once across the export");
    }
  }

  @Test
  void theRequestBudgetEndsAnExportThatNeverFinishes() throws Exception {
    // A server that answers every window full with the same chats, whatever its range.
    List<Entry> same = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      same.add(new Entry("same" + i, T0 + 1));
    }
    try (ChatWindowServer server = new ChatWindowServer(same).override(window -> null);
        ServiceformClient client = server.client()) {
      server.override(window -> {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < window[2]; i++) {
          body.append(i > 0 ? "," : "").append(same.get(i % same.size()).json().replace("\"same" + (i % same.size()),
              "\"w" + window[0] + "-" + i));
        }
        return RawHttpServer.Reply.json(200, body.append(']').toString());
      });
      ChatHistory history = client.chatHistory(new ChatQuery()).from(START).to(END).pageSize(25);
      ChatRequestBudgetException failed = assertThrows(ChatRequestBudgetException.class,
          () -> history.maxRequests(5).stream().count());
      assertEquals(5, failed.maxRequests());
      assertEquals(5, server.searches());

      // Under REPORT each overflowing second is reported and the export goes on: the budget ends it.
      ChatHistoryCursor reporting = history.maxRequests(60).onOverflow(OverflowPolicy.REPORT).iterator();
      int chats = export(reporting).size();
      assertTrue(reporting.requestBudgetReached());
      assertEquals(60, reporting.requestCount());
      assertEquals(65, server.searches());
      assertTrue(chats > 0 && !reporting.overflowedWindows().isEmpty(), "it reported what it got: " + chats);
    }
  }

  @Test
  void theStreamIsNotDeclaredDistinct() throws Exception {
    try (ChatWindowServer server = new ChatWindowServer(day(1)); ServiceformClient client = server.client()) {
      try (Stream<Chat> chats = client.chatHistory(new ChatQuery()).from(START).to(END).stream()) {
        assertFalse(chats.spliterator().hasCharacteristics(Spliterator.DISTINCT));
      }
    }
  }

  @Test
  void theCursorSaysHowFarItGot() throws Exception {
    try (ChatWindowServer server = new ChatWindowServer(day(5)); ServiceformClient client = server.client()) {
      ChatHistoryCursor cursor = client.chatHistory(new ChatQuery()).from(START).to(END).pageSize(100).iterator();
      assertFalse(cursor.completedThrough().isPresent());
      OffsetDateTime last = START;
      while (cursor.hasNext()) {
        Chat chat = cursor.next();
        assertTrue(chat.getChanged() >= last.toEpochSecond(), "nothing before what is complete");
        if (cursor.completedThrough().isPresent()) {
          assertFalse(cursor.completedThrough().get().isBefore(last), "it only moves forward");
          last = cursor.completedThrough().get();
        }
      }
      assertEquals(END, cursor.completedThrough().get());
      assertTrue(cursor.completedWindows() >= 20, "windows: " + cursor.completedWindows());
    }
  }
}
