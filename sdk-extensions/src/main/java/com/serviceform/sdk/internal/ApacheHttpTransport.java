package com.serviceform.sdk.internal;

import feign.Client;
import feign.Request;
import feign.Response;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SchemePortResolver;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.client5.http.io.HttpClientConnectionOperator;
import org.apache.hc.client5.http.routing.RoutingSupport;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.io.ModalCloseable;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import javax.net.ssl.SSLContext;

/**
 * A {@link Client} on Apache HttpClient 5 (classic API) with its own connection pool.
 *
 * <p>Automatic retries, redirects, cookies and content decompression are all off: retries and
 * redirects are decided in one place above the transport, so one attempt is one request on the
 * wire. A body read to its end returns the connection to the pool; closing a body early discards
 * the connection at once instead of draining it. Connections are {@link QuietConnection}s: they
 * log no headers, and a request that must not be repeated is never written on a pooled connection
 * the server has already closed.
 */
final class ApacheHttpTransport implements Client, Closeable {
  // HttpClient computes these from the entity and the URI.
  private static final String[] SKIPPED = {"Content-Length", "Host", "Transfer-Encoding", "Connection", "Content-Type"};

  private final PoolingHttpClientConnectionManager pool;
  private final CloseableHttpClient client;
  private final int maxConnections;
  private final int defaultReadTimeoutMillis;
  private final long defaultAcquireMillis;
  private final RequestConfig defaultConfig;
  /** Whether waits for a pooled connection are measured (for event listeners; else nothing is done). */
  private final boolean timePoolWaits;

  ApacheHttpTransport(ClientSettings settings) {
    this(settings.connectTimeout, settings.readTimeout, settings.maxConnections, settings.connectionAcquireTimeout,
        settings.sslContext, Proxies.forBaseUrl(settings), settings.proxyUsername, settings.proxyPassword,
        !settings.eventListeners.isEmpty());
    if (settings.sslContext == null && settings.baseUrl.regionMatches(true, 0, "https:", 0, 6)) {
      // This client's first connection needs the JVM's TLS: set it up meanwhile.
      DefaultTls.prepare();
    }
  }

  private ApacheHttpTransport(Duration connectTimeout, Duration readTimeout, int maxConnections,
      Duration acquireTimeout, SSLContext sslContext, Proxy proxy, String proxyUser, String proxyPassword,
      boolean timePoolWaits) {
    this.maxConnections = maxConnections;
    this.timePoolWaits = timePoolWaits;
    PoolBuilder poolBuilder = new PoolBuilder();
    poolBuilder.setTlsSocketStrategy(new LazyTls(sslContext));
    this.pool = poolBuilder
        // STRICT (the default) on purpose: measured with 64 callers on 2 cores, LAX gave about
        // two thirds of the throughput (docs/performance.md).
        .setPoolConcurrencyPolicy(org.apache.hc.core5.pool.PoolConcurrencyPolicy.STRICT)
        .setConnectionFactory(QuietConnection.FACTORY)
        .setMaxConnTotal(maxConnections)
        .setMaxConnPerRoute(maxConnections)
        .setDefaultSocketConfig(SocketConfig.custom()
            .setTcpNoDelay(true)
            .setSoTimeout(Timeout.of(readTimeout))
            .build())
        .setDefaultConnectionConfig(ConnectionConfig.custom()
            .setConnectTimeout(Timeout.of(connectTimeout))
            .setSocketTimeout(Timeout.of(readTimeout))
            .setValidateAfterInactivity(TimeValue.ofSeconds(1))
            .build())
        .build();
    this.defaultReadTimeoutMillis = (int) readTimeout.toMillis();
    this.defaultAcquireMillis = acquireTimeout.toMillis();
    this.defaultConfig = requestConfig(defaultReadTimeoutMillis, defaultAcquireMillis);
    // The minimal client runs no exec chain (no retries, redirects, cookies, auth, decompression
    // or proxies): everything the SDK turns off anyway, at a few microseconds less per call. Only
    // a proxy needs the chain (its CONNECT tunnel and proxy authentication), with the rest off.
    HttpClientConnectionManager connections = timePoolWaits ? new TimedLeases(pool) : pool;
    this.client = proxy == null ? HttpClients.createMinimal(connections)
        : proxiedClient(connections, proxy, proxyUser, proxyPassword);
    IdleEviction.register(pool);
  }

  private static CloseableHttpClient proxiedClient(HttpClientConnectionManager pool, Proxy proxy,
      String user, String password) {
    InetSocketAddress address = (InetSocketAddress) proxy.address();
    HttpHost proxyHost = new HttpHost(address.getHostString(), address.getPort());
    HttpClientBuilder builder = HttpClients.custom()
        .setConnectionManager(pool)
        .setProxy(proxyHost)
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableCookieManagement()
        .disableContentCompression()
        .disableDefaultUserAgent();
    if (user != null) {
      BasicCredentialsProvider credentials = new BasicCredentialsProvider();
      credentials.setCredentials(new AuthScope(proxyHost), new UsernamePasswordCredentials(user, password.toCharArray()));
      builder.setDefaultCredentialsProvider(credentials);
    }
    return builder.build();
  }

