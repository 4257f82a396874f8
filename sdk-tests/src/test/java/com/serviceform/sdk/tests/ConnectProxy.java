package com.serviceform.sdk.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP proxy on loopback that only tunnels ({@code CONNECT}), optionally asking for Basic
 * credentials, and records what it saw: each CONNECT's request head, and every byte it relayed in
 * either direction (to show a key never crossed it in clear).
 */
final class ConnectProxy implements AutoCloseable {
  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "connect-proxy");
    t.setDaemon(true);
    return t;
  });
  private final String credentials;
  private final List<String> heads = new CopyOnWriteArrayList<>();
  private final ByteArrayOutputStream relayed = new ByteArrayOutputStream();
  private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());

  /** A proxy that asks for {@code user:password} with Basic, or for nothing when null. */
  ConnectProxy(String userAndPassword) throws IOException {
    this.credentials = userAndPassword == null ? null
        : "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    threads.execute(this::accept);
  }

  Proxy proxy() {
    return new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", server.getLocalPort()));
  }

  int port() {
    return server.getLocalPort();
  }

  /** The head (request line and headers) of every CONNECT received, in order. */
  List<String> heads() {
    return List.copyOf(heads);
  }

  /** Every byte relayed through a tunnel, both directions, as ISO-8859-1 text. */
  String relayed() {
    synchronized (relayed) {
      return relayed.toString(StandardCharsets.ISO_8859_1);
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        threads.execute(() -> serve(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      while (true) {
        String head = readHead(in);
        if (head == null) {
          return;
        }
        heads.add(head);
        String[] line = head.split("\r\n")[0].split(" ");
        if (!line[0].equals("CONNECT")) {
          out.write("HTTP/1.1 405 Only CONNECT\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
          continue;
        }
        if (credentials != null && !head.contains("\r\nProxy-Authorization: " + credentials)) {
          out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
              + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
          continue;
        }
        String[] target = line[1].split(":");
        Socket upstream = new Socket(target[0], Integer.parseInt(target[1]));
        sockets.add(upstream);
        out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        threads.execute(() -> pipe(upstream, client));
        pipe(client, upstream);
        return;
      }
    } catch (IOException gone) {
      // Either side closed.
    }
  }

  private void pipe(Socket from, Socket to) {
    byte[] buffer = new byte[8192];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        synchronized (relayed) {
          relayed.write(buffer, 0, n);
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException closed) {
      // One side went away: the tunnel ends.
    } finally {
      try {
        to.shutdownOutput();
      } catch (IOException ignored) {
        // Already closed.
      }
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      String text = head.toString(StandardCharsets.ISO_8859_1);
      if (text.endsWith("\r\n\r\n")) {
        return text.substring(0, text.length() - 4);
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (sockets) {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
    threads.shutdownNow();
  }
}
