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
  /** How many bytes of chats POST /chats answers: 50 MB, none ("[]") or a few chats (16 KB). */
  private final int chatBytes;
  private byte[] chats;

  private BenchServer(int chatBytes) {
    item = response(Payloads.itemBytes());
    items = response(Payloads.items(LIST_SIZE));
    this.chatBytes = chatBytes;
  }

  /** Built on first use (about a second for 50 MB), so runs that never ask for chats start fast. */
  private synchronized byte[] chats() {
    if (chats == null) {
      chats = chatBytes > 0 ? response(Payloads.chats(chatBytes)) : response("[]".getBytes(StandardCharsets.UTF_8));
    }
    return chats;
  }

  /**
   * Args: [port] [--no-chats | --few-chats] [--tls keystore.p12 password]. Prints "PORT n" once
   * listening.
   */
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    String chats = args.length < 2 ? "" : args[1];
    BenchServer server = new BenchServer(chats.equals("--no-chats") ? 0
        : chats.equals("--few-chats") ? 16 * 1024 : CHATS_BYTES);
    int tls = java.util.Arrays.asList(args).indexOf("--tls");
    javax.net.ServerSocketFactory sockets = tls < 0 ? javax.net.ServerSocketFactory.getDefault()
        : tlsContext(args[tls + 1], args[tls + 2].toCharArray()).getServerSocketFactory();
    try (ServerSocket socket = sockets.createServerSocket(port, 512, InetAddress.getLoopbackAddress())) {
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

  private static javax.net.ssl.SSLContext tlsContext(String keyStore, char[] password) throws Exception {
    java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
    try (java.io.InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(keyStore))) {
      store.load(in, password);
    }
    javax.net.ssl.KeyManagerFactory keys =
        javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
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
