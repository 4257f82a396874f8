package com.serviceform.sdk.micrometer;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/** A JDK HTTP server on loopback answering from a script of replies (then the last one, again). */
final class LoopbackServer implements AutoCloseable {
  /** One scripted reply. */
  static final class Reply {
    final int status;
    final Map<String, String> headers;
    final String body;

    Reply(int status, Map<String, String> headers, String body) {
      this.status = status;
      this.headers = headers;
      this.body = body;
    }
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
  private volatile Reply last = new Reply(200, Map.of(), "[]");

  LoopbackServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(threads);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      Reply reply = script.poll();
      if (reply == null) {
        reply = last;
      } else if (script.isEmpty()) {
        last = reply;
      }
      byte[] body = reply.body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      reply.headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      exchange.sendResponseHeaders(reply.status, body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  /** Answers these, in order, then the last of them to every later request. */
  LoopbackServer then(int status, String body, Map<String, String> headers) {
    script.add(new Reply(status, headers, body));
    return this;
  }

  LoopbackServer then(int status, String body) {
    return then(status, body, Map.of());
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
