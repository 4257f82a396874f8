package com.serviceform.sdk.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.serviceform.sdk.ServiceformClient;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A chat API of its own on loopback ({@link RawHttpServer}), independent of the sandbox: it
 * answers {@code POST /chats} from a fixed list of chats, with the quirks a real server may have:
 * a silent cap below the requested limit, a limit it ignores, results in ascending, descending or
 * scrambled order, and a time filter on {@code changed} or on any message's time.
 */
final class ChatWindowServer implements AutoCloseable {
  enum Order { ASCENDING, DESCENDING, SCRAMBLED }

  /** One chat: its cid, its {@code changed} second, and the seconds of its messages. */
  static final class Entry {
    final String cid;
    final long changed;
    final long[] messages;

    Entry(String cid, long changed, long... messages) {
      this.cid = cid;
      this.changed = changed;
      this.messages = messages.length == 0 ? new long[] {changed} : messages;
    }

    String json() {
      StringBuilder json = new StringBuilder("{\"cid\":\"").append(cid).append("\",\"changed\":").append(changed)
          .append(",\"uid\":\"u\",\"livechat\":1,\"lastMessage\":\"hello\",\"history\":[");
      for (int i = 0; i < messages.length; i++) {
        json.append(i > 0 ? "," : "").append("{\"id\":\"").append(cid).append("-").append(i)
            .append("\",\"type\":\"text\",\"message\":\"hi\",\"timestamp\":").append(messages[i]).append('}');
      }
      return json.append("]}").toString();
    }
  }

  static final ObjectMapper MAPPER = new ObjectMapper();

  private final RawHttpServer server;
  private final List<Entry> chats;
  private final AtomicInteger searches = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final List<Asked> asked = Collections.synchronizedList(new ArrayList<>());
  private volatile int cap;
  private volatile boolean ignoreLimit;
  private volatile boolean filterOnMessages;
  private volatile Order order = Order.SCRAMBLED;
  private volatile long delayMillis;
  /** Answers a request itself instead of the chats (a failure, a slow body), or returns null. */
  private volatile Function<long[], RawHttpServer.Reply> override = window -> null;

  ChatWindowServer(List<Entry> chats) throws IOException {
    this.chats = List.copyOf(chats);
    this.server = new RawHttpServer();
    server.handler(this::answer);
  }

  ChatWindowServer cap(int cap) {
    this.cap = cap;
    return this;
  }

  ChatWindowServer ignoreLimit() {
    this.ignoreLimit = true;
    return this;
  }

  ChatWindowServer order(Order order) {
    this.order = order;
    return this;
  }

  /** Waits this long before each answer, like a network round trip, so requests sent together overlap. */
  ChatWindowServer delay(long millis) {
    this.delayMillis = millis;
    return this;
  }

  /** Filters on the time of any message instead of {@code changed}: a chat matches every window one of its messages is in. */
  ChatWindowServer filterOnMessages() {
    this.filterOnMessages = true;
    return this;
  }

  /** {@code override.apply({from, to, limit})} answers instead when it returns a reply. */
  ChatWindowServer override(Function<long[], RawHttpServer.Reply> override) {
    this.override = override;
    return this;
  }

  String baseUrl() {
    return server.baseUrl();
  }

  ServiceformClient client() {
    return ServiceformClient.builder().apiKey("test-key").baseUrl(baseUrl()).build();
  }

  int searches() {
    return searches.get();
  }

  int maxInFlight() {
    return maxInFlight.get();
  }

  /** The windows asked for, in the order they were answered. */
  List<Asked> asked() {
    synchronized (asked) {
      return List.copyOf(asked);
    }
  }

  /** One request: its window, and when it arrived and was answered ({@link System#nanoTime()}). */
  static final class Asked {
    final long from;
    final long to;
    final long arrived;
    final long answered;

    Asked(long from, long to, long arrived, long answered) {
      this.from = from;
      this.to = to;
      this.arrived = arrived;
      this.answered = answered;
    }
  }

  List<RawHttpServer.Recorded> requests() {
    return server.requests();
  }

  private RawHttpServer.Reply answer(RawHttpServer.Recorded request) {
    long arrived = System.nanoTime();
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      searches.incrementAndGet();
      if (delayMillis > 0) {
        try {
          Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return RawHttpServer.Reply.json(503, "{\"error\":\"shutting down\"}");
        }
      }
      JsonNode query = MAPPER.readTree(request.body);
      long from = OffsetDateTime.parse(query.get("startTime").asText()).toEpochSecond();
      long to = OffsetDateTime.parse(query.get("endTime").asText()).toEpochSecond();
      int limit = query.get("limit").asInt();
      asked.add(new Asked(from, to, arrived, System.nanoTime()));
      RawHttpServer.Reply own = override.apply(new long[] {from, to, limit});
      if (own != null) {
        return own;
      }
      List<Entry> matching = new ArrayList<>();
      for (Entry chat : chats) {
        if (matches(chat, from, to)) {
          matching.add(chat);
        }
      }
      switch (order) {
        case ASCENDING:
          matching.sort(Comparator.comparingLong((Entry e) -> e.changed).thenComparing(e -> e.cid));
          break;
        case DESCENDING:
          matching.sort(Comparator.comparingLong((Entry e) -> e.changed).thenComparing(e -> e.cid).reversed());
          break;
        default:
          matching.sort(Comparator.comparingInt((Entry e) -> e.cid.hashCode() * 0x9E3779B1));
      }
      int most = ignoreLimit ? matching.size() : Math.min(limit, cap > 0 ? cap : Integer.MAX_VALUE);
      StringBuilder body = new StringBuilder("[");
      for (int i = 0; i < Math.min(most, matching.size()); i++) {
        body.append(i > 0 ? "," : "").append(matching.get(i).json());
      }
      return RawHttpServer.Reply.json(200, body.append(']').toString());
    } catch (IOException e) {
      return RawHttpServer.Reply.json(400, "{\"error\":\"bad query\"}");
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private boolean matches(Entry chat, long from, long to) {
    if (!filterOnMessages) {
      return chat.changed >= from && chat.changed <= to;
    }
    for (long time : chat.messages) {
      if (time >= from && time <= to) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
