package com.serviceform.sdk.internal;

import com.serviceform.sdk.errors.ResponseTooLargeException;
import com.serviceform.sdk.errors.ServiceformApiException;
import feign.Client;
import feign.Request;
import feign.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
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
 *
 * <p>Memory is bounded by configuration, never by what a server declares: a success body grows as
 * its bytes arrive, up to {@code maxResponseBytes} (past it, the exchange is aborted and the call
 * ends with {@link ResponseTooLargeException}); an error body is read up to {@value
 * #MAX_ERROR_BODY_BYTES} bytes and the rest is not read (the connection is discarded).
 */
final class ExchangeClient {
  static final int MAX_REDIRECTS = 5;
  /** Error bodies up to this size are read whole (and the connection reused); longer ones are cut. */
  static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

  private final Client transport;
  private final HttpLogger logger;
  private final ErrorMapper errors;
  private final Redactor redactor;
  private final boolean followRedirects;
  private final long maxResponseBytes;

  ExchangeClient(Client transport, HttpLogger logger, ErrorMapper errors, Redactor redactor,
      boolean followRedirects, long maxResponseBytes) {
    this.transport = Objects.requireNonNull(transport, "transport == null");
    this.logger = Objects.requireNonNull(logger, "logger == null");
    this.errors = Objects.requireNonNull(errors, "errors == null");
    this.redactor = Objects.requireNonNull(redactor, "redactor == null");
    this.followRedirects = followRedirects;
    this.maxResponseBytes = maxResponseBytes;
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
          logger.event("following {} redirect to {}", status, redactor.redact(next.url()));
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
      boolean success = status >= 200 && status < 300;
      if (stream && success) {
        logger.response(request, status, response.headers(), null, System.nanoTime() - start);
        handedOver = true;
        return response;
      }
      ResponseBytes body;
      if (success) {
        try {
          body = read(response);
        } catch (ResponseBytes.TooLarge tooLarge) {
          throw new ResponseTooLargeException(status, request.httpMethod().name(), redactor.redact(request.url()),
              maxResponseBytes, options.attempt(), redactor.redact(RequestIds.find(response.headers())));
        }
      } else {
        body = response.body() == null ? ResponseBytes.EMPTY
            : ResponseBytes.of(ResponseBytes.readAtMost(response.body().asInputStream(), MAX_ERROR_BODY_BYTES));
      }
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
        // A body read to its end lets the connection be reused; anything else discards it.
        closeQuietly(response);
      }
    }
  }

  private ResponseBytes read(Response response) throws IOException, ResponseBytes.TooLarge {
    if (response.body() == null) {
      return ResponseBytes.EMPTY;
    }
    long declared = response.body() instanceof TransportBody
        ? ((TransportBody) response.body()).declaredLength()
        : response.body().length() == null ? -1 : response.body().length();
    InputStream in = response.body().asInputStream();
    return ResponseBytes.read(in, declared, maxResponseBytes);
  }

  private ServiceformApiException toApiException(Request request, Response response, int attempt) {
    ResponseBytes body = bytes(response);
    String text = body.text(ServiceformApiException.MAX_BODY_CHARS * 4);
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

  private static ResponseBytes bytes(Response response) {
    ResponseBytes bytes = response.body() instanceof BufferedBytes ? ((BufferedBytes) response.body()).buffered() : null;
    return bytes == null ? ResponseBytes.EMPTY : bytes;
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
