package com.serviceform.sdk.internal;

import feign.Client;
import feign.Request;
import feign.Response;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Client} on the JDK's {@link HttpClient}, built here and used for every request (never a
 * client of Feign's making).
 *
 * <p>Plain {@code http://} goes out as HTTP/1.1 so the JDK never attempts an h2c upgrade;
 * {@code https://} negotiates HTTP/2 or HTTP/1.1 by ALPN. Redirects are never followed here (the
 * exchange layer decides).
 *
 * <p>The JDK's pool has no size limit, so this transport bounds the exchanges in flight itself: at
 * most {@code maxConnections} at once, each holding a permit from the moment it is sent until its
 * body is read to the end or closed; a call that gets no permit within the acquire timeout sends
 * nothing. Every read of a body waits at most the read timeout for the next bytes ({@link
 * JdkBodyStream}). The JDK client is built on the first request (building one starts its selector
 * thread, which an idle SDK client should not cost) and runs on this transport's own executor,
 * whose threads end with {@link #close()}; on Java 21 and later the JDK client itself is shut down
 * too (before that its selector thread ends once the client is garbage).
 */
final class JdkHttpTransport implements Client, Closeable {
  // The JDK sets these itself and throws IllegalArgumentException if a caller does.
  private static final Set<String> RESTRICTED =
      Set.of("content-length", "host", "connection", "expect", "upgrade", "transfer-encoding");
  private static final AtomicInteger CLIENTS = new AtomicInteger();

  /** Built on the first request: the JDK starts a selector thread per client as it builds one. */
  private volatile HttpClient client;
  private final HttpClient.Builder builder;
  private final ExecutorService executor;
  private final Semaphore inFlight;
  private final int maxConnections;
  private final long defaultAcquireMillis;

  /**
   * @throws IllegalStateException if the JDK's own HTTP client logging is set to print request
   *     headers ({@code jdk.httpclient.HttpClient.log} with headers, content, frames, trace or all,
   *     or {@code jdk.internal.httpclient.debug}): it would print the API key, and nothing the SDK
   *     can do stops it once the key is handed over
   */
  JdkHttpTransport(ClientSettings settings) {
    refuseHeaderLogging(System.getProperty("jdk.httpclient.HttpClient.log"),
        System.getProperty("jdk.internal.httpclient.debug"), System.getProperty("jdk.internal.httpclient.hpack.debug"));
    refuseBasicTunnelAuthentication(settings, System.getProperty("jdk.http.auth.tunneling.disabledSchemes"));
    this.maxConnections = settings.maxConnections;
    this.inFlight = new Semaphore(maxConnections, true);
    this.defaultAcquireMillis = settings.connectionAcquireTimeout.toMillis();
    int id = CLIENTS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    // Like the JDK's default (a cached pool), but ours to stop, with named daemon threads.
    this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
        r -> {
          Thread t = new Thread(r, "serviceform-jdk-http-" + id + "-" + threads.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    this.builder = HttpClient.newBuilder()
        .connectTimeout(settings.connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_2)
        .executor(executor);
    if (settings.proxySelector != null) {
      builder.proxy(settings.proxySelector);
    }
    if (settings.proxyUsername != null) {
      builder.authenticator(new ProxyOnlyAuthenticator(settings.proxyUsername, settings.proxyPassword));
    }
    if (settings.sslContext != null) {
      builder.sslContext(settings.sslContext);
    }
  }

  private HttpClient client() {
    HttpClient current = client;
    if (current == null) {
      synchronized (this) {
        current = client;
        if (current == null) {
          client = current = builder.build();
        }
      }
    }
    return current;
  }

  /**
   * The JDK will not send Basic credentials to a proxy for an {@code https} tunnel unless the
   * JVM-wide {@code jdk.http.auth.tunneling.disabledSchemes} allows it; the call would fail with a
   * 407 at run time. Say so when the client is built.
   */
  static void refuseBasicTunnelAuthentication(ClientSettings settings, String disabledSchemes) {
    boolean https = settings.baseUrl.regionMatches(true, 0, "https:", 0, 6);
    boolean basicDisabled = disabledSchemes == null || disabledSchemes.toLowerCase(Locale.ROOT).contains("basic");
    if (settings.proxyUsername != null && https && basicDisabled) {
      throw new IllegalStateException("the JDK HTTP client does not send Basic proxy credentials for https "
          + "(system property jdk.http.auth.tunneling.disabledSchemes disables it by default); use "
          + "Transport.APACHE_HTTP_CLIENT_5, or set that property to an empty value for the whole JVM");
    }
  }

  /** Answers only the proxy's challenge: the API itself never gets these credentials. */
  private static final class ProxyOnlyAuthenticator extends java.net.Authenticator {
    private final String user;
    private final char[] password;

    ProxyOnlyAuthenticator(String user, String password) {
      this.user = user;
      this.password = password.toCharArray();
    }

    @Override
    protected java.net.PasswordAuthentication getPasswordAuthentication() {
      return getRequestorType() == RequestorType.PROXY ? new java.net.PasswordAuthentication(user, password) : null;
    }
  }

  /**
   * Refuses the JDK client when its logging would print request headers. The JDK reads these
   * properties once, into loggers the SDK cannot filter; only the items that never print a header
   * value (errors, requests, ssl) are accepted.
   */
  static void refuseHeaderLogging(String log, String debug, String hpackDebug) {
    if (log != null) {
      for (String item : log.split(",")) {
        String name = item.trim().toLowerCase(Locale.ROOT);
        int colon = name.indexOf(':');
        name = colon < 0 ? name : name.substring(0, colon);
        if (!name.isEmpty() && !name.equals("errors") && !name.equals("requests") && !name.equals("ssl")) {
          throw new IllegalStateException("the JDK HTTP client is set to log '" + name
              + "' (system property jdk.httpclient.HttpClient.log), which prints request headers and so the "
              + "API key; use only errors, requests or ssl there, or Transport.APACHE_HTTP_CLIENT_5 "
              + "(docs/client.md, Logging)");
        }
      }
    }
    if (isTrue(debug) || isTrue(hpackDebug)) {
      throw new IllegalStateException("the JDK HTTP client's debug output is on (system property "
          + (isTrue(debug) ? "jdk.internal.httpclient.debug" : "jdk.internal.httpclient.hpack.debug")
          + "), which prints request headers and so the API key; turn it off or use "
          + "Transport.APACHE_HTTP_CLIENT_5 (docs/client.md, Logging)");
    }
  }

  private static boolean isTrue(String value) {
    return value != null && (value.isEmpty() || !value.trim().equalsIgnoreCase("false"));
  }

  /** The JDK client this transport sends with (built now if no request was sent yet). */
  HttpClient httpClient() {
    return client();
  }

  @Override
  public Response execute(Request request, Request.Options options) throws IOException {
    AttemptOptions attempt = AttemptOptions.of(options);
    long acquire = attempt == null ? defaultAcquireMillis : attempt.acquireTimeoutMillis();
    try {
      // A permit free at once (fairness kept: a zero wait does not barge past waiting callers) costs
      // no clock reads; only a real wait is measured, for event listeners.
      if (!inFlight.tryAcquire(0, TimeUnit.MILLISECONDS)) {
        long start = System.nanoTime();
        boolean acquired = inFlight.tryAcquire(acquire, TimeUnit.MILLISECONDS);
        if (attempt != null) {
          attempt.poolWaited(System.nanoTime() - start, !acquired);
        }
        if (!acquired) {
          throw new PoolTimeoutException(maxConnections, acquire, null);
        }
      } else if (attempt != null) {
        attempt.poolWaited(0, false);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a connection");
    }
    Permit permit = new Permit(inFlight);
    boolean handedOver = false;
    try {
      HttpRequest httpRequest = toJdk(request, options);
      CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> sent =
          client().sendAsync(httpRequest, HttpResponse.BodyHandlers.ofPublisher());
      if (attempt != null) {
        attempt.onAbort(() -> sent.cancel(true));
      }
      HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = await(sent);
      JdkBodyStream body = new JdkBodyStream(options.readTimeoutMillis());
      if (attempt != null) {
        // Closing the body unblocks a read waiting on a slow server and cancels the exchange.
        attempt.onAbort(body::close);
      }
      response.body().subscribe(body);
      long length = response.headers().firstValueAsLong("content-length").orElse(-1L);
      Response result = Response.builder()
          .request(request)
          .status(response.statusCode())
          .headers(new LinkedHashMap<String, Collection<String>>(response.headers().map()))
          .protocolVersion(response.version() == HttpClient.Version.HTTP_2
              ? Request.ProtocolVersion.HTTP_2 : Request.ProtocolVersion.HTTP_1_1)
          .body(new StreamBody(body, length, permit))
          .build();
      handedOver = true;
      return result;
    } finally {
      if (!handedOver) {
        permit.release();
      }
    }
  }

  private static HttpResponse<Flow.Publisher<List<ByteBuffer>>> await(
      CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> sent) throws IOException {
    try {
      return sent.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException) {
        throw (IOException) cause;
      }
      throw new IOException("the exchange failed: " + (cause == null ? e : cause).getClass().getSimpleName(),
          cause == null ? e : cause);
    } catch (CancellationException aborted) {
      throw new InterruptedIOException("the exchange was aborted");
    } catch (InterruptedException e) {
      sent.cancel(true);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the response");
    }
  }

  private static HttpRequest toJdk(Request request, Request.Options options) {
    URI uri = URI.create(request.url());
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
        .timeout(Duration.ofMillis(options.readTimeoutMillis()));
    if ("http".equalsIgnoreCase(uri.getScheme())) {
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    byte[] body = request.body();
    builder.method(request.httpMethod().name(),
        body == null || body.length == 0
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    for (Map.Entry<String, Collection<String>> header : request.headers().entrySet()) {
      if (RESTRICTED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        continue;
      }
      for (String value : header.getValue()) {
        builder.header(header.getKey(), value);
      }
    }
    return builder.build();
  }

  /**
   * Stops the executor (its threads end) and, where the JDK has it (Java 21+), shuts the client
   * down at once. Calls still in flight were aborted by the client before this.
   */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      Method shutdownNow = HttpClient.class.getMethod("shutdownNow");
      HttpClient current = client;
      if (current != null) {
        shutdownNow.invoke(current);
      }
    } catch (NoSuchMethodException java17) {
      // Before Java 21 the client has no shutdown: its selector thread ends once it is garbage.
    } catch (ReflectiveOperationException | RuntimeException ignored) {
      // Best effort: the executor is already stopped.
    }
  }

  /** One in-flight permit, released once. */
  private static final class Permit {
    private final Semaphore semaphore;
    private final AtomicBoolean released = new AtomicBoolean();

    Permit(Semaphore semaphore) {
      this.semaphore = semaphore;
    }

    void release() {
      if (released.compareAndSet(false, true)) {
        semaphore.release();
      }
    }
  }

  /** The body; closing it before the end cancels the exchange, and either way frees the permit. */
  private static final class StreamBody extends TransportBody {
    private final JdkBodyStream stream;
    private final long length;
    private final Permit permit;

    StreamBody(JdkBodyStream stream, long length, Permit permit) {
      this.stream = stream;
      this.length = length;
      this.permit = permit;
    }

    @Override
    long declaredLength() {
      return length;
    }

    @Override
    InputStream open() {
      return stream;
    }

    @Override
    void finish() {
      stream.close();
      permit.release();
    }

    @Override
    void abort() {
      stream.close();
      permit.release();
    }
  }
}
