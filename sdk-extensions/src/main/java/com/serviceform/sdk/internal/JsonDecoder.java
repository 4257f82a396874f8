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
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads 2xx bodies from bytes (no {@code Reader} in between) into the return type, and wraps them
 * in {@link ApiResponse} for the {@code ...WithHttpInfo} operations.
 *
 * <p>An empty body, or JSON {@code null}, is a null result for a single object (create, update
 * and delete may answer with no body); for a list it is a {@link ResponseDecodeException}, as is
 * any body that is not the documented JSON.
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
    if (type instanceof ParameterizedType
        && ((ParameterizedType) type).getRawType() == ApiResponse.class) {
      Type bodyType = ((ParameterizedType) type).getActualTypeArguments()[0];
      Object body = bodyType == Void.class ? null : decodeBody(response, bodyType);
      Map<String, Collection<String>> headers = Collections.unmodifiableMap(
          ErrorMapper.headers(response.headers()).entrySet().stream()
              .collect(java.util.stream.Collectors.toMap(
                  Map.Entry::getKey, e -> (Collection<String>) List.copyOf(e.getValue()),
                  (a, b) -> a, java.util.TreeMap::new)));
      return new ApiResponse<>(response.status(), headers, body);
    }
    return decodeBody(response, type);
  }

  private Object decodeBody(Response response, Type type) throws IOException {
    byte[] body = body(response);
    Target target = target(type);
    if (isBlank(body)) {
      if (target.collection) {
        throw new ResponseDecodeException(response.status(), "",
            "HTTP " + response.status() + " had an empty body where a JSON array was expected", null);
      }
      return null;
    }
    Object value;
    try {
      value = target.reader.readValue(body);
    } catch (IOException e) {
      throw new ResponseDecodeException(response.status(), snippet(body),
          "HTTP " + response.status() + " had a body that is not the documented JSON for "
              + target.name + ": " + redactor.redact(firstLine(e.getMessage())), e);
    }
    if (value == null && target.collection) {
      throw new ResponseDecodeException(response.status(), snippet(body),
          "HTTP " + response.status() + " had JSON null where a JSON array was expected", null);
    }
    return value;
  }

  private static byte[] body(Response response) throws IOException {
    if (response.body() == null) {
      return new byte[0];
    }
    if (response.body() instanceof BufferedBytes && ((BufferedBytes) response.body()).bytes() != null) {
      return ((BufferedBytes) response.body()).bytes();
    }
    try (InputStream in = response.body().asInputStream()) {
      return in.readAllBytes();
    }
  }

  private static boolean isBlank(byte[] body) {
    // Only leading bytes matter: JSON starts with a non-blank byte almost at once.
    for (byte b : body) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  private String snippet(byte[] body) {
    int length = Math.min(body.length, ResponseDecodeException.MAX_SNIPPET_CHARS);
    return redactor.redact(new String(body, 0, length, StandardCharsets.UTF_8));
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
