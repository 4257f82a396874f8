package com.serviceform.sdk.internal;

import com.serviceform.sdk.LogLevel;
import feign.Request;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs exchanges at the configured {@link LogLevel}, with the API key redacted everywhere. At
 * {@link LogLevel#NONE} every method returns at once.
 */
final class HttpLogger {
  static final String LOGGER_NAME = "com.serviceform.sdk.http";
  private static final int MAX_LOGGED_BODY = 64 * 1024;

  private final Logger log;
  private final LogLevel level;
  private final Redactor redactor;

  HttpLogger(LogLevel level, Redactor redactor) {
    this.log = LoggerFactory.getLogger(LOGGER_NAME);
    this.level = level;
    this.redactor = redactor;
  }

  /** Whether anything is logged; lets callers skip work at {@link LogLevel#NONE}. */
  public boolean enabled() {
    return level != LogLevel.NONE && log.isDebugEnabled();
  }

  public void request(Request request) {
    if (!enabled()) {
      return;
    }
    StringBuilder line = new StringBuilder("--> ")
        .append(request.httpMethod()).append(' ').append(redactor.redact(request.url()));
    if (level.compareTo(LogLevel.HEADERS) >= 0) {
      appendHeaders(line, request.headers());
    }
    if (level == LogLevel.BODY && request.body() != null) {
      appendBody(line, request.body());
    }
    log.debug(line.toString());
  }

  /** Logs a response; {@code body} is null when it is streamed to the caller. */
  void response(
      Request request, int status, Map<String, Collection<String>> headers, ResponseBytes body, long tookNanos) {
    if (!enabled()) {
      return;
    }
    StringBuilder line = new StringBuilder("<-- ")
        .append(status).append(' ').append(request.httpMethod()).append(' ')
        .append(redactor.redact(request.url()))
        .append(" (").append(tookNanos / 1_000_000).append(" ms)");
    if (level.compareTo(LogLevel.HEADERS) >= 0) {
      appendHeaders(line, headers);
    }
    if (level == LogLevel.BODY && body != null) {
      line.append("\n\n").append(redactor.redact(body.text(MAX_LOGGED_BODY)));
      if (body.size() > MAX_LOGGED_BODY) {
        line.append("\n... (").append(body.size() - MAX_LOGGED_BODY).append(" more bytes)");
      }
    }
    log.debug(line.toString());
  }

  public void failure(Request request, Exception e, long tookNanos) {
    if (!enabled()) {
      return;
    }
    log.debug("<-- FAILED {} {} ({} ms): {}: {}", request.httpMethod(), redactor.redact(request.url()),
        tookNanos / 1_000_000, e.getClass().getSimpleName(), redactor.redact(e.getMessage()));
  }

  /** A free-form event (a retry, a redirect); {@code message} must not hold secrets. */
  public void event(String message, Object... args) {
    if (!enabled()) {
      return;
    }
    log.debug(message, args);
  }

  private void appendHeaders(StringBuilder line, Map<String, Collection<String>> headers) {
    headers.forEach((name, values) -> {
      for (String value : values) {
        line.append('\n').append(name).append(": ").append(redactor.headerValue(name, value));
      }
    });
  }

  private void appendBody(StringBuilder line, byte[] body) {
    int length = Math.min(body.length, MAX_LOGGED_BODY);
    line.append("\n\n").append(redactor.redact(new String(body, 0, length, StandardCharsets.UTF_8)));
    if (body.length > length) {
      line.append("\n... (").append(body.length - length).append(" more bytes)");
    }
  }
}