  /**
   * TLS set up on the first {@code https} connection, not when the client is built: initialising
   * the JVM's TLS (its providers, the trust store) costs tens of milliseconds that a client on
   * {@code http} (a sandbox) never needs. Host names are verified (the strategy's default verifier)
   * against the context's trust.
   */
  private static final class LazyTls implements TlsSocketStrategy {
    private final SSLContext sslContext;
    private volatile TlsSocketStrategy strategy;

    LazyTls(SSLContext sslContext) {
      this.sslContext = sslContext;
    }

    @Override
    public javax.net.ssl.SSLSocket upgrade(java.net.Socket socket, String target, int port, Object attachment,
        org.apache.hc.core5.http.protocol.HttpContext context) throws IOException {
      TlsSocketStrategy current = strategy;
      if (current == null) {
        synchronized (this) {
          current = strategy;
          if (current == null) {
            strategy = current = sslContext == null ? DefaultTls.get() : new DefaultClientTlsStrategy(sslContext);
          }
        }
      }
      return current.upgrade(socket, target, port, attachment, context);
    }
  }

  /**
   * The JVM's default TLS (its default trust and providers), shared by every client that sets no
   * {@code SSLContext}, as {@code SSLContext.getDefault()} is. Setting it up (loading the providers,
   * reading the trust store) is most of what a short-lived process pays for its first {@code https}
   * call, and none of it depends on the client: so the first {@code https} client built starts it on
   * a daemon thread, where it overlaps the rest of the client's start-up (as Spring Boot's
   * {@code BackgroundPreinitializer} does), and the first connection waits for it or, if the thread
   * has not started yet, does it itself. A failure (an unreadable trust store) is kept and thrown
   * to every connection, like the JDK's own default context.
   */
  static final class DefaultTls {
    private static final FutureTask<TlsSocketStrategy> SETUP = new FutureTask<>(DefaultClientTlsStrategy::createDefault);
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private DefaultTls() {}

    /** Starts the setup in the background, once per JVM. */
    static void prepare() {
      if (!SETUP.isDone() && STARTED.compareAndSet(false, true)) {
        Thread thread = new Thread(SETUP, "serviceform-tls-setup");
        thread.setDaemon(true);
        thread.start();
      }
    }

