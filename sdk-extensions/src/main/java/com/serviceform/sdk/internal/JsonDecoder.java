package com.serviceform.sdk.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.serviceform.sdk.errors.ResponseDecodeException;
import com.serviceform.sdk.model.ApiResponse;
import feign.Response;
import feign.codec.Decoder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads 2xx bodies from bytes (no {@code Reader} in between) into the return type, and wraps them
 * in {@link ApiResponse} for the {@code ...WithHttpInfo} operations.
 *
 * <p>An empty body, or JSON {@code null}, is a null result only for the operations the spec marks
 * {@code x-serviceform-empty-body} (create, update and delete may answer with no body); for any
 * other operation it is a {@link ResponseDecodeException}, as is any body that is not the
 * documented JSON. Messages, snippets and causes are redacted: a server that echoes the key in a
 * body gets it quoted back by the parser.
 */
public final class JsonDecoder implements Decoder {
  private final ObjectMapper mapper;
  private final Redactor redactor;
  private final Map<Type, Target> targets = new ConcurrentHashMap<>();

  /** What a return type is read with, resolved once per type. */
  private static final class Target {
    final ObjectReader reader;
    final boolean collection;
    final String name;

    Target(ObjectReader reader, boolean collection, String name) {
      this.reader = reader;
      this.collection = collection;
      this.name = name;
    }
  }

  private Target target(Type type) {
    return targets.computeIfAbsent(type, t -> {
      JavaType javaType = mapper.getTypeFactory().constructType(t);
      return new Target(mapper.readerFor(javaType), javaType.isCollectionLikeType() || javaType.isArrayType(),
          javaType.toCanonical());
    });
  }

  public JsonDecoder(ObjectMapper mapper, Redactor redactor) {
    this.mapper = mapper;
    this.redactor = redactor;
  }

  @Override
  public Object decode(Response response, Type type) throws IOException {
    return decode(response, type, Operations.of(Operations.metadataOf(response.request())).emptyBodyAllowed());
  }

  /** Decodes {@code response} as {@code type}; {@code emptyAllowed}: an empty or null body is a null result. */
  public Object decode(Response response, Type type, boolean emptyAllowed) throws IOException {
    if (type instanceof ParameterizedType
        && ((ParameterizedType) type).getRawType() == ApiResponse.class) {
      Type bodyType = ((ParameterizedType) type).getActualTypeArguments()[0];
      Object body = bodyType == Void.class ? null : decodeBody(response, bodyType, emptyAllowed);
      // Header values are redacted like everything else a server sends back: one echoing the key
      // must not put it in the hands of code that logs the response.
      Map<String, Collection<String>> headers = Collections.unmodifiableMap(
          ErrorMapper.headers(response.headers()).entrySet().stream()
              .collect(java.util.stream.Collectors.toMap(
                  Map.Entry::getKey, e -> (Collection<String>) List.copyOf(redactor.redactAll(e.getValue())),
                  (a, b) -> a, java.util.TreeMap::new)));
      return new ApiResponse<>(response.status(), headers, body);
    }
    return decodeBody(response, type, emptyAllowed);
  }

  private Object decodeBody(Response response, Type type, boolean emptyAllowed) throws IOException {
    ResponseBytes body = body(response);
    Target target = target(type);
    String expected = target.collection ? "a JSON array" : "a JSON object";
    if (body.isBlank()) {
      if (emptyAllowed && !target.collection) {
        return null;
      }
      throw new ResponseDecodeException(response.status(), "",
          "HTTP " + response.status() + " had an empty body where " + expected + " was expected", null);
    }
    Object value;
    try {
      value = body.isSingleArray()
          ? target.reader.readValue(body.firstChunk(), 0, (int) body.size())
          : target.reader.readValue(body.stream());
    } catch (IOException e) {
      throw new ResponseDecodeException(response.status(), snippet(body),
          "HTTP " + response.status() + " had a body that is not the documented JSON for "
              + target.name + ": " + redactor.redact(firstLine(e.getMessage())), redactor.scrub(e));
    }
    if (value == null && !(emptyAllowed && !target.collection)) {
      throw new ResponseDecodeException(response.status(), snippet(body),
          "HTTP " + response.status() + " had JSON null where " + expected + " was expected", null);
    }
    return value;
  }

  private static ResponseBytes body(Response response) throws IOException {
    if (response.body() == null) {
      return ResponseBytes.EMPTY;
    }
    if (response.body() instanceof BufferedBytes && ((BufferedBytes) response.body()).buffered() != null) {
      return ((BufferedBytes) response.body()).buffered();
    }
    try (InputStream in = response.body().asInputStream()) {
      return ResponseBytes.of(in.readAllBytes());
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
