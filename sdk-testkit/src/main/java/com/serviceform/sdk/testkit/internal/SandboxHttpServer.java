package com.serviceform.sdk.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's HTTP/1.1 server: a plain {@link ServerSocket} on loopback with one thread per
 * connection, so that the testkit needs no server library (and cannot collide with the Jetty,
 * Netty or Tomcat of the application under test), and so that faults such as a connection reset
 * are a socket option away.
 *
 * <p>What a client can make it hold or wait for is bounded ({@link Limits}): the request line (8
 * KiB), the header block (64 KiB), the body ({@link Limits#maxBodyBytes}, answered {@code 413}
 * before reading when {@code Content-Length} says so), the time from a request's first byte to its
 * last ({@link Limits#requestTimeout}, answered {@code 408}), idle keep-alive connections ({@link
 * Limits#idleTimeout}) and the number of connections ({@link Limits#maxConnections}, beyond which
 * a new connection is answered {@code 503}). A slow client holds only its own thread. Methods HTTP
 * does not define are answered {@code 501} without echoing them.
 */
public final class SandboxHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("com.serviceform.sdk.testkit.sandbox");
  private static final int MAX_REQUEST_LINE = 8 * 1024;
  private static final int MAX_HEADER_BYTES = 64 * 1024;
  private static final int MAX_HEADERS = 100;
  private static final int MAX_METHOD = 16;
  private static final Set<String> HTTP_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");
  /** After an error answer, at most this much of the rest of a request is read away before closing. */
  private static final int DRAIN_BYTES = 256 * 1024;
  private static final Duration DRAIN_TIME = Duration.ofMillis(500);

  /** Handles one parsed request. */
  public interface Handler {
    Reply handle(SandboxRequest request);
  }

  /** Bounds on what one client can make the server hold or wait for. Immutable. */
  public static final class Limits {
    /** 1 MiB bodies, 10 s per request, 30 s idle keep-alive, 200 connections. */
    public static final Limits DEFAULTS =
        new Limits(1024 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(30), 200);

    final int maxBodyBytes;
    final Duration requestTimeout;
    final Duration idleTimeout;
    final int maxConnections;

    public Limits(int maxBodyBytes, Duration requestTimeout, Duration idleTimeout, int maxConnections) {
      if (maxBodyBytes < 0 || maxConnections < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be >= 0 and maxConnections >= 1");
      }
      this.maxBodyBytes = maxBodyBytes;
      this.requestTimeout = positive(requestTimeout, "requestTimeout");
      this.idleTimeout = positive(idleTimeout, "idleTimeout");
      this.maxConnections = maxConnections;
    }

    public Limits withRequestTimeout(Duration timeout) {
      return new Limits(maxBodyBytes, timeout, idleTimeout, maxConnections);
    }

    public Limits withMaxBodyBytes(int bytes) {
      return new Limits(bytes, requestTimeout, idleTimeout, maxConnections);
    }

    public Limits withMaxConnections(int connections) {
      return new Limits(maxBodyBytes, requestTimeout, idleTimeout, connections);
    }

    public int maxBodyBytes() {
      return maxBodyBytes;
    }

    public Duration requestTimeout() {
      return requestTimeout;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }
  }

  private final ServerSocket serverSocket;
  private final Handler handler;
  private final Limits limits;
  private final ThreadPoolExecutor workers;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean running = true;

  private SandboxHttpServer(ServerSocket serverSocket, Handler handler, Limits limits) {
    this.serverSocket = serverSocket;
    this.handler = handler;
    this.limits = limits;
    int port = serverSocket.getLocalPort();
    AtomicInteger count = new AtomicInteger();
    this.workers = new ThreadPoolExecutor(0, limits.maxConnections, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
        task -> {
          Thread thread = new Thread(task, "serviceform-sandbox-" + port + "-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    this.acceptor = new Thread(this::acceptLoop, "serviceform-sandbox-" + port + "-acceptor");
    acceptor.setDaemon(true);
  }

  /**
   * Listens on 127.0.0.1.
   *
   * @param port the port, 0 for a free one
   * @throws IOException if the port cannot be bound
   */
  public static SandboxHttpServer start(int port, Handler handler, Limits limits) throws IOException {
    ServerSocket socket = new ServerSocket();
    try {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 128);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    SandboxHttpServer server = new SandboxHttpServer(socket, Objects.requireNonNull(handler), Objects.requireNonNull(limits));
    server.acceptor.start();
    return server;
  }

  public int port() {
    return serverSocket.getLocalPort();
  }

  public boolean isRunning() {
    return running;
  }

  /** Connections open right now (for tests of the limits). */
  public int openConnections() {
    return open.size();
  }

  /** Stops accepting, closes every connection and waits briefly for the threads. Idempotent. */
  @Override
  public void close() {
    if (!running) {
      return;
    }
    running = false;
    try {
      serverSocket.close();
    } catch (IOException e) {
      // Closing anyway.
    }
    for (Socket socket : open) {
      closeQuietly(socket);
    }
    workers.shutdownNow();
    try {
      acceptor.join(5000);
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop() {
    while (running) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (IOException e) {
        if (running) {
          LOG.warn("the sandbox stopped accepting connections", e);
        }
        return;
      }
      open.add(socket);
      try {
        workers.execute(() -> serve(socket));
      } catch (RejectedExecutionException e) {
        // Every thread holds a connection: say so at once instead of queueing behind them.
        try {
          socket.setSoTimeout(1000);
          OutputStream out = socket.getOutputStream();
          write(out, 503, Map.of("Content-Type", "application/json", "Retry-After", "1"),
              Json.error("the sandbox has " + limits.maxConnections + " connections open; try again"), false, true);
          out.flush();
        } catch (IOException ignored) {
          // The client is gone.
        } finally {
          open.remove(socket);
          closeQuietly(socket);
        }
      }
    }
  }

  /** A request the server refuses before the handler sees it. */
  private static final class HttpError extends Exception {
    final int status;
    final String message;
    final boolean drain;

    HttpError(int status, String message, boolean drain) {
      super(message, null, false, false);
      this.status = status;
      this.message = message;
      this.drain = drain;
    }
  }

  private static final class Parsed {
    final SandboxRequest request;
    final boolean head;
    final boolean keepAlive;

    Parsed(SandboxRequest request, boolean head, boolean keepAlive) {
      this.request = request;
      this.head = head;
      this.keepAlive = keepAlive;
    }
  }

  private void serve(Socket socket) {
    try {
      socket.setTcpNoDelay(true);
      Input in = new Input(socket);
      OutputStream out = socket.getOutputStream();
      while (running) {
        Parsed parsed;
        try {
          parsed = read(in, out);
        } catch (HttpError e) {
          write(out, e.status, Map.of("Content-Type", "application/json"), Json.error(e.message), false, true);
          out.flush();
          if (e.drain) {
            drainAndClose(socket, in);
          }
          return;
        }
        if (parsed == null) {
          return;
        }
        Reply reply;
        try {
          reply = handler.handle(parsed.request);
        } catch (RuntimeException e) {
          // A sandbox bug: answer it plainly, and leave the details to the log.
          LOG.error("the sandbox failed on a request", e);
          reply = Reply.error(500, "the sandbox failed: " + e.getClass().getName());
        }
        if (!reply.delay().isZero()) {
          Thread.sleep(reply.delay().toMillis());
        }
        if (reply.isConnectionReset()) {
          socket.setSoLinger(true, 0);
          return;
        }
        write(out, reply.status(), reply.headers(), reply.body(), parsed.head, !parsed.keepAlive);
        out.flush();
        if (!parsed.keepAlive) {
          socket.shutdownOutput();
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The client went away or the server is closing: nothing to answer.
    } finally {
      open.remove(socket);
      closeQuietly(socket);
    }
  }

  /** The next request, or null when the client closed or stayed idle; {@link HttpError} for a bad one. */
  private Parsed read(Input in, OutputStream out) throws IOException, HttpError {
    String line;
    do {
      if (!in.awaitFirstByte(limits.idleTimeout)) {
        return null;
      }
      in.startDeadline(limits.requestTimeout);
      line = in.readLine(MAX_REQUEST_LINE, true);
    } while (line.isEmpty());
    int sp1 = line.indexOf(' ');
    int sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0) {
      throw new HttpError(400, "malformed request line", true);
    }
    String method = line.substring(0, sp1);
    String target = line.substring(sp1 + 1, sp2);
    String version = line.substring(sp2 + 1);
    if (!isToken(method)) {
      throw new HttpError(400, "malformed request line", true);
    }
    if (!HTTP_METHODS.contains(method)) {
      // Never echoed: the name could be anything a client sent, of any length.
      throw new HttpError(501, "the sandbox implements the methods of HTTP/1.1 only", true);
    }
    if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
      throw new HttpError(version.startsWith("HTTP/") ? 505 : 400,
          version.startsWith("HTTP/") ? "the sandbox speaks HTTP/1.1" : "malformed request line", true);
    }
    String pathAndQuery = originForm(target);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    int headerBytes = 0;
    while (true) {
      String header = in.readLine(MAX_HEADER_BYTES - headerBytes, false);
      if (header.isEmpty()) {
        break;
      }
      headerBytes += header.length() + 2;
      int colon = header.indexOf(':');
      if (colon <= 0 || !isToken(header.substring(0, colon))) {
        throw new HttpError(400, "malformed header line", true);
      }
      if (headers.size() >= MAX_HEADERS) {
        throw new HttpError(431, "more than " + MAX_HEADERS + " headers", true);
      }
      headers.computeIfAbsent(header.substring(0, colon), n -> new ArrayList<>(1)).add(header.substring(colon + 1).trim());
    }
    String connection = value(headers, "Connection");
    boolean keepAlive = version.equals("HTTP/1.1")
        ? connection == null || !connection.toLowerCase(Locale.ROOT).contains("close")
        : connection != null && connection.toLowerCase(Locale.ROOT).contains("keep-alive");
    byte[] body = body(in, out, headers);
    in.clearDeadline();
    return new Parsed(new SandboxRequest(method, pathAndQuery, headers, body), method.equals("HEAD"), keepAlive);
  }

  private byte[] body(Input in, OutputStream out, Map<String, List<String>> headers) throws IOException, HttpError {
    List<String> transfer = headers.get(key(headers, "Transfer-Encoding"));
    List<String> lengths = headers.get(key(headers, "Content-Length"));
    if (transfer != null && lengths != null) {
      throw new HttpError(400, "both Transfer-Encoding and Content-Length", true);
    }
    if (transfer != null) {
      if (transfer.size() != 1 || !transfer.get(0).equalsIgnoreCase("chunked")) {
        throw new HttpError(501, "the only transfer coding the sandbox reads is chunked", true);
      }
      continueIfExpected(headers, out);
      return chunked(in);
    }
    if (lengths == null) {
      return new byte[0];
    }
    long length = -1;
    for (String text : lengths) {
      for (String part : text.split(",")) {
        long n = parseLength(part.trim());
        if (n < 0 || (length >= 0 && n != length)) {
          throw new HttpError(400, "invalid Content-Length", true);
        }
        length = n;
      }
    }
    if (length > limits.maxBodyBytes) {
      throw new HttpError(413, "the body is larger than the sandbox accepts (" + limits.maxBodyBytes + " bytes)", true);
    }
    continueIfExpected(headers, out);
    byte[] body = new byte[(int) length];
    in.readFully(body);
    return body;
  }

  private byte[] chunked(Input in) throws IOException, HttpError {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = in.readLine(1024, false);
      int semicolon = sizeLine.indexOf(';');
      String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
      long size;
      try {
        size = hex.isEmpty() || hex.length() > 8 ? -1 : Long.parseLong(hex, 16);
      } catch (NumberFormatException e) {
        size = -1;
      }
      if (size < 0) {
        throw new HttpError(400, "malformed chunk size", true);
      }
      if (size == 0) {
        break;
      }
      if (body.size() + size > limits.maxBodyBytes) {
        throw new HttpError(413, "the body is larger than the sandbox accepts (" + limits.maxBodyBytes + " bytes)", true);
      }
      byte[] chunk = new byte[(int) size];
      in.readFully(chunk);
      body.write(chunk, 0, chunk.length);
      if (!in.readLine(2, false).isEmpty()) {
        throw new HttpError(400, "malformed chunk", true);
      }
    }
    int trailerBytes = 0;
    for (String trailer = in.readLine(MAX_HEADER_BYTES, false); !trailer.isEmpty();
        trailer = in.readLine(MAX_HEADER_BYTES - trailerBytes, false)) {
      trailerBytes += trailer.length() + 2;
    }
    return body.toByteArray();
  }

  private static void continueIfExpected(Map<String, List<String>> headers, OutputStream out) throws IOException {
    String expect = value(headers, "Expect");
    if (expect != null && expect.equalsIgnoreCase("100-continue")) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }
  }

  private static long parseLength(String text) {
    if (text.isEmpty() || text.length() > 18) {
      return -1;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return -1;
      }
    }
    return Long.parseLong(text);
  }

  /** The path and query of an origin-form ({@code /a?b}) or absolute-form ({@code http://h/a?b}) target. */
  private static String originForm(String target) throws HttpError {
    if (target.startsWith("/")) {
      return target;
    }
    String lower = target.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      int slash = target.indexOf('/', target.indexOf("//") + 2);
      return slash < 0 ? "/" : target.substring(slash);
    }
    throw new HttpError(400, "the request target must be a path", true);
  }

  private static void write(OutputStream out, int status, Map<String, String> headers, byte[] body, boolean head,
      boolean close) throws IOException {
    StringBuilder text = new StringBuilder(128)
        .append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    headers.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
    text.append("Content-Length: ").append(body.length).append("\r\n");
    if (close) {
      text.append("Connection: close\r\n");
    }
    text.append("\r\n");
    out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (!head) {
      out.write(body);
    }
  }

  /**
   * Closes after an error answer without a reset that could destroy the answer: stop sending, read
   * away a bounded rest of the request, then close.
   */
  private static void drainAndClose(Socket socket, Input in) {
    try {
      socket.shutdownOutput();
      in.drain(DRAIN_BYTES, DRAIN_TIME);
    } catch (IOException e) {
      // Closing anyway.
    }
  }

  private static boolean isToken(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String key(Map<String, List<String>> headers, String name) {
    for (String key : headers.keySet()) {
      if (key.equalsIgnoreCase(name)) {
        return key;
      }
    }
    return name;
  }

  private static String value(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(key(headers, name));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static String reason(int status) {
    switch (status) {
      case 200: return "OK";
      case 400: return "Bad Request";
      case 401: return "Unauthorized";
      case 403: return "Forbidden";
      case 404: return "Not Found";
      case 405: return "Method Not Allowed";
      case 408: return "Request Timeout";
      case 413: return "Content Too Large";
      case 414: return "URI Too Long";
      case 422: return "Unprocessable Content";
      case 429: return "Too Many Requests";
      case 431: return "Request Header Fields Too Large";
      case 500: return "Internal Server Error";
      case 501: return "Not Implemented";
      case 502: return "Bad Gateway";
      case 503: return "Service Unavailable";
      case 504: return "Gateway Timeout";
      case 505: return "HTTP Version Not Supported";
      default: return "Status " + status;
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Nothing to do.
    }
  }

  /** Buffered socket input whose reads give up at a deadline ({@link SocketTimeoutException} as 408). */
  private static final class Input {
    private final Socket socket;
    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private int pos;
    private int limit;
    private long deadline;

    Input(Socket socket) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
    }

    /** Waits up to {@code idle} for a byte; false when the client closed or stayed idle. */
    boolean awaitFirstByte(Duration idle) throws IOException {
      if (pos < limit) {
        return true;
      }
      deadline = 0;
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, idle.toMillis()));
      try {
        return fill() > 0;
      } catch (SocketTimeoutException | SocketException e) {
        return false;
      }
    }

    void startDeadline(Duration timeout) {
      deadline = System.nanoTime() + timeout.toNanos();
    }

    void clearDeadline() {
      deadline = 0;
    }

    private int fill() throws IOException {
      pos = 0;
      limit = 0;
      int n = in.read(buffer);
      if (n > 0) {
        limit = n;
      }
      return n;
    }

    /** The next byte; EOF and the deadline are errors of the request. */
    private int next() throws IOException, HttpError {
      if (pos >= limit) {
        timeoutForRead();
        int n;
        try {
          n = fill();
        } catch (SocketTimeoutException e) {
          throw new HttpError(408, "the request did not arrive in time", false);
        }
        if (n <= 0) {
          throw new java.io.EOFException("the client closed in the middle of a request");
        }
      }
      return buffer[pos++] & 0xff;
    }

    private void timeoutForRead() throws IOException, HttpError {
      if (deadline == 0) {
        return;
      }
      long remaining = (deadline - System.nanoTime()) / 1_000_000;
      if (remaining <= 0) {
        throw new HttpError(408, "the request did not arrive in time", false);
      }
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remaining));
    }

    /** A line without its CRLF (a bare LF also ends it), in ISO-8859-1. */
    String readLine(int max, boolean requestLine) throws IOException, HttpError {
      StringBuilder line = new StringBuilder();
      while (true) {
        int b = next();
        if (b == '\n') {
          int end = line.length();
          if (end > 0 && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
          }
          return line.toString();
        }
        if (line.length() >= max) {
          if (requestLine && line.indexOf(" ") < 0) {
            throw new HttpError(501, "the sandbox implements the methods of HTTP/1.1 only", true);
          }
          throw requestLine ? new HttpError(414, "the request line is longer than " + max + " bytes", true)
              : new HttpError(431, "the header block is longer than " + MAX_HEADER_BYTES + " bytes", true);
        }
        if (requestLine && line.length() == MAX_METHOD && line.indexOf(" ") < 0) {
          // No HTTP method is this long: refuse before reading the rest of it.
          throw new HttpError(501, "the sandbox implements the methods of HTTP/1.1 only", true);
        }
        line.append((char) b);
      }
    }

    void readFully(byte[] target) throws IOException, HttpError {
      int off = 0;
      while (off < target.length) {
        if (pos >= limit) {
          next();
          pos--;
        }
        int n = Math.min(limit - pos, target.length - off);
        System.arraycopy(buffer, pos, target, off, n);
        pos += n;
        off += n;
      }
    }

    void drain(int maxBytes, Duration time) throws IOException {
      long end = System.nanoTime() + time.toNanos();
      int drained = limit - pos;
      pos = limit;
      while (drained < maxBytes) {
        long remaining = (end - System.nanoTime()) / 1_000_000;
        if (remaining <= 0) {
          return;
        }
        socket.setSoTimeout((int) remaining);
        int n;
        try {
          n = fill();
        } catch (SocketTimeoutException e) {
          return;
        }
        if (n <= 0) {
          return;
        }
        drained += n;
        pos = limit;
      }
    }
  }
}
