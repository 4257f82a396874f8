package com.serviceform.sdk.benchmarks;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.ChatQuery;
import com.serviceform.sdk.pagination.ChatHistoryCursor;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A whole chat-history export (50,000 chats over a day, pages of 200, about 310 requests) from a
 * loopback server that waits 20 ms before each answer, with {@code concurrency} 1 and 4: the time
 * per export, so the ratio of the two scores of one run is the speed-up of concurrent windows.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@State(Scope.Benchmark)
public class ChatExportBenchmark {
  static final int CHATS = 50_000;
  static final long FROM = Instant.parse("2024-08-01T00:00:00Z").getEpochSecond();
  static final long SECONDS = 86_400;

  @Param({"1", "4"})
  public int concurrency;

  private DelayedChatServer server;
  private ServiceformClient client;

  @Setup(Level.Trial)
  public void start() throws IOException {
    server = new DelayedChatServer(20, CHATS, FROM, SECONDS);
    client = ServiceformClient.builder().apiKey(Fixture.API_KEY).baseUrl(server.baseUrl()).build();
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    client.close();
    server.close();
  }

  @Benchmark
  public int export(Blackhole blackhole) {
    ChatHistoryCursor cursor = client.chatHistory(new ChatQuery())
        .from(Instant.ofEpochSecond(FROM).atOffset(ZoneOffset.UTC))
        .to(Instant.ofEpochSecond(FROM + SECONDS).atOffset(ZoneOffset.UTC))
        .pageSize(200).concurrency(concurrency).iterator();
    int chats = 0;
    try (cursor) {
      while (cursor.hasNext()) {
        Chat chat = cursor.next();
        blackhole.consume(chat);
        chats++;
      }
    }
    if (chats != CHATS) {
      throw new IllegalStateException("exported " + chats + " chats of " + CHATS);
    }
    return cursor.requestCount();
  }
}
