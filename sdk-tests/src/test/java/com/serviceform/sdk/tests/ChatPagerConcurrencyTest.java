package com.serviceform.sdk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.Transport;
import com.serviceform.sdk.errors.BadRequestException;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.ChatQuery;
import com.serviceform.sdk.pagination.ChatHistoryCursor;
import com.serviceform.sdk.tests.ChatWindowServer.Entry;
import com.serviceform.sdk.tests.ChatWindowServer.Order;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code concurrency(k)}: windows fetched at once, chats still in window order, cancellation, failure. */
@Timeout(60)
class ChatPagerConcurrencyTest {
  static final long T0 = Instant.parse("2024-08-01T00:00:00Z").getEpochSecond();
  static final OffsetDateTime START = at(T0);
  static final OffsetDateTime END = at(T0 + 86_400);

  static OffsetDateTime at(long second) {
    return Instant.ofEpochSecond(second).atOffset(ZoneOffset.UTC);
  }

  static List<Entry> day(long seed, int n) {
    Random random = new Random(seed);
    List<Entry> chats = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      chats.add(new Entry("c" + i, T0 + random.nextInt(86_400)));
    }
    return chats;
  }

  static Set<String> exportThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(name -> name.startsWith("serviceform-chat-history-")).collect(Collectors.toSet());
  }

  @Test
  void chatsComeInWindowOrderWithAtMostKWindowsInFlight() throws Exception {
    List<Entry> data = day(1, 6_000);
    // Ascending answers: if windows are returned in order, the whole export is in time order. Each
    // answer waits 10 ms, as across a network, so windows sent together are seen together.
    try (ChatWindowServer server = new ChatWindowServer(data).order(Order.ASCENDING).delay(10);
        ServiceformClient client = server.client()) {
      ChatHistoryCursor cursor = client.chatHistory(new ChatQuery()).from(START).to(END).pageSize(100)
          .concurrency(4).iterator();
      List<Chat> chats = new ArrayList<>();
      cursor.forEachRemaining(chats::add);
      assertEquals(data.size(), chats.size(), "each once");
      assertEquals(data.stream().map(e -> e.cid).collect(Collectors.toSet()),
          chats.stream().map(Chat::getCid).collect(Collectors.toSet()));
      for (int i = 1; i < chats.size(); i++) {
        assertTrue(chats.get(i).getChanged() >= chats.get(i - 1).getChanged(), "in order at " + i);
      }
      assertTrue(server.maxInFlight() <= 4, "in flight: " + server.maxInFlight());
      assertTrue(server.maxInFlight() >= 2, "windows were fetched at once: " + server.maxInFlight());
    }
  }

  @Test
  void theWindowsOfAWindowFullByChanceAreAskedTogether() throws Exception {
    List<Entry> data = day(4, 72_000);
    // Evenly spread chats, answered in time order after 10 ms: now and then a window sized for a
    // little less than a page holds a page by chance (fewer than one window in a hundred: some
    // 1,700 windows make several of them all but certain). It is asked again as two windows,
    // [a, c] and [c, b], which must be at the server together, not the second after the first's
    // answer.
    try (ChatWindowServer server = new ChatWindowServer(data).order(Order.ASCENDING).delay(10);
        ServiceformClient client = server.client()) {
      ChatHistoryCursor cursor = client.chatHistory(new ChatQuery()).from(START).to(END).pageSize(50)
          .concurrency(4).iterator();
      Set<String> seen = new HashSet<>();
      int yielded = 0;
      while (cursor.hasNext()) {
        seen.add(cursor.next().getCid());
        yielded++;
      }
      assertEquals(data.size(), seen.size(), "every chat");
      assertEquals(data.size(), yielded, "each once");
      assertTrue(server.maxInFlight() <= 4, "in flight: " + server.maxInFlight());
      List<ChatWindowServer.Asked> asked = server.asked();
      int cut = 0;
      int together = 0;
      for (ChatWindowServer.Asked whole : asked) {
        for (ChatWindowServer.Asked first : asked) {
          if (first.from != whole.from || first.to >= whole.to || first.arrived < whole.answered) {
            continue;
          }
          for (ChatWindowServer.Asked second : asked) {
            if (second.from == first.to && second.to == whole.to && second.arrived >= whole.answered) {
              cut++;
              if (second.arrived < first.answered && first.arrived < second.answered) {
                together++;
              }
            }
          }
        }
      }
      System.out.println("cut windows: " + cut + ", asked together: " + together + ", of " + asked.size() + " requests");
      // (A full window whose earliest chats are far denser than expected is taken for a burst and
      // narrowed one answer at a time, which is right for a burst: at pages of 50, at random, about
      // a third of them. Without room made for the pieces, hardly any go together.)
      assertTrue(cut > 0, "no window was full by chance in " + asked.size() + " requests");
      assertTrue(together * 3 >= cut, together + " of " + cut + " full windows' pieces asked together");
    }
  }

  @Test
  void aFailedWindowEndsTheExportAfterEveryChatBeforeIt() throws Exception {
    List<Entry> data = day(2, 6_000);
    long failAt = T0 + 50_000;
    AtomicLong failedFrom = new AtomicLong(-1);
    try (ChatWindowServer server = new ChatWindowServer(data).order(Order.SCRAMBLED);
        ServiceformClient client = server.client()) {
      // A narrow window over failAt gets a 400 (not retried).
      server.override(window -> {
        if (window[0] <= failAt && failAt <= window[1] && window[1] - window[0] < 20_000) {
          failedFrom.compareAndSet(-1, window[0]);
          return RawHttpServer.Reply.json(400, "{\"error\":\"no\"}");
        }
        return null;
      });
      ChatHistoryCursor cursor = client.chatHistory(new ChatQuery()).from(START).to(END).pageSize(100)
          .concurrency(4).iterator();
      List<Chat> chats = new ArrayList<>();
      assertThrows(BadRequestException.class, () -> cursor.forEachRemaining(chats::add));
      assertFalse(cursor.hasNext(), "the export is over");
      long failedStart = failedFrom.get();
      assertTrue(failedStart > 0);
      Set<String> seen = chats.stream().map(Chat::getCid).collect(Collectors.toSet());
      assertEquals(chats.size(), seen.size(), "each once");
      Set<String> before = data.stream().filter(e -> e.changed < failedStart).map(e -> e.cid)
          .collect(Collectors.toSet());
      assertTrue(seen.containsAll(before), "every chat before the failed window");
      assertTrue(chats.stream().allMatch(c -> c.getChanged() <= failedStart), "nothing after it");
      assertTrue(cursor.completedThrough().get().toEpochSecond() <= failedStart);
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void closingEarlyCancelsTheWindowsInFlight(Transport transport) throws Exception {
    List<Entry> data = day(3, 6_000);
    StringBuilder endless = new StringBuilder("[");
    for (int i = 0; i < 200; i++) {
      endless.append(i > 0 ? "," : "").append(new Entry("slow" + i, T0 + 60_000).json());
    }
    try (ChatWindowServer server = new ChatWindowServer(data);
        ServiceformClient client = ServiceformClient.builder().apiKey("test-key").baseUrl(server.baseUrl())
            .transport(transport).build()) {
      // Windows after the first hour answer a byte every 50 ms: without cancellation a fetch would
      // take minutes.
      server.override(window -> window[0] > T0 + 3_600 && window[1] - window[0] < 40_000
          ? RawHttpServer.Reply.json(200, endless.toString()).dribble(50) : null);
      ChatHistoryCursor cursor = client.chatHistory(new ChatQuery()).from(START).to(END).pageSize(100)
          .concurrency(4).iterator();
      // Reads until a chat from the second half of the first hour: the windows after it are in
      // flight then (asking hasNext again could wait for a dribbling one).
      int read = 0;
      while (cursor.hasNext()) {
        read++;
        if (cursor.next().getChanged() >= T0 + 1_800) {
          break;
        }
      }
      assertTrue(read > 0);
      assertFalse(exportThreads().isEmpty(), "windows are in flight");
      long closing = System.nanoTime();
      cursor.close();
      assertTrue(System.nanoTime() - closing < 1_000_000_000L, "close returns at once");
      assertFalse(cursor.hasNext());
      // The fetch threads end as their answers are closed under them (bounded wait, no fixed sleep).
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!exportThreads().isEmpty() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
        Thread.yield();
      }
      assertEquals(Set.of(), exportThreads(), "no fetch thread outlives the close");
      int after = server.searches();
      assertEquals(after, server.searches(), "nothing more is asked");
    }
  }
}
