package com.serviceform.sdk.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A raw HTTP/1.1 server on loopback that does what a misbehaving server, proxy or load balancer
 * does: lies about lengths, sends forever, stalls, dribbles, closes at the wrong moment, echoes
 * secrets in odd places. Each connection runs the {@link Script} the test sets; the server counts
 * what it received and what it managed to write, so a test can tell that the client stopped
 * reading, not only that the call ended.
 */
final class HostileServer implements AutoCloseable {
  /** What the server does on one connection. */
  @FunctionalInterface
  interface Script {
    void run(Connection connection) throws IOException, InterruptedException;
  }

  /** A request as it arrived. */
  static final class Request {
    final String method;
    final String target;
    final Map<String, String> headers;
    final byte[] body;

    Request(String method, String target, Map<String, String> headers, byte[] body) {
      this.method = method;
      this.target = target;
      this.headers = headers;
      this.body = body;
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** One accepted connection, with helpers to misbehave on it. */
  final class Connection {
    final Socket socket;
    final InputStream in;
    final OutputStream out;

    Connection(Socket socket) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.out = socket.getOutputStream();
    }

    /** The next request on this connection, or null when the client closed it. */
    Request read() throws IOException {
      String line = readLine();
      if (line == null || line.isEmpty()) {
        return null;
      }
      String[] parts = line.split(" ", 3);
      Map<String, String> headers = new LinkedHashMap<>();
      for (String h = readLine(); h != null && !h.isEmpty(); h = readLine()) {
        int colon = h.indexOf(':');
        headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
      }
      int length = headers.containsKey("content-length") ? Integer.parseInt(headers.get("content-length")) : 0;
      byte[] body = in.readNBytes(length);
      Request request = new Request(parts[0], parts.length > 1 ? parts[1] : "", headers, body);
      requests.add(request);
      return request;
    }

    /** Writes raw text (ISO-8859-1), flushed. */
    void write(String text) throws IOException {
      write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void write(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
      written.addAndGet(bytes.length);
    }

    /** A whole response with a correct Content-Length. */
    void respond(int status, String body, String... headerLines) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\n");
      for (String header : headerLines) {
        head.append(header).append("\r\n");
      }
      head.append("Content-Type: application/json\r\nContent-Length: ").append(bytes.length).append("\r\n\r\n");
      write(head.toString());
      write(bytes);
    }

    /**
     * Sends a chunked body forever (1 KiB chunks of {@code filler}) until the client goes away;
     * returns normally then.
     */
    void endlessChunks(String prefix, byte filler) {
      try {
        byte[] chunk = new byte[1024];
        java.util.Arrays.fill(chunk, filler);
        byte[] framed = frame(chunk);
        if (!prefix.isEmpty()) {
          write(frame(prefix.getBytes(StandardCharsets.UTF_8)));
        }
        while (!closed) {
          write(framed);
        }
      } catch (IOException clientWentAway) {
        // What the tests want: the client stopped reading and dropped the connection.
      }
    }

    /** Writes {@code total} bytes of {@code filler} as a plain body, in 8 KiB writes, until done or the client leaves. */
    void body(long total, byte filler) {
      try {
        byte[] block = new byte[8192];
        java.util.Arrays.fill(block, filler);
        for (long sent = 0; sent < total && !closed; sent += block.length) {
          write(block.length <= total - sent ? block : java.util.Arrays.copyOf(block, (int) (total - sent)));
        }
      } catch (IOException clientWentAway) {
        // Stopped early by the client.
      }
    }

    /** Keeps the connection open without writing, until the client closes it or the server stops. */
    void stall() {
      try {
        socket.setSoTimeout(200);
        while (!closed) {
          try {
            if (in.read() < 0) {
              return;
            }
          } catch (java.net.SocketTimeoutException stillThere) {
            // Keep waiting.
          }
        }
      } catch (IOException gone) {
        // The client closed it.
      }
    }

    private byte[] frame(byte[] data) {
      byte[] head = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
      byte[] framed = new byte[head.length + data.length + 2];
      System.arraycopy(head, 0, framed, 0, head.length);
      System.arraycopy(data, 0, framed, head.length, data.length);
      framed[framed.length - 2] = '\r';
      framed[framed.length - 1] = '\n';
      return framed;
    }

    private String readLine() throws IOException {
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
  }

  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "hostile-server");
    t.setDaemon(true);
    return t;
  });
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger mostOpen = new AtomicInteger();
  private final AtomicLong written = new AtomicLong();
  private volatile Script script = c -> { };
  private volatile boolean closed;

  HostileServer() throws IOException {
    this(new ServerSocket());
  }

  /** On an unbound server socket of the caller's making (a TLS one, say), bound here to loopback. */
  HostileServer(ServerSocket unbound) throws IOException {
    server = unbound;
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    threads.execute(this::accept);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  int port() {
    return server.getLocalPort();
  }

  void script(Script script) {
    this.script = script;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  int connections() {
    return connections.get();
  }

  /** The most connections open at once. */
  int mostOpen() {
    return mostOpen.get();
  }

  /** Bytes the server managed to write. */
  long written() {
    return written.get();
  }

  /**
   * Waits until no connection is open (every script has ended, so no writer is still pushing
   * bytes), at most {@code millis}; true if it got there.
   */
  boolean awaitQuiet(long millis) throws InterruptedException {
    long end = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(millis);
    while (open.get() > 0) {
      if (System.nanoTime() - end > 0) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  private void accept() {
    while (!closed) {
      try {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        connections.incrementAndGet();
        mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
        sockets.add(socket);
        threads.execute(() -> serve(socket));
      } catch (IOException stopped) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try {
      script.run(new Connection(socket));
    } catch (IOException | InterruptedException | RuntimeException ignored) {
      // A client that went away mid-script is what many scripts provoke.
    } finally {
      open.decrementAndGet();
      try {
        socket.close();
      } catch (IOException ignored) {
        // Closing anyway.
      }
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    synchronized (sockets) {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
    threads.shutdownNow();
  }
}
