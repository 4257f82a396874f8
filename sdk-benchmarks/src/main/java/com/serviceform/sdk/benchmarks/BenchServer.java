package com.serviceform.sdk.benchmarks;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The loopback server the benchmarks call, run in its own process so its work is not measured as
 * the client's. It answers from precomputed bytes, keeps connections alive and sets TCP_NODELAY
 * (without it Nagle and delayed ACKs add about 40 ms per call and hide everything else).
 */
public final class BenchServer {
  static final int LIST_SIZE = 10_000;
  static final int CHATS_BYTES = 50 * 1024 * 1024;

  private final byte[] item;
  private final byte[] items;
  private final boolean withChats;
  private byte[] chats;

  private BenchServer(boolean withChats) {
    item = response(Payloads.itemBytes());
    items = response(Payloads.items(LIST_SIZE));
    this.withChats = withChats;
  }

  /** Built on first use (about a second for 50 MB), so runs that never ask for chats start fast. */
  private synchronized byte[] chats() {
    if (chats == null) {
      chats = withChats ? response(Payloads.chats(CHATS_BYTES)) : response("[]".getBytes(StandardCharsets.UTF_8));
    }
    return chats;
  }

  /** Args: [port] [--no-chats]. Prints "PORT n" once listening. */
  public static void main(String[] args) throws IOException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    boolean withChats = args.length < 2 || !args[1].equals("--no-chats");
    BenchServer server = new BenchServer(withChats);
    try (ServerSocket socket = new ServerSocket(port, 512, InetAddress.getLoopbackAddress())) {
      System.out.println("PORT " + socket.getLocalPort());
      System.out.flush();
      while (true) {
        Socket connection = socket.accept();
        connection.setTcpNoDelay(true);
        Thread thread = new Thread(() -> server.serve(connection), "conn");
        thread.setDaemon(true);
        thread.start();
      }
    }
  }

  private static byte[] response(byte[] body) {
    byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
        + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  private void serve(Socket connection) {
    try (connection;
        InputStream in = new BufferedInputStream(connection.getInputStream(), 16 * 1024);
        OutputStream out = new BufferedOutputStream(connection.getOutputStream(), 64 * 1024)) {
      StringBuilder line = new StringBuilder();
      while (true) {
        String requestLine = readLine(in, line);
        if (requestLine == null) {
          return;
        }
        int contentLength = 0;
        for (String header = readLine(in, line); header != null && !header.isEmpty(); header = readLine(in, line)) {
          if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
            contentLength = Integer.parseInt(header.substring(15).trim());
          }
        }
        in.skipNBytes(contentLength);
        out.write(route(requestLine));
        out.flush();
      }
    } catch (IOException closed) {
      // The client went away.
    }
  }

  private byte[] route(String requestLine) {
    String[] parts = requestLine.split(" ");
    String method = parts[0].toUpperCase(Locale.ROOT);
    String path = parts[1];
    if (method.equals("POST") && path.equals("/chats")) {
      return chats();
    }
    if (method.equals("GET") && path.endsWith("/items")) {
      return items;
    }
    return item;
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
}
