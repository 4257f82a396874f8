package com.serviceform.sdk.internal;

import com.fasterxml.jackson.databind.ObjectReader;
import com.serviceform.sdk.errors.ResponseDecodeException;
import com.serviceform.sdk.model.ApiResponse;
import feign.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads 2xx bodies, already in memory, into the operation's type, and builds the {@link
 * ApiResponse} of the {@code ...WithHttpInfo} methods.
 *
 * <p>An empty body, or JSON {@code null}, is a null result only for the operations the spec marks
 * {@code x-serviceform-empty-body} (create, update and delete may answer with no body); for any
 * other operation it is a {@link ResponseDecodeException}, as is any body that is not the
 * documented JSON. Messages, snippets, causes and header values are redacted: a server that echoes
 * the key gets it quoted back by the parser.
 */
final class JsonDecoder {
  private final Redactor redactor;

  JsonDecoder(Redactor redactor) {
    this.redactor = redactor;
  }

  /** The body read with {@code reader}. */
  Object decode(Response response, ObjectReader reader, boolean collection, String typeName, boolean emptyAllowed) {
    ResponseBytes body = body(response);
    String expected = collection ? "a JSON array" : "a JSON object";
    boolean nullAllowed = emptyAllowed && !collection;
    if (body.isBlank()) {
      if (nullAllowed) {
        return null;
      }
      throw new ResponseDecodeException(response.status(), "",
          "HTTP " + response.status() + " had an empty body where " + expected + " was expected", null,
          requestId(response));
    }
    Object value;
    try {
      value = body.isSingleArray()
          ? reader.readValue(body.firstChunk(), 0, (int) body.size())
          : reader.readValue(body.stream());
    } catch (IOException e) {
      throw new ResponseDecodeException(response.status(), snippet(body),
          "HTTP " + response.status() + " had a body that is not the documented JSON for "
              + typeName + ": " + redactor.redact(firstLine(e.getMessage())), redactor.scrub(e), requestId(response));
    }
    if (value == null && !nullAllowed) {
      throw new ResponseDecodeException(response.status(), snippet(body),
          "HTTP " + response.status() + " had JSON null where " + expected + " was expected", null,
          requestId(response));
    }
    return value;
  }

  private String requestId(Response response) {
    return redactor.redact(RequestIds.find(response.headers()));
  }

  /** Status, headers (lower-case names, values redacted) and {@code body}. */
  ApiResponse<Object> apiResponse(Response response, Object body) {
    // Header values are redacted like everything else a server sends back: one echoing the key
    // must not put it in the hands of code that logs the response.
    Map<String, Collection<String>> headers = new TreeMap<>();
    ErrorMapper.headers(response.headers()).forEach((name, values) ->
        headers.put(name, List.copyOf(redactor.redactAll(values))));
    return new ApiResponse<>(response.status(), Collections.unmodifiableMap(headers), body);
  }

  private static ResponseBytes body(Response response) {
    if (response.body() == null) {
      return ResponseBytes.EMPTY;
    }
    if (response.body() instanceof BufferedBytes && ((BufferedBytes) response.body()).buffered() != null) {
      return ((BufferedBytes) response.body()).buffered();
    }
    try (InputStream in = response.body().asInputStream()) {
      return ResponseBytes.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The start of the body: redacted whole first (a key cut at the end of the snippet must not be
   * left half-visible), then cut.
   */
  private String snippet(ResponseBytes body) {
    String text = redactor.redact(body.text(ResponseDecodeException.MAX_SNIPPET_CHARS * 4));
    return text.length() <= ResponseDecodeException.MAX_SNIPPET_CHARS
        ? text : text.substring(0, ResponseDecodeException.MAX_SNIPPET_CHARS);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
