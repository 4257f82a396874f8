package com.serviceform.sdk.internal;

import feign.MethodMetadata;
import feign.Param;
import feign.Request;
import feign.RequestInterceptor;
import feign.RequestTemplate;
import feign.Target;
import feign.codec.Encoder;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the request a generated API method would send, for callers that need the response body
 * unread (the streaming lists). It uses the same contract, expanders, encoder and interceptors as
 * the Feign proxies, so the method, path, encoding, key and retry-safety all come from the
 * generated interface and, through it, from the spec.
 */
public final class RequestFactory {
  private final Map<Method, MethodMetadata> metadata = new LinkedHashMap<>();
  private final Encoder encoder;
  private final List<RequestInterceptor> interceptors;
  private final String baseUrl;

  public RequestFactory(ServiceformContract contract, Encoder encoder, List<RequestInterceptor> interceptors,
      String baseUrl, Class<?>... apis) {
    for (Class<?> api : apis) {
      for (MethodMetadata md : contract.parseAndValidateMetadata(api)) {
        metadata.put(md.method(), md);
      }
    }
    this.encoder = encoder;
    this.interceptors = List.copyOf(interceptors);
    this.baseUrl = baseUrl;
  }

  /** The request for {@code api.method(args)}; arguments the spec requires must not be null. */
  public Request create(Class<?> api, String methodName, Object... args) {
    MethodMetadata md = find(api, methodName, args.length);
    String[] required = CallGuard.requiredParameterNames(md.method());
    for (int i = 0; i < args.length; i++) {
      if (args[i] == null && required[i] != null) {
        throw new IllegalArgumentException(required[i] + " is required but was null");
      }
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    for (Map.Entry<Integer, Collection<String>> entry : md.indexToName().entrySet()) {
      Object value = args[entry.getKey()];
      if (value == null) {
        continue;
      }
      Param.Expander expander = md.indexToExpander() == null ? null : md.indexToExpander().get(entry.getKey());
      if (expander != null) {
        value = value instanceof Iterable ? expandAll(expander, (Iterable<?>) value) : expander.expand(value);
      }
      for (String name : entry.getValue()) {
        variables.put(name, value);
      }
    }
    RequestTemplate template = RequestTemplate.from(md.template()).resolve(variables);
    template.methodMetadata(md);
    if (md.bodyIndex() != null) {
      encoder.encode(args[md.bodyIndex()], md.bodyType(), template);
    }
    for (RequestInterceptor interceptor : interceptors) {
      interceptor.apply(template);
    }
    template.feignTarget(new Target.HardCodedTarget<>(api, baseUrl));
    template.target(baseUrl);
    return template.request();
  }

  private MethodMetadata find(Class<?> api, String methodName, int arity) {
    for (Map.Entry<Method, MethodMetadata> entry : metadata.entrySet()) {
      Method method = entry.getKey();
      if (method.getDeclaringClass() == api && method.getName().equals(methodName)
          && method.getParameterCount() == arity) {
        return entry.getValue();
      }
    }
    throw new IllegalArgumentException("no operation " + api.getSimpleName() + "." + methodName);
  }

  private static List<String> expandAll(Param.Expander expander, Iterable<?> values) {
    List<String> expanded = new ArrayList<>();
    for (Object value : values) {
      if (value != null) {
        expanded.add(expander.expand(value));
      }
    }
    return expanded;
  }
}
