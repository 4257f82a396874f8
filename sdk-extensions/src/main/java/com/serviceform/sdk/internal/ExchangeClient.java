package com.serviceform.sdk.internal;

import com.serviceform.sdk.auth.ApiKeyInterceptor;
import com.serviceform.sdk.errors.ServiceformApiException;
import feign.Client;
import feign.Request;
import feign.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One attempt of a call over a transport, and the only place that decides what a response means:
 * it logs, follows same-origin redirects when allowed, reads a success body to its end (so the
 * connection is reused and the attempt is complete, even against a server that dribbles), and
 * turns every other outcome into a typed exception. Retries live one level up, in {@link
 * ResilientClient}.
 */
public final class ExchangeClient {
  static final int MAX_REDIRECTS = 5;
  /** Error bodies up to this size are read whole, so the connection can be reused. */
  private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

  private final Client transport;
  private final HttpLogger logger;
  private final ErrorMapper errors;
  private final boolean followRedirects;

  public ExchangeClient(Client transport, HttpLogger logger, ErrorMapper errors, boolean followRedirects) {
    this.transport = Objects.requireNonNull(transport, "transport == null");
    this.logger = Objects.requireNonNull(logger, "logger == null");
    this.errors = Objects.requireNonNull(errors, "errors == null");
    this.followRedirects = followRedirects;
  }

  /**
   * One attempt: a 2xx response, or a typed exception. With {@code stream} the 2xx body is left
   * unread for the caller, who must close it; otherwise it is read whole.
   */
  public Response attempt(Request request, AttemptOptions options, boolean stream) {
    if (!request.headers().containsKey(ApiKeyInterceptor.HEADER)) {
      throw new IllegalStateException("refusing to send a request without " + ApiKeyInterceptor.HEADER);
    }
    Request current = request;
    for (int redirects = 0; ; redirects++) {
      Response response = exchange(current, options, stream);
      int status = response.status();
      if (status >= 200 && status < 300) {
        return response;
      }
      if (followRedirects && isRedirect(status) && redirects < MAX_REDIRECTS) {
        Request next = redirectTarget(current, response);
        if (next != null) {
          logger.event("following {} redirect to {}", status, next.url());
          current = next;
          continue;
        }
      }
      throw toApiException(current, response, options.attempt());
    }
  }

  /** Sends one request and returns the response with its body read, or throws. */
  private Response exchange(Request request, AttemptOptions options, boolean stream) {
    logger.request(request);
    long start = System.nanoTime();
    Response response = null;
    boolean handedOver = false;
    try {
      response = transport.execute(request, options);
      int status = response.status();
      if (stream && status >= 200 && status < 300) {
        logger.response(request, status, response.headers(), null, System.nanoTime() - start);
        handedOver = true;
        return response;
      }
      byte[] body = status >= 200 && status < 300
          ? readAll(response)
          : readAtMost(response, MAX_ERROR_BODY_BYTES);
      if (options.aborted()) {
        // The stream may end quietly when the watchdog closes it; what was read is not the body.
        throw new java.io.InterruptedIOException("aborted at the call timeout");
      }
      logger.response(request, status, response.headers(), body, System.nanoTime() - start);
      if (response.body() instanceof TransportBody) {
        ((TransportBody) response.body()).buffer(body);
        return response;
      }
      return response.toBuilder().body(new BufferedBody(body)).build();
    } catch (IOException e) {
      logger.failure(request, e, System.nanoTime() - start);
      throw errors.forIOException(request.httpMethod().name(), request.url(), e, options.attempt());
    } finally {
      if (!handedOver) {
        closeQuietly(response);
      }
    }
  }

  private ServiceformApiException toApiException(Request request, Response response, int attempt) {
    byte[] body = bytes(response);
    String text = new String(body, 0, Math.min(body.length, ServiceformApiException.MAX_BODY_CHARS * 4),
        StandardCharsets.UTF_8);
    return errors.forStatus(response.status(), response.headers(), text,
        request.httpMethod().name(), request.url(), attempt);
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /**
   * The request a redirect asks for, or null when it must not be followed: no usable Location, or
   * a different scheme, host or port. The API key is only ever sent to the origin it was
   * configured for, so a cross-origin redirect ends the call with its 3xx status.
   */
  private static Request redirectTarget(Request request, Response response) {
    Collection<String> locations = response.headers().get("location");
    if (locations == null || locations.isEmpty()) {
      return null;
    }
    URI from = URI.create(request.url());
    URI to;
    try {
      to = from.resolve(locations.iterator().next().trim());
    } catch (IllegalArgumentException malformed) {
      return null;
    }
    if (!sameOrigin(from, to)) {
      return null;
    }
    boolean becomesGet = response.status() == 303
        || ((response.status() == 301 || response.status() == 302)
            && request.httpMethod() == Request.HttpMethod.POST);
    Map<String, Collection<String>> headers = new LinkedHashMap<>(request.headers());
    if (becomesGet) {
      headers.remove("Content-Type");
      headers.remove("Content-Length");
      return Request.create(Request.HttpMethod.GET, to.toString(), headers, null, null,
          request.requestTemplate());
    }
    return Request.create(request.httpMethod(), to.toString(), headers, request.body(),
        request.charset(), request.requestTemplate());
  }

  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
  }

  private static byte[] readAll(Response response) throws IOException {
    if (response.body() == null) {
      return new byte[0];
    }
    Integer length = response.body().length();
    try (InputStream in = response.body().asInputStream()) {
      if (length == null || length < 0) {
        return in.readAllBytes();
      }
      // A known length is read into one exact array, then the end is confirmed: reading past the
      // last byte is what hands the connection back to the pool.
      byte[] body = new byte[length];
      int read = in.readNBytes(body, 0, length);
      if (read < length) {
        throw new java.io.EOFException("the body ended after " + read + " of " + length + " bytes");
      }
      if (in.read() != -1) {
        throw new IOException("the body is longer than its Content-Length of " + length + " bytes");
      }
      return body;
    }
  }

  private static byte[] readAtMost(Response response, int limit) throws IOException {
    if (response.body() == null) {
      return new byte[0];
    }
    InputStream in = response.body().asInputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 8192));
    byte[] buffer = new byte[8192];
    int n;
    while (out.size() < limit && (n = in.read(buffer, 0, Math.min(buffer.length, limit - out.size()))) != -1) {
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static byte[] bytes(Response response) {
    byte[] bytes = response.body() instanceof BufferedBytes ? ((BufferedBytes) response.body()).bytes() : null;
    return bytes == null ? new byte[0] : bytes;
  }

  private static void closeQuietly(Response response) {
    if (response != null && response.body() != null) {
      try {
        response.body().close();
      } catch (IOException ignored) {
        // The exchange already has its outcome; a failed close only loses the connection.
      }
    }
  }
}
