package com.serviceform.sdk.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback chat API that waits a fixed time before each answer, like a server across a network:
 * {@code POST /chats} answers the chats whose {@code changed} second is in the window (both ends
 * inclusive), at most {@code limit}, from a seeded, fixed set. A thread per connection, keep-alive,
 * {@code TCP_NODELAY}. The waiting costs no CPU, so it runs in the benchmark's JVM.
 */
final class DelayedChatServer implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ServerSocket socket;
  private final long delayMillis;
  private final long[] times;
  private final byte[][] json;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile boolean closed;

  /** {@code n} chats at seeded random seconds of [{@code from}, {@code from + seconds}]. */
  DelayedChatServer(long delayMillis, int n, long from, long seconds) throws IOException {
    this.delayMillis = delayMillis;
    Random random = new Random(42);
    times = new long[n];
    for (int i = 0; i < n; i++) {
      times[i] = from + (long) (random.nextDouble() * seconds);
    }
    Arrays.sort(times);
    json = new byte[n][];
    for (int i = 0; i < n; i++) {
      json[i] = ("{\"cid\":\"chat-" + i + "\",\"changed\":" + times[i] + ",\"uid\":\"user-" + (i % 100)
          + "\",\"livechat\":1,\"source\":\"website\",\"lastMessage\":\"Thank you for your inquiry!\"}")
          .getBytes(StandardCharsets.UTF_8);
    }
    socket = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "delayed-chat-server");
    accept.setDaemon(true);
    accept.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  int requests() {
    return requests.get();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket connection = socket.accept();
        connection.setTcpNoDelay(true);
        Thread thread = new Thread(() -> serve(connection), "delayed-chat-connection");
        thread.setDaemon(true);
        thread.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket connection) {
    try (connection;
        InputStream in = new BufferedInputStream(connection.getInputStream(), 16 * 1024);
        OutputStream out = new BufferedOutputStream(connection.getOutputStream(), 64 * 1024)) {
      StringBuilder line = new StringBuilder();
      while (true) {
        if (readLine(in, line) == null) {
          return;
        }
        int contentLength = 0;
        for (String header = readLine(in, line); header != null && !header.isEmpty(); header = readLine(in, line)) {
          if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
            contentLength = Integer.parseInt(header.substring(15).trim());
          }
        }
        byte[] body = answer(in.readNBytes(contentLength));
        requests.incrementAndGet();
        Thread.sleep(delayMillis);
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
            + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // The client went away, or the server closes.
    }
  }

  private byte[] answer(byte[] request) throws IOException {
    JsonNode query = MAPPER.readTree(request);
    long from = OffsetDateTime.parse(query.get("startTime").asText()).toEpochSecond();
    long to = OffsetDateTime.parse(query.get("endTime").asText()).toEpochSecond();
    int limit = query.get("limit").asInt();
    int first = lower(from);
    int end = Math.min(lower(to + 1), first + limit);
    int size = 2;
    for (int i = first; i < end; i++) {
      size += json[i].length + 1;
    }
    byte[] body = new byte[size];
    int at = 0;
    body[at++] = '[';
    for (int i = first; i < end; i++) {
      if (i > first) {
        body[at++] = ',';
      }
      System.arraycopy(json[i], 0, body, at, json[i].length);
      at += json[i].length;
    }
    body[at++] = ']';
    return Arrays.copyOf(body, at);
  }

  private int lower(long time) {
    int lo = 0;
    int hi = times.length;
    while (lo < hi) {
      int middle = (lo + hi) >>> 1;
      if (times[middle] < time) {
        lo = middle + 1;
      } else {
        hi = middle;
      }
    }
    return lo;
  }

  private static String readLine(InputStream in, StringBuilder line) throws IOException {
    line.setLength(0);
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
          line.setLength(end - 1);
        }
        return line.toString();
      }
      line.append((char) b);
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    socket.close();
  }
}
