package com.serviceform.sdk.tests;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A loopback server whose every response is a JSON array of {@code count} chats with messages,
 * generated while it is written (chunked), so the server itself holds almost nothing in memory.
 * For one request per connection; enough for the memory tests.
 */
final class ChatFirehose implements AutoCloseable {
  private final ServerSocket socket;
  private final int count;
  private volatile long bytesWritten;

  ChatFirehose(int count) throws IOException {
    this.count = count;
    this.socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
    Thread thread = new Thread(this::serve, "chat-firehose");
    thread.setDaemon(true);
    thread.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  long bytesWritten() {
    return bytesWritten;
  }

  static String chat(int n) {
    StringBuilder json = new StringBuilder(1200);
    long t = 1_700_000_000L + n;
    json.append("{\"cid\":\"chat-").append(n).append("\",\"agentId\":\"agent-").append(n % 7)
        .append("\",\"agentName\":\"John Doe\",\"agentJoinedTime\":").append(t)
        .append(",\"changed\":").append(t + 60).append(",\"livechat\":1,\"uid\":\"user-").append(n % 100)
        .append("\",\"source\":\"website\",\"lastMessage\":\"Thank you for your inquiry!\",\"history\":[");
    for (int m = 0; m < 8; m++) {
      if (m > 0) {
        json.append(',');
      }
      json.append("{\"id\":\"m").append(m).append("\",\"type\":\"text\",\"timestamp\":").append(t + m)
          .append(",\"message\":\"This is message number ").append(m)
          .append(" of a conversation about prices, delivery times and the warranty.\"}");
    }
    return json.append("]}").toString();
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket s = socket.accept(); InputStream in = s.getInputStream();
          OutputStream out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024)) {
        readRequest(in);
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
            + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        StringBuilder chunk = new StringBuilder(64 * 1024).append('[');
        for (int n = 0; n < count; n++) {
          if (n > 0) {
            chunk.append(',');
          }
          chunk.append(chat(n));
          if (chunk.length() > 60_000) {
            writeChunk(out, chunk);
          }
        }
        chunk.append(']');
        writeChunk(out, chunk);
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      } catch (IOException closedByClient) {
        // The client stopped reading; that is what early-close tests do.
      }
    }
  }

  private void writeChunk(OutputStream out, StringBuilder chunk) throws IOException {
    byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
    out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.write(bytes);
    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    bytesWritten += bytes.length;
    chunk.setLength(0);
  }

  private static void readRequest(InputStream in) throws IOException {
    int matched = 0;
    int contentLength = 0;
    StringBuilder line = new StringBuilder();
    while (matched < 4) {
      int b = in.read();
      if (b == -1) {
        return;
      }
      matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
      if (b == '\n') {
        String header = line.toString().trim();
        if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
          contentLength = Integer.parseInt(header.substring(15).trim());
        }
        line.setLength(0);
      } else if (b != '\r') {
        line.append((char) b);
      }
    }
    in.readNBytes(contentLength);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
