package com.serviceform.sdk.internal;

import java.io.IOException;
import java.net.Proxy;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Locale;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.io.DetachedSocketFactory;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.util.Timeout;

/**
 * The Apache transport's connection: HttpCore's client connection without HttpClient's header and
 * wire loggers, and with a check, before a request that must not be repeated is written on a
 * reused connection, that the server has not closed it.
 *
 * <p>HttpClient's own connection logs every request header, {@code sf-api-key} included, as soon as
 * {@code org.apache.hc.client5.http.headers} or {@code .wire} is at DEBUG; a common switch while
 * debugging must not print the key, so this connection logs nothing.
 *
 * <p>A server that closes a keep-alive connection right after a response leaves a pooled connection
 * that fails only once a request is written on it; for a {@code POST} the outcome would then be
 * unknown although the request never reached the server. The check reads the socket without
 * blocking (one non-blocking read on the socket's channel, about a microsecond): end of stream, or
 * bytes nobody asked for, mean the connection is unusable, and {@link RequestNotSentException} says
 * so before a byte is written.
 */
final class QuietConnection extends DefaultBHttpClientConnection implements ManagedHttpClientConnection {
  /** Creates this transport's connections. */
  static final HttpConnectionFactory<ManagedHttpClientConnection> FACTORY = socket -> {
    QuietConnection connection = new QuietConnection();
    if (socket != null) {
      connection.bind(socket);
    }
    return connection;
  };

  /** Plain sockets backed by a channel, so that {@link #peekClosed()} can read without blocking. */
  static final DetachedSocketFactory SOCKETS = proxy -> proxy == null || proxy.type() == Proxy.Type.DIRECT
      ? SocketChannel.open().socket()
      : new Socket(proxy);

  private final ByteBuffer probe = ByteBuffer.allocate(1);
  /** The plain socket under this connection (under TLS too), when it has a channel. */
  private volatile Socket channelSocket;
  private volatile Timeout socketTimeout;
  private int requestsSent;

  private QuietConnection() {
    super(Http1Config.DEFAULT);
  }

  @Override
  public void bind(Socket socket) throws IOException {
    super.bind(socket);
    remember(socket);
  }

  @Override
  public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
    super.bind(sslSocket, socket);
    remember(socket);
    socketTimeout = Timeout.ofMilliseconds(sslSocket.getSoTimeout());
  }

  private void remember(Socket socket) throws IOException {
    if (socket != null && socket.getChannel() != null) {
      channelSocket = socket;
    }
    if (socket != null) {
      socketTimeout = Timeout.ofMilliseconds(socket.getSoTimeout());
    }
  }

  @Override
  public Socket getSocket() {
    SocketHolder holder = getSocketHolder();
    return holder == null ? null : holder.getSocket();
  }

  @Override
  public void setSocketTimeout(Timeout timeout) {
    super.setSocketTimeout(timeout);
    socketTimeout = timeout;
  }

  @Override
  public void passivate() {
    super.setSocketTimeout(Timeout.ZERO_MILLISECONDS);
  }

  @Override
  public void activate() {
    if (socketTimeout != null) {
      super.setSocketTimeout(socketTimeout);
    }
  }

  @Override
  public void sendRequestHeader(ClassicHttpRequest request) throws HttpException, IOException {
    if (requestsSent > 0 && !idempotent(request.getMethod()) && peekClosed()) {
      throw new RequestNotSentException("the pooled connection was closed by the server before "
          + request.getMethod() + " was written");
    }
    super.sendRequestHeader(request);
    requestsSent++;
  }

  @Override
  public boolean isStale() throws IOException {
    // Asked by the pool before it hands out a connection idle for a while: the non-blocking read
    // answers at once, where HttpCore's own check waits a millisecond for a byte.
    return channelSocket != null ? peekClosed() : super.isStale();
  }

  /** Whether the server has closed the connection, or sent bytes nobody asked for; never blocks. */
  private boolean peekClosed() throws IOException {
    Socket socket = channelSocket;
    if (socket == null || !isOpen()) {
      return !isOpen();
    }
    SocketChannel channel = socket.getChannel();
    synchronized (channel.blockingLock()) {
      channel.configureBlocking(false);
      try {
        probe.clear();
        return channel.read(probe) != 0;
      } catch (IOException reset) {
        return true;
      } finally {
        channel.configureBlocking(true);
      }
    }
  }

  private static boolean idempotent(String method) {
    switch (method.toUpperCase(Locale.ROOT)) {
      case "GET":
      case "HEAD":
      case "PUT":
      case "DELETE":
      case "OPTIONS":
      case "TRACE":
        return true;
      default:
        return false;
    }
  }
}
