package com.serviceform.sdk.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.serviceform.sdk.api.QueryParameters;
import com.serviceform.sdk.api.ServiceformOperation;
import com.serviceform.sdk.model.ApiResponse;
import feign.Headers;
import feign.Param;
import feign.QueryMap;
import feign.Request;
import feign.RequestLine;
import io.github.resilience4j.retry.Retry;
import java.lang.annotation.Annotation;
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
 * One generated API method, compiled on its first call (once per client) into everything its
 * calls need: the operation's facts from the spec (id, retry safety, whether a success may have no
 * body, whether the body is required), how to build its request (method, path pieces and the positions of their
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

  private OperationCall(Method method, ServiceformOperation operation, String httpMethod, String pathTemplate,
      String baseUrl, Map<String, Collection<String>> headers, ObjectMapper mapper) {
    this.method = method;
    this.operationId = operation.id();
    this.retrySafe = operation.retrySafe();
    this.emptyBodyAllowed = operation.emptyBodyAllowed();
    this.bodyRequired = operation.bodyRequired();
    this.httpMethod = Request.HttpMethod.valueOf(httpMethod);
    this.baseUrl = baseUrl;
    String basePath = java.net.URI.create(baseUrl).getRawPath();
    this.urlTemplate = (basePath == null ? "" : basePath) + pathTemplate;
    this.headers = headers;
    this.writer = mapper.writer();

    // Each argument is a path variable (@Param), the query parameter object (@QueryMap), or the body.
    Annotation[][] annotations = method.getParameterAnnotations();
    names = new String[annotations.length];
    Map<String, Integer> indexByName = new HashMap<>();
    int body = -1;
    int query = -1;
    for (int i = 0; i < annotations.length; i++) {
      for (Annotation annotation : annotations[i]) {
        if (annotation instanceof Param) {
          names[i] = ((Param) annotation).value();
          indexByName.put(names[i], i);
        } else if (annotation instanceof QueryMap) {
          query = i;
          names[i] = "params";
        }
      }
      if (names[i] == null) {
        if (body >= 0) {
          throw new IllegalStateException(method + " has two arguments that are neither @Param nor @QueryMap");
        }
        body = i;
        names[i] = "the request body";
      }
    }
    this.bodyIndex = body;
    this.queryIndex = query;
    this.path = compilePath(method, pathTemplate, indexByName);

    Type returnType = method.getGenericReturnType();
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

  /**
   * A generated method, compiled from its annotations: {@code @ServiceformOperation}, Feign's
   * {@code @RequestLine} (method and path; query parameters travel in the parameter object),
   * {@code @Headers}, {@code @Param} and {@code @QueryMap}. Read directly rather than through
   * Feign's contract, which would parse every method of every interface (and load its template
   * engine) when a client is built; a method is compiled when it is first called.
   *
   * @throws IllegalStateException for a method the generator did not make
   */
  static OperationCall compile(Method method, String baseUrl, String apiKey, String userAgent, ObjectMapper mapper) {
    ServiceformOperation operation = method.getAnnotation(ServiceformOperation.class);
    RequestLine line = method.getAnnotation(RequestLine.class);
    if (operation == null || line == null) {
      throw new IllegalStateException(method + " has no @ServiceformOperation and @RequestLine: not a generated operation");
    }
    String requestLine = line.value().trim();
    int space = requestLine.indexOf(' ');
    String path = space < 0 ? "" : requestLine.substring(space + 1).trim();
    if (space < 0 || path.indexOf('?') >= 0) {
      throw new IllegalStateException(method + ": @RequestLine must be 'METHOD /path' without a query, was '"
          + requestLine + "'");
    }
    Map<String, Collection<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Headers declared = method.getAnnotation(Headers.class);
    if (declared != null) {
      for (String header : declared.value()) {
        int colon = header.indexOf(':');
        String name = header.substring(0, colon).trim();
        if (!name.equalsIgnoreCase("Content-Length")) {
          headers.put(name, List.of(header.substring(colon + 1).trim()));
        }
      }
    }
    headers.put(ApiKeyInterceptor.HEADER, List.of(apiKey));
    headers.put("User-Agent", List.of(userAgent));
    return new OperationCall(method, operation, requestLine.substring(0, space), path, baseUrl,
        Collections.unmodifiableMap(headers), mapper);
  }

  /** Every generated method of {@code api}, compiled (for tests; a client compiles a method when first called). */
  static List<OperationCall> compile(Class<?> api, String baseUrl, String apiKey, String userAgent,
      ObjectMapper mapper) {
    List<OperationCall> calls = new ArrayList<>();
    for (Method method : api.getMethods()) {
      if (!method.isDefault() && !java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
        calls.add(compile(method, baseUrl, apiKey, userAgent, mapper));
      }
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
