package com.serviceform.sdk.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.serviceform.sdk.api.QueryParameters;
import com.serviceform.sdk.api.ServiceformOperation;
import com.serviceform.sdk.model.ApiResponse;
import feign.Contract;
import feign.MethodMetadata;
import feign.Request;
import io.github.resilience4j.retry.Retry;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One generated API method, compiled once per client into everything its calls need: the
 * operation's facts from the spec (id, retry safety, whether a success may have no body, whether
 * the body is required), how to build its request (method, path pieces and the positions of their
 * arguments, the query parameter object, the body, the headers, which never change: the method's
 * {@code @Headers}, {@code sf-api-key} and the User-Agent), how to read its answer, and its
 * Resilience4j {@link Retry}.
 *
 * <p>A call is then: {@link #request} (one place checks required arguments), one exchange through
 * the {@link ResilientClient}, and {@link #decode}. Nothing is looked up per call.
 */
final class OperationCall {
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  final Method method;
  final String operationId;
  final boolean retrySafe;
  final boolean emptyBodyAllowed;
  /** The path with {@code {name}} placeholders, after the base URL's own path: for listeners. */
  final String urlTemplate;
  private final boolean bodyRequired;
  private final Request.HttpMethod httpMethod;
  private final String baseUrl;
  /** The path: each piece a literal String or the Integer position of its argument. */
  private final Object[] path;
  /** Each argument's name for messages: the path variable, "params" or "the request body". */
  private final String[] names;
  private final int bodyIndex;
  private final int queryIndex;
  private final Map<String, Collection<String>> headers;
  private final boolean wrapped;
  private final ObjectReader reader;
  /** For a list: the reader of one element, for streaming. */
  private final ObjectReader elementReader;
  private final boolean collection;
  private final String typeName;
  private final ObjectWriter writer;
  /** The Retry for the client's own policy, found on the first call. */
  private volatile Retry retry;

  private OperationCall(Method method, MethodMetadata md, ServiceformOperation operation, String baseUrl,
      String basePath, Map<String, Collection<String>> headers, ObjectMapper mapper) {
    this.method = method;
    this.operationId = operation.id();
    this.retrySafe = operation.retrySafe();
    this.emptyBodyAllowed = operation.emptyBodyAllowed();
    this.bodyRequired = operation.bodyRequired();
    this.httpMethod = Request.HttpMethod.valueOf(md.template().method());
    this.baseUrl = baseUrl;
    this.urlTemplate = basePath + md.template().path();
    this.headers = headers;
    this.bodyIndex = md.bodyIndex() == null ? -1 : md.bodyIndex();
    this.queryIndex = md.queryMapIndex() == null ? -1 : md.queryMapIndex();
    this.writer = mapper.writer();

    int arity = method.getParameterCount();
    names = new String[arity];
    Map<String, Integer> indexByName = new HashMap<>();
    md.indexToName().forEach((index, aliases) -> {
      for (String name : aliases) {
        indexByName.put(name, index);
        names[index] = name;
      }
    });
    if (bodyIndex >= 0) {
      names[bodyIndex] = "the request body";
    }
    if (queryIndex >= 0) {
      names[queryIndex] = "params";
    }
    this.path = compilePath(method, md.template().path(), indexByName);

    Type returnType = md.returnType();
    this.wrapped = returnType instanceof ParameterizedType
        && ((ParameterizedType) returnType).getRawType() == ApiResponse.class;
    Type bodyType = wrapped ? ((ParameterizedType) returnType).getActualTypeArguments()[0] : returnType;
    if (bodyType == Void.class || bodyType == void.class) {
      this.reader = null;
      this.elementReader = null;
      this.collection = false;
      this.typeName = "no body";
    } else {
      JavaType javaType = mapper.getTypeFactory().constructType(bodyType);
      this.reader = mapper.readerFor(javaType);
      this.collection = javaType.isCollectionLikeType() || javaType.isArrayType();
      this.elementReader = collection ? mapper.readerFor(javaType.getContentType()) : null;
      this.typeName = javaType.toCanonical();
    }
  }

  /** Every generated method of {@code api}, compiled. */
  static List<OperationCall> compile(Class<?> api, String baseUrl, String apiKey, String userAgent,
      ObjectMapper mapper) {
    List<OperationCall> calls = new ArrayList<>();
    String prefix = java.net.URI.create(baseUrl).getRawPath();
    String basePath = prefix == null ? "" : prefix;
    for (MethodMetadata md : new Contract.Default().parseAndValidateMetadata(api)) {
      Method method = md.method();
      ServiceformOperation operation = method.getAnnotation(ServiceformOperation.class);
      if (operation == null) {
        throw new IllegalStateException(method + " has no @ServiceformOperation: not a generated operation");
      }
      Map<String, Collection<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      md.template().headers().forEach((name, values) -> {
        if (!name.equalsIgnoreCase("Content-Length")) {
          headers.put(name, List.copyOf(values));
        }
      });
      headers.put(ApiKeyInterceptor.HEADER, List.of(apiKey));
      headers.put("User-Agent", List.of(userAgent));
      calls.add(new OperationCall(method, md, operation, baseUrl, basePath, Collections.unmodifiableMap(headers), mapper));
    }
    return calls;
  }

  private static Object[] compilePath(Method method, String template, Map<String, Integer> indexByName) {
    List<Object> pieces = new ArrayList<>();
    int at = 0;
    while (at < template.length()) {
      int open = template.indexOf('{', at);
      if (open < 0) {
        pieces.add(template.substring(at));
        break;
      }
      if (open > at) {
        pieces.add(template.substring(at, open));
      }
      int close = template.indexOf('}', open);
      String name = template.substring(open + 1, close);
      Integer index = indexByName.get(name);
      if (index == null) {
        throw new IllegalStateException(method + ": path variable {" + name + "} has no argument");
      }
      pieces.add(index);
      at = close + 1;
    }
    return pieces.toArray();
  }

  /**
   * The request for these arguments, after checking them: every path argument, the parameter
   * object, and a body the spec requires must be given.
   *
   * @throws IllegalArgumentException naming a missing required argument, an unusable path value,
   *     or a body that cannot be written as JSON
   */
  Request request(Object[] args, CallSettings settings) {
    Object[] actual = args == null ? new Object[0] : args;
    for (int i = 0; i < actual.length; i++) {
      if (actual[i] == null && (i != bodyIndex || bodyRequired)) {
        throw new IllegalArgumentException(names[i] + " is required but was null"
            + (i == queryIndex ? ": pass " + method.getParameterTypes()[i].getSimpleName() + ".builder()...build()" : ""));
      }
    }
    StringBuilder url = new StringBuilder(baseUrl.length() + 96).append(baseUrl);
    for (Object piece : path) {
      if (piece instanceof String) {
        url.append((String) piece);
      } else {
        int index = (Integer) piece;
        url.append(PathSegments.encode(names[index], String.valueOf(actual[index])));
      }
    }
    if (queryIndex >= 0) {
      appendQuery(url, ((QueryParameters) actual[queryIndex]).toQueryMap());
    }
    byte[] body = null;
    if (bodyIndex >= 0 && actual[bodyIndex] != null) {
      try {
        body = writer.writeValueAsBytes(actual[bodyIndex]);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("the request body cannot be written as JSON: " + e.getOriginalMessage(), e);
      }
    }
    Map<String, Collection<String>> sent = headers;
    if (settings.extraHeaders != null) {
      sent = new LinkedHashMap<>(headers);
      sent.putAll(settings.extraHeaders);
    }
    return Request.create(httpMethod, url.toString(), sent, body, body == null ? null : StandardCharsets.UTF_8, null);
  }

  private static void appendQuery(StringBuilder url, Map<String, Object> query) {
    char separator = '?';
    for (Map.Entry<String, Object> parameter : query.entrySet()) {
      String name = PercentEncoding.encode(parameter.getKey());
      Object value = parameter.getValue();
      Iterable<?> values = value instanceof Iterable ? (Iterable<?>) value : Collections.singletonList(value);
      for (Object element : values) {
        if (element != null) {
          url.append(separator).append(name).append('=').append(PercentEncoding.encode(format(element)));
          separator = '&';
        }
      }
    }
  }

  /** A query value as text: date-times as RFC 3339 with seconds (their toString() drops zero seconds). */
  private static String format(Object value) {
    return value instanceof OffsetDateTime ? DATE_TIME.format((OffsetDateTime) value) : String.valueOf(value);
  }

  /** The answer, or the {@link ApiResponse} around it for a {@code ...WithHttpInfo} method. */
  Object decode(feign.Response response, JsonDecoder decoder) {
    Object body = reader == null ? null : decoder.decode(response, reader, collection, typeName, emptyBodyAllowed);
    return wrapped ? decoder.apiResponse(response, body) : body;
  }

  /** The reader of one element of this operation's list answer, for streaming; null when not a list. */
  ObjectReader elementReader() {
    return elementReader;
  }

  /** The Retry of this operation under the client's policy. */
  Retry retry(ResilientClient client) {
    Retry current = retry;
    if (current == null) {
      retry = current = client.retryFor(operationId, retrySafe, null);
    }
    return current;
  }

  @Override
  public String toString() {
    return "OperationCall{" + operationId + " " + method.getName() + "}";
  }
}
