package com.serviceform.sdk.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A minimal HTTP/1.1 server on loopback that records each request exactly as it arrived (the raw
 * request target, every header line, the body) and the connection it came on. WireMock and Jetty
 * normalise what they log; path-encoding and connection-reuse tests need the bytes.
 */
final class RawHttpServer implements AutoCloseable {
  /** One request as received. */
  static final class Recorded {
    final String method;
    final String target;
    final String version;
    final List<String[]> headers;
    final byte[] body;
    final int connection;

    Recorded(String method, String target, String version, List<String[]> headers, byte[] body, int connection) {
      this.method = method;
      this.target = target;
      this.version = version;
      this.headers = headers;
      this.body = body;
      this.connection = connection;
    }

    List<String> headerValues(String name) {
      List<String> values = new ArrayList<>();
      for (String[] header : headers) {
        if (header[0].equalsIgnoreCase(name)) {
          values.add(header[1]);
        }
      }
      return values;
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** A response to write, at once or (with {@link #dribble}) a byte at a time. */
  static final class Reply {
    final int status;
    final Map<String, String> headers;
    final byte[] body;
    final long millisPerByte;

    Reply(int status, Map<String, String> headers, String body) {
      this(status, headers, body.getBytes(StandardCharsets.UTF_8), 0);
    }

    private Reply(int status, Map<String, String> headers, byte[] body, long millisPerByte) {
      this.status = status;
      this.headers = headers;
      this.body = body;
      this.millisPerByte = millisPerByte;
    }

    static Reply json(int status, String body) {
      return new Reply(status, Map.of("Content-Type", "application/json"), body);
    }

    /** The same reply with its body sent one byte every {@code millis}: a slow, live server. */
    Reply dribble(long millis) {
      return new Reply(status, headers, body, millis);
    }
  }

  private final ServerSocket socket;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "raw-http");
    t.setDaemon(true);
    return t;
  });
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
  private volatile Function<Recorded, Reply> handler = r -> Reply.json(200, "[]");

  RawHttpServer() throws IOException {
    this(0);
  }

  /** A server on a given loopback port (0 for any). */
  RawHttpServer(int port) throws IOException {
    socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
    threads.execute(this::acceptLoop);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  void handler(Function<Recorded, Reply> handler) {
    this.handler = handler;
  }

  List<Recorded> requests() {
    return List.copyOf(requests);
  }

  int connections() {
    return connections.get();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        s.setTcpNoDelay(true);
        int id = connections.incrementAndGet();
        open.add(s);
        threads.execute(() -> serve(s, id));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket s, int connection) {
    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
      while (true) {
        String requestLine = readLine(in);
        if (requestLine == null || requestLine.isEmpty()) {
          return;
        }
        String[] parts = requestLine.split(" ", 3);
        List<String[]> headers = new ArrayList<>();
        int length = 0;
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
          int colon = line.indexOf(':');
          String name = line.substring(0, colon).trim();
          String value = line.substring(colon + 1).trim();
          headers.add(new String[] {name, value});
          if (name.equalsIgnoreCase("content-length")) {
            length = Integer.parseInt(value);
          }
        }
        byte[] body = in.readNBytes(length);
        Recorded recorded = new Recorded(parts[0], parts[1], parts.length > 2 ? parts[2] : "", headers, body, connection);
        requests.add(recorded);
        Reply reply = handler.apply(recorded);
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(reply.status).append(" X\r\n");
        reply.headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("Content-Length: ").append(reply.body.length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (reply.millisPerByte == 0) {
          out.write(reply.body);
          out.flush();
        } else {
          out.flush();
          for (byte b : reply.body) {
            out.write(b);
            out.flush();
            try {
              Thread.sleep(reply.millisPerByte);
            } catch (InterruptedException e) {
              return;
            }
          }
        }
      }
    } catch (SocketException closed) {
      // The client closed the connection.
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
    synchronized (open) {
      for (Socket s : open) {
        s.close();
      }
    }
    threads.shutdownNow();
  }
}
