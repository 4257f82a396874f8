package com.serviceform.sdk.spring.boot;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** An HTTP server on loopback that answers every request alike and records what it received. */
final class LoopbackServer implements AutoCloseable {
  /** A request as received: method, path and its sf-api-key header. */
  record Received(String method, String path, String apiKey) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<String> targets = new CopyOnWriteArrayList<>();

  /** Answers {@code status} with {@code json} after {@code delayMillis}. */
  LoopbackServer(int status, String json, long delayMillis) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/", exchange -> {
      received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          exchange.getRequestHeaders().getFirst("sf-api-key")));
      targets.add(exchange.getRequestURI().toString());
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      try (OutputStream out = exchange.getResponseBody()) {
        exchange.sendResponseHeaders(status, body.length);
        out.write(body);
      } catch (IOException clientGone) {
        // The client timed out and closed the connection: what some tests want.
      }
    });
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  int port() {
    return server.getAddress().getPort();
  }

  List<Received> received() {
    return received;
  }

  /** The request targets as sent: absolute ({@code http://host/path}) when this server was the proxy. */
  List<String> targets() {
    return targets;
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
