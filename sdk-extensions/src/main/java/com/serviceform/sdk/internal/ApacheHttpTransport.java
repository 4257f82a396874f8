package com.serviceform.sdk.internal;

import feign.Client;
import feign.Request;
import feign.Response;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.impl.IdleConnectionEvictor;
import org.apache.hc.client5.http.routing.RoutingSupport;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * A {@link Client} on Apache HttpClient 5 (classic API) with its own connection pool.
 *
 * <p>Automatic retries, redirects, cookies and content decompression are all off: retries and
 * redirects are decided in one place above the transport, so one attempt is one request on the
 * wire. A body read to its end returns the connection to the pool; closing a body early discards
 * the connection instead of draining it.
 */
public final class ApacheHttpTransport implements Client, Closeable {
  // HttpClient computes these from the entity and the URI.
  private static final String[] SKIPPED = {"Content-Length", "Host", "Transfer-Encoding", "Connection", "Content-Type"};

  private final PoolingHttpClientConnectionManager pool;
  private final CloseableHttpClient client;
  private final int defaultReadTimeoutMillis;
  private final RequestConfig defaultConfig;
  private final IdleConnectionEvictor evictor;

  public ApacheHttpTransport(Duration connectTimeout, Duration readTimeout, int maxConnections) {
    this.pool = PoolingHttpClientConnectionManagerBuilder.create()
        // STRICT (the default) on purpose: measured with 64 callers on 2 cores, LAX gave about
        // two thirds of the throughput (docs/performance.md).
        .setPoolConcurrencyPolicy(org.apache.hc.core5.pool.PoolConcurrencyPolicy.STRICT)
        .setMaxConnTotal(maxConnections)
        .setMaxConnPerRoute(maxConnections)
        .setDefaultSocketConfig(SocketConfig.custom()
            .setTcpNoDelay(true)
            .setSoTimeout(Timeout.of(readTimeout))
            .build())
        .setDefaultConnectionConfig(ConnectionConfig.custom()
            .setConnectTimeout(Timeout.of(connectTimeout))
            .setSocketTimeout(Timeout.of(readTimeout))
            .setValidateAfterInactivity(TimeValue.ofSeconds(2))
            .build())
        .build();
    this.defaultReadTimeoutMillis = (int) readTimeout.toMillis();
    this.defaultConfig = requestConfig(defaultReadTimeoutMillis);
    // The minimal client runs no exec chain (no retries, redirects, cookies, auth, decompression
    // or proxies): everything the SDK turns off anyway, at a few microseconds less per call.
    this.client = HttpClients.createMinimal(pool);
    this.evictor = new IdleConnectionEvictor(pool, TimeValue.ofSeconds(30));
    evictor.start();
  }

  private static RequestConfig requestConfig(int readTimeoutMillis) {
    return RequestConfig.custom()
        .setResponseTimeout(Timeout.ofMilliseconds(readTimeoutMillis))
        .setConnectionRequestTimeout(Timeout.ofMilliseconds(readTimeoutMillis))
        .setRedirectsEnabled(false)
        .build();
  }

  @Override
  public Response execute(Request request, Request.Options options) throws IOException {
    HttpUriRequestBase httpRequest =
        new HttpUriRequestBase(request.httpMethod().name(), URI.create(request.url()));
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
    int readTimeout = options.readTimeoutMillis();
    httpRequest.setConfig(readTimeout == defaultReadTimeoutMillis ? defaultConfig : requestConfig(readTimeout));

    AttemptOptions attempt = AttemptOptions.of(options);
    Abort abort = attempt == null ? null : new Abort(httpRequest);
    if (abort != null) {
      attempt.onAbort(abort);
    }
    ClassicHttpResponse response = client.executeOpen(target(httpRequest), httpRequest, null);
    if (abort != null) {
      abort.response = response;
      if (attempt.aborted()) {
        // The abort ran before the response was known: close it here.
        closeQuietly(response);
      }
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
        .body(new EntityBody(response, entity))
        .build();
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
   * Cancels the request and, once there is one, closes the response: closing discards the
   * connection, which unblocks a read stuck on a slow server. One object per attempt for both.
   */
  private static final class Abort implements Runnable {
    private final HttpUriRequestBase request;
    volatile ClassicHttpResponse response;

    Abort(HttpUriRequestBase request) {
      this.request = request;
    }

    @Override
    public void run() {
      request.cancel();
      ClassicHttpResponse current = response;
      if (current != null) {
        closeQuietly(current);
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

  @Override
  public void close() {
    evictor.shutdown();
    client.close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
  }

  private static void closeQuietly(ClassicHttpResponse response) {
    try {
      response.close();
    } catch (IOException ignored) {
      // Aborting: the attempt fails either way.
    }
  }

  /** A response body; closing it before the end discards the connection rather than draining it. */
  private static final class EntityBody extends TransportBody {
    private final ClassicHttpResponse response;
    private final HttpEntity entity;

    EntityBody(ClassicHttpResponse response, HttpEntity entity) {
      this.response = response;
      this.entity = entity;
    }

    @Override
    public Integer length() {
      return knownLength(entity == null ? 0 : entity.getContentLength());
    }

    @Override
    InputStream open() throws IOException {
      return entity == null ? InputStream.nullInputStream() : entity.getContent();
    }

    @Override
    void release() throws IOException {
      response.close();
    }
  }
}
