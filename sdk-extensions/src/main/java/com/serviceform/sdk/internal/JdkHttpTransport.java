package com.serviceform.sdk.internal;

import feign.Client;
import feign.Request;
import feign.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * A {@link Client} on the JDK's {@link HttpClient}, built here and used for every request (never a
 * client of Feign's making).
 *
 * <p>Plain {@code http://} goes out as HTTP/1.1 so the JDK never attempts an h2c upgrade;
 * {@code https://} negotiates HTTP/2 or HTTP/1.1 by ALPN. Redirects are never followed here (the
 * exchange layer decides). The JDK pools HTTP/1.1 connections without a size limit and reuses a
 * connection once a body has been read to its end.
 */
public final class JdkHttpTransport implements Client {
  // The JDK sets these itself and throws IllegalArgumentException if a caller does.
  private static final Set<String> RESTRICTED =
      Set.of("content-length", "host", "connection", "expect", "upgrade", "transfer-encoding");

  private final HttpClient client;

  public JdkHttpTransport(Duration connectTimeout) {
    this.client = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_2)
        .build();
  }

  /** The JDK client this transport sends with. */
  public HttpClient httpClient() {
    return client;
  }

  @Override
  public Response execute(Request request, Request.Options options) throws IOException {
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
      if (RESTRICTED.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
        continue;
      }
      for (String value : header.getValue()) {
        builder.header(header.getKey(), value);
      }
    }

    HttpResponse<InputStream> response;
    try {
      response = client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the response");
    }
    AttemptOptions attempt = AttemptOptions.of(options);
    if (attempt != null) {
      // The JDK has no read timeout for bodies; closing the stream unblocks a read on a slow server.
      InputStream stream = response.body();
      attempt.onAbort(() -> {
        try {
          stream.close();
        } catch (IOException ignored) {
          // Aborting: the attempt fails either way.
        }
      });
    }
    long length = response.headers().firstValueAsLong("content-length").orElse(-1L);
    return Response.builder()
        .request(request)
        .status(response.statusCode())
        .headers(new java.util.LinkedHashMap<String, Collection<String>>(response.headers().map()))
        .protocolVersion(response.version() == HttpClient.Version.HTTP_2
            ? Request.ProtocolVersion.HTTP_2 : Request.ProtocolVersion.HTTP_1_1)
        .body(new StreamBody(response.body(), TransportBody.knownLength(length)))
        .build();
  }

  /** The JDK's body stream; closing it before the end drops the connection. */
  private static final class StreamBody extends TransportBody {
    private final InputStream stream;
    private final Integer length;

    StreamBody(InputStream stream, Integer length) {
      this.stream = stream;
      this.length = length;
    }

    @Override
    public Integer length() {
      return length;
    }

    @Override
    InputStream open() {
      return stream;
    }

    @Override
    void release() throws IOException {
      stream.close();
    }
  }
}
