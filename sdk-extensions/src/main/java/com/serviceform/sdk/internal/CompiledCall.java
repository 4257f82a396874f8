package com.serviceform.sdk.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import feign.MethodMetadata;
import feign.Param;
import feign.Request;
import feign.RequestInterceptor;
import feign.RequestLine;
import feign.RequestTemplate;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One generated API method, compiled once into what its requests need: the method, the path and
 * query template from its {@code @RequestLine} (pieces and argument positions), the expanders the
 * {@link ServiceformContract} chose (one-segment path encoding, RFC 3339 dates), and the headers,
 * which never change: the method's {@code @Headers} plus what the client's interceptors add (the
 * API key and the User-Agent are the same on every request, so the interceptors run once per
 * method, not once per call).
 *
 * <p>Building a request is then a string append per piece, with no template parsing or header
 * re-expansion per call; this is what keeps the SDK within a few percent of a hand-written call.
 */
final class CompiledCall {
  private final Request.HttpMethod httpMethod;
  private final String baseUrl;
  private final Object[] path;
  private final String[] queryNames;
  private final int[] queryArgs;
  private final Param.Expander[] queryExpanders;
  private final int bodyIndex;
  private final Map<String, Collection<String>> headers;
  private final RequestTemplate template;
  private final Type returnType;
  private final String[] required;
  private final boolean emptyBodyAllowed;

  /** A path piece that is an argument: its position and its expander. */
  private static final class Argument {
    final int index;
    final Param.Expander expander;

    Argument(int index, Param.Expander expander) {
      this.index = index;
      this.expander = expander;
    }
  }

  private CompiledCall(Request.HttpMethod httpMethod, String baseUrl, Object[] path, String[] queryNames,
      int[] queryArgs, Param.Expander[] queryExpanders, int bodyIndex, Map<String, Collection<String>> headers,
      RequestTemplate template, Type returnType, String[] required, boolean emptyBodyAllowed) {
    this.httpMethod = httpMethod;
    this.baseUrl = baseUrl;
    this.path = path;
    this.queryNames = queryNames;
    this.queryArgs = queryArgs;
    this.queryExpanders = queryExpanders;
    this.bodyIndex = bodyIndex;
    this.headers = headers;
    this.template = template;
    this.returnType = returnType;
    this.required = required;
    this.emptyBodyAllowed = emptyBodyAllowed;
  }

  static CompiledCall compile(MethodMetadata md, String baseUrl, List<RequestInterceptor> interceptors) {
    Method method = md.method();
    RequestLine line = method.getAnnotation(RequestLine.class);
    if (line == null) {
      throw new IllegalArgumentException(method + " has no @RequestLine");
    }
    String requestLine = line.value().trim();
    int space = requestLine.indexOf(' ');
    Request.HttpMethod httpMethod = Request.HttpMethod.valueOf(requestLine.substring(0, space));
    String uri = requestLine.substring(space + 1).trim();
    int question = uri.indexOf('?');
    String pathTemplate = question < 0 ? uri : uri.substring(0, question);

    Map<String, Integer> indexByName = new HashMap<>();
    md.indexToName().forEach((index, names) -> names.forEach(name -> indexByName.put(name, index)));
    Map<Integer, Param.Expander> expanders = md.indexToExpander() == null ? Map.of() : md.indexToExpander();

    List<Object> path = new ArrayList<>();
    int at = 0;
    while (at < pathTemplate.length()) {
      int open = pathTemplate.indexOf('{', at);
      if (open < 0) {
        path.add(pathTemplate.substring(at));
        break;
      }
      if (open > at) {
        path.add(pathTemplate.substring(at, open));
      }
      int close = pathTemplate.indexOf('}', open);
      String name = pathTemplate.substring(open + 1, close);
      Integer index = indexByName.get(name);
      if (index == null || !expanders.containsKey(index)) {
        throw new IllegalArgumentException(method + ": path variable {" + name + "} has no encoding argument");
      }
      path.add(new Argument(index, expanders.get(index)));
      at = close + 1;
    }

    List<String> queryNames = new ArrayList<>();
    List<Integer> queryArgs = new ArrayList<>();
    List<Param.Expander> queryExpanders = new ArrayList<>();
    if (question >= 0) {
      for (String pair : uri.substring(question + 1).split("&")) {
        int eq = pair.indexOf('=');
        String name = pair.substring(0, eq);
        String variable = pair.substring(eq + 1);
        if (!variable.startsWith("{") || !variable.endsWith("}")) {
          throw new IllegalArgumentException(method + ": query " + pair + " is not a single variable");
        }
        Integer index = indexByName.get(variable.substring(1, variable.length() - 1));
        queryNames.add(PercentEncoding.encode(name));
        queryArgs.add(index);
        queryExpanders.add(expanders.get(index));
      }
    }

    // Static headers: the method's @Headers, then what the interceptors set, evaluated once.
    RequestTemplate headerTemplate = RequestTemplate.from(md.template());
    for (RequestInterceptor interceptor : interceptors) {
      interceptor.apply(headerTemplate);
    }
    Map<String, Collection<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headerTemplate.headers().forEach((name, values) -> {
      if (!name.equalsIgnoreCase("Content-Length")) {
        headers.put(name, Collections.unmodifiableList(new ArrayList<>(values)));
      }
    });

    RequestTemplate template = RequestTemplate.from(md.template());
    template.methodMetadata(md);
    return new CompiledCall(httpMethod, baseUrl, path.toArray(), queryNames.toArray(new String[0]),
        queryArgs.stream().mapToInt(Integer::intValue).toArray(), queryExpanders.toArray(new Param.Expander[0]),
        md.bodyIndex() == null ? -1 : md.bodyIndex(), Collections.unmodifiableMap(headers), template,
        md.returnType(), CallGuard.requiredParameterNames(method), Operations.of(md).emptyBodyAllowed());
  }

  /** The request for these arguments (already checked for required nulls). */
  Request request(Object[] args, ObjectWriter writer) {
    StringBuilder url = new StringBuilder(baseUrl.length() + 96).append(baseUrl);
    for (Object piece : path) {
      if (piece instanceof String) {
        url.append((String) piece);
      } else {
        Argument argument = (Argument) piece;
        url.append(argument.expander.expand(args[argument.index]));
      }
    }
    char separator = '?';
    for (int i = 0; i < queryNames.length; i++) {
      Object value = args[queryArgs[i]];
      if (value == null) {
        continue;
      }
      if (value instanceof Iterable) {
        for (Object element : (Iterable<?>) value) {
          if (element != null) {
            url.append(separator).append(queryNames[i]).append('=').append(queryValue(i, element));
            separator = '&';
          }
        }
      } else {
        url.append(separator).append(queryNames[i]).append('=').append(queryValue(i, value));
        separator = '&';
      }
    }
    byte[] body = null;
    if (bodyIndex >= 0) {
      try {
        body = writer.writeValueAsBytes(args[bodyIndex]);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("the request body cannot be written as JSON: " + e.getOriginalMessage(), e);
      }
    }
    return Request.create(httpMethod, url.toString(), headers, body, body == null ? null : StandardCharsets.UTF_8,
        template);
  }

  private String queryValue(int i, Object value) {
    Param.Expander expander = queryExpanders[i];
    return PercentEncoding.encode(expander == null ? String.valueOf(value) : expander.expand(value));
  }

  Type returnType() {
    return returnType;
  }

  /** Whether the spec lets a success come without a body (then the result is null). */
  boolean emptyBodyAllowed() {
    return emptyBodyAllowed;
  }

  /** For each parameter, its name when the spec marks it required, else null. */
  String[] required() {
    return required;
  }
}