    /** The strategy, set up here if no thread has begun to. */
    static TlsSocketStrategy get() throws IOException {
      // Does nothing if the thread is running it or ran it.
      SETUP.run();
      try {
        return SETUP.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while setting up TLS");
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException) {
          throw (RuntimeException) cause;
        }
        if (cause instanceof Error) {
          throw (Error) cause;
        }
        throw new IOException("TLS setup failed", cause);
      }
    }
  }

  /** The pool builder with sockets that have a channel (for {@link QuietConnection}'s check). */
  private static final class PoolBuilder extends PoolingHttpClientConnectionManagerBuilder {
    @Override
    protected HttpClientConnectionOperator createConnectionOperator(SchemePortResolver schemePortResolver,
        DnsResolver dnsResolver, TlsSocketStrategy tlsSocketStrategy) {
      return new DefaultHttpClientConnectionOperator(QuietConnection.SOCKETS, schemePortResolver, dnsResolver,
          RegistryBuilder.<TlsSocketStrategy>create().register(URIScheme.HTTPS.id, tlsSocketStrategy).build());
    }
  }

  private static RequestConfig requestConfig(int readTimeoutMillis, long acquireMillis) {
    return RequestConfig.custom()
        .setResponseTimeout(Timeout.ofMilliseconds(readTimeoutMillis))
        .setConnectionRequestTimeout(Timeout.ofMilliseconds(Math.max(acquireMillis, 1)))
        .setRedirectsEnabled(false)
        .build();
  }

  @Override
  public Response execute(Request request, Request.Options options) throws IOException {
    AttemptOptions attempt = AttemptOptions.of(options);
    int readTimeout = options.readTimeoutMillis();
    long acquire = attempt == null ? defaultAcquireMillis : attempt.acquireTimeoutMillis();
    RequestConfig config = readTimeout == defaultReadTimeoutMillis && acquire == defaultAcquireMillis
        ? defaultConfig : requestConfig(readTimeout, acquire);
    Abort abort = new Abort();
    if (attempt != null) {
      attempt.onAbort(abort);
    }
    ClassicHttpResponse response;
    boolean timed = timePoolWaits && attempt != null;
    if (timed) {
      TimedLeases.CURRENT.set(attempt);
    }
    try {
      // Each try that finds a pooled connection closed by the server sent nothing: try the next one
      // (at most one per pooled connection, then a new connection is certain).
      for (int closedConnections = 0; ; closedConnections++) {
        HttpUriRequestBase httpRequest = toApache(request, config);
        abort.request = httpRequest;
        if (abort.aborted) {
          httpRequest.cancel();
        }
        try {
          response = client.executeOpen(target(httpRequest), httpRequest, null);
          break;
        } catch (RequestNotSentException closed) {
          if (closedConnections >= maxConnections) {
            throw closed;
          }
        } catch (ConnectionRequestTimeoutException poolExhausted) {
          throw new PoolTimeoutException(maxConnections, acquire, poolExhausted);
        }
      }
    } finally {
      if (timed) {
        TimedLeases.CURRENT.remove();
      }
    }
    abort.response = response;
    if (abort.aborted) {
      // The abort ran before the response was known: end it here.
      abort.run();
    }
    Map<String, Collection<String>> headers = new LinkedHashMap<>();
    for (Header header : response.getHeaders()) {
      headers.computeIfAbsent(header.getName(), k -> new ArrayList<>()).add(header.getValue());
    }
    HttpEntity entity = response.getEntity();
    return Response.builder()
        .request(request)
        .status(response.getCode())
        .reason(response.getReasonPhrase())
        .headers(headers)
        .protocolVersion(Request.ProtocolVersion.HTTP_1_1)
        .body(new EntityBody(response, entity, abort))
        .build();
  }

  private static HttpUriRequestBase toApache(Request request, RequestConfig config) {
    HttpUriRequestBase httpRequest = new HttpUriRequestBase(request.httpMethod().name(), URI.create(request.url()));
    String contentType = null;
    for (Map.Entry<String, Collection<String>> header : request.headers().entrySet()) {
      String name = header.getKey();
      if (name.equalsIgnoreCase("Content-Type") && !header.getValue().isEmpty()) {
        contentType = header.getValue().iterator().next();
      }
      if (skipped(name)) {
        continue;
      }
      for (String value : header.getValue()) {
        httpRequest.addHeader(name, value);
      }
    }
    byte[] body = request.body();
    if (body != null) {
      httpRequest.setEntity(new ByteArrayEntity(body,
          contentType == null ? ContentType.APPLICATION_JSON : ContentType.parse(contentType)));
    }
    httpRequest.setConfig(config);
    return httpRequest;
  }

  private static boolean skipped(String header) {
    // equalsIgnoreCase rather than a lower-cased copy: no allocation per header per call.
    for (String name : SKIPPED) {
      if (name.equalsIgnoreCase(header)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Ends an exchange at once: cancels the request (which discards its connection, unblocking a
   * read stuck on a slow server) and closes the response without reading the rest of its body. The
   * deadline watchdog, {@code close()} of the client, and an early close of the body all end here.
   */
  private static final class Abort implements Runnable {
    volatile HttpUriRequestBase request;
    volatile ClassicHttpResponse response;
    volatile boolean aborted;

    @Override
    public void run() {
      aborted = true;
      HttpUriRequestBase current = request;
      if (current != null) {
        current.cancel();
      }
      ClassicHttpResponse open = response;
      if (open != null) {
        closeImmediately(open);
      }
    }
  }

  private static HttpHost target(HttpUriRequestBase request) throws IOException {
    try {
      return RoutingSupport.determineHost(request);
    } catch (HttpException e) {
      throw new ClientProtocolException(e.getMessage(), e);
    }
  }

  /** Closes the pool at once: connections in use are cut, not waited for. */
  @Override
  public void close() {
    IdleEviction.unregister(pool);
    client.close(CloseMode.IMMEDIATE);
  }

  private static void closeImmediately(ClassicHttpResponse response) {
    if (response instanceof ModalCloseable) {
      // IMMEDIATE skips the entity's close, which would read the rest of the body.
      ((ModalCloseable) response).close(CloseMode.IMMEDIATE);
      return;
    }
    try {
      response.close();
    } catch (IOException ignored) {
      // Aborting: the exchange ends either way.
    }
  }

  /** A response body; closing it before the end discards the connection rather than draining it. */
  private static final class EntityBody extends TransportBody {
    private final ClassicHttpResponse response;
    private final HttpEntity entity;
    private final Abort abort;

    EntityBody(ClassicHttpResponse response, HttpEntity entity, Abort abort) {
      this.response = response;
      this.entity = entity;
      this.abort = abort;
    }

    @Override
    long declaredLength() {
      return entity == null ? 0 : entity.getContentLength();
    }

    @Override
    InputStream open() throws IOException {
      return entity == null ? InputStream.nullInputStream() : entity.getContent();
    }

    @Override
    void finish() throws IOException {
      response.close();
    }

    @Override
    void abort() {
      abort.run();
    }
  }
}
