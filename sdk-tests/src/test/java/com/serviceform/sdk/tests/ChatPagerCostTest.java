package com.serviceform.sdk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.ChatQuery;
import com.serviceform.sdk.pagination.ChatHistoryCursor;
import com.serviceform.sdk.testkit.SandboxData;
import com.serviceform.sdk.testkit.ServiceformSandbox;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What an export costs in requests against the sandbox, on seeded data sets, beside the floor
 * {@code ceil(n/p)} and beside what bisection (the pager before adaptive windows) costs on the same
 * data, computed by its rule. The bounds are asserted; the table is printed for docs/pagination.md.
 */
class ChatPagerCostTest {
  static final long T0 = Instant.parse("2024-08-01T00:00:00Z").getEpochSecond();
  static final long MONTH = 30 * 86_400L;

  static ServiceformSandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = ServiceformSandbox.builder().seed(SandboxData.empty()).start();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  static OffsetDateTime at(long second) {
    return Instant.ofEpochSecond(second).atOffset(ZoneOffset.UTC);
  }

  /** {@code n} chats at uniformly random seconds of a month. */
  static long[] uniform(long seed, int n) {
    Random random = new Random(seed);
    long[] times = new long[n];
    for (int i = 0; i < n; i++) {
      times[i] = T0 + (long) (random.nextDouble() * MONTH);
    }
    return times;
  }

  /**
   * A month of campaigns: about three chats a day at random, and a dozen bursts of 2 to 20 minutes
   * with 300 to 3,000 chats each; days of silence between.
   */
  static long[] bursty(long seed) {
    Random random = new Random(seed);
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < 90; i++) {
      times.add(T0 + (long) (random.nextDouble() * MONTH));
    }
    for (int burst = 0; burst < 12; burst++) {
      long at = T0 + (long) (random.nextDouble() * (MONTH - 3_600));
      long length = 120 + random.nextInt(1_080);
      int n = 300 + random.nextInt(2_700);
      for (int i = 0; i < n; i++) {
        times.add(at + (long) (random.nextDouble() * length));
      }
    }
    return times.stream().mapToLong(Long::longValue).toArray();
  }

  /** Requests of an export of the month at page p, and checks it returned every chat once. */
  static int export(long[] times, int page, int concurrency) {
    sandbox.reset();
    List<Chat> chats = new ArrayList<>(times.length);
    for (int i = 0; i < times.length; i++) {
      chats.add(new Chat().cid("c" + i).changed(times[i]).uid("u").livechat(1));
    }
    sandbox.addChats(chats);
    try (ServiceformClient client = sandbox.newClient()) {
      ChatHistoryCursor cursor = client.chatHistory(new ChatQuery()).from(at(T0)).to(at(T0 + MONTH))
          .pageSize(page).concurrency(concurrency).iterator();
      Set<String> seen = new HashSet<>();
      int yielded = 0;
      while (cursor.hasNext()) {
        seen.add(cursor.next().getCid());
        yielded++;
      }
      assertEquals(times.length, seen.size(), "every chat");
      assertEquals(times.length, yielded, "each once");
      assertEquals(sandbox.requestCount("searchChats"), cursor.requestCount());
      return cursor.requestCount();
    }
  }

  /** What bisection costs on the same data: a full window is asked, then each half; seconds double their limit. */
  static int bisection(long[] sorted, long from, long to, int limit, int page, int maxPage) {
    int count = upper(sorted, to) - lower(sorted, from);
    if (count < limit) {
      return 1;
    }
    if (to - from > 1) {
      long middle = from + (to - from) / 2;
      return 1 + bisection(sorted, from, middle, page, page, maxPage) + bisection(sorted, middle, to, page, page, maxPage);
    }
    return limit < maxPage ? 1 + bisection(sorted, from, to, Math.min(maxPage, limit * 2), page, maxPage) : 1;
  }

  static int lower(long[] sorted, long t) {
    int i = Arrays.binarySearch(sorted, t);
    if (i < 0) {
      return -i - 1;
    }
    while (i > 0 && sorted[i - 1] == t) {
      i--;
    }
    return i;
  }

  static int upper(long[] sorted, long t) {
    return lower(sorted, t + 1);
  }

  /** Exports the data set, prints its row for docs/pagination.md, and asserts at most {@code bound} requests. */
  static void check(String kind, int page, int seed, int concurrency, double ratio, int extra) {
    long[] times = data(kind, seed);
    int requests = export(times, page, concurrency);
    long[] sorted = times.clone();
    Arrays.sort(sorted);
    int floor = (times.length + page - 1) / page;
    int bisection = bisection(sorted, T0, T0 + MONTH, page, page, page * 4);
    String name = kind + ", seed " + seed + (concurrency > 1 ? ", concurrency " + concurrency : "");
    System.out.printf("| %s | %,d | %d | %d | %d (%.2f x) | %d (%.2f x) |%n", name, times.length, page, floor,
        requests, requests / (double) floor, bisection, bisection / (double) floor);
    double bound = ratio * floor + extra;
    assertTrue(requests <= bound, name + ", page " + page + ": " + requests + " requests, more than " + bound);
  }

  /** Three seeds of each kind: uniform months of 20,000, 30,000 and 20,000 chats; bursty months. */
  static long[] data(String kind, int seed) {
    return kind.equals("uniform") ? uniform(seed, seed == 2 ? 30_000 : 20_000) : bursty(seed);
  }

  /** Every (kind, page, seed): pages of 100, 200 and 500, three seeds of each kind. */
  static Stream<Arguments> dataSets() {
    Stream.Builder<Arguments> sets = Stream.builder();
    for (String kind : List.of("uniform", "bursty")) {
      for (int page : new int[] {100, 200, 500}) {
        for (int seed = 1; seed <= 3; seed++) {
          sets.add(Arguments.of(kind, page, seed));
        }
      }
    }
    return sets.build();
  }

  /**
   * One window at a time: at most 1.3 x the floor on evenly spread chats, 2 x on bursty ones. (The
   * count is the same on every run: each window is sized from the answers before it.)
   */
  @ParameterizedTest(name = "{0}, page {1}, seed {2}")
  @MethodSource("dataSets")
  void oneWindowAtATimeCostsAtMostTheBound(String kind, int page, int seed) {
    check(kind, page, seed, 1, kind.equals("uniform") ? 1.3 : 2.0, 0);
  }

  /**
   * With four windows at once (the command's default) windows are planned ahead of the answers: a
   * window full by chance costs its two pieces and often an answer asked again to send them at once
   * instead of about one more request (its neighbours are in flight already), and a burst's edges
   * are met by windows already in flight. The counts vary from run to run with the order the
   * answers arrive in: over ten runs of every set the most was 1.39 x the floor on evenly spread
   * chats (278 of 200 at page 100; at page 500, where one request is 0.025 x, 49 of 40) and 1.97 x
   * on bursty ones (221 of 112). The bounds leave room for that spread, about a tenth over the most
   * seen (a run beyond it would be a flake in every build, not a finding): 1.5 x the floor plus one
   * request per window in flight, and 2.2 x.
   */
  @ParameterizedTest(name = "{0}, page {1}, seed {2}")
  @MethodSource("dataSets")
  void fourWindowsAtOnceCostLittleMore(String kind, int page, int seed) {
    if (kind.equals("uniform")) {
      check(kind, page, seed, 4, 1.5, 4);
    } else {
      check(kind, page, seed, 4, 2.2, 0);
    }
  }
}
