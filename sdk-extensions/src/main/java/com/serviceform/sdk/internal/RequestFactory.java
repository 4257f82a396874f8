package com.serviceform.sdk.internal;

import com.fasterxml.jackson.databind.ObjectWriter;
import feign.MethodMetadata;
import feign.Request;
import feign.RequestInterceptor;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the requests of the generated API methods: each method is parsed once by the {@link
 * ServiceformContract} and compiled into a {@link CompiledCall}. The method, path, encoding,
 * headers and retry-safety all come from the generated interface and, through it, from the spec.
 */
public final class RequestFactory {
  private final Map<Method, CompiledCall> calls = new ConcurrentHashMap<>();
  private final ObjectWriter writer;

  public RequestFactory(ServiceformContract contract, ObjectWriter writer, List<RequestInterceptor> interceptors,
      String baseUrl, Class<?>... apis) {
    for (Class<?> api : apis) {
      for (MethodMetadata md : contract.parseAndValidateMetadata(api)) {
        calls.put(md.method(), CompiledCall.compile(md, baseUrl, List.copyOf(interceptors)));
      }
    }
    this.writer = writer;
  }

  /** The compiled call of a generated method, or null if it is not one. */
  CompiledCall call(Method method) {
    return calls.get(method);
  }

  /** The request {@code call} sends for {@code args}; required arguments are checked first. */
  Request request(CompiledCall call, Object[] args) {
    String[] required = call.required();
    Object[] actual = args == null ? new Object[0] : args;
    for (int i = 0; i < actual.length; i++) {
      if (actual[i] == null && required[i] != null) {
        throw new IllegalArgumentException(required[i] + " is required but was null");
      }
    }
    return call.request(actual, writer);
  }

  /** The request for {@code api.method(args)}, for callers that read the body themselves. */
  public Request create(Class<?> api, String methodName, Object... args) {
    for (Map.Entry<Method, CompiledCall> entry : calls.entrySet()) {
      Method method = entry.getKey();
      if (method.getDeclaringClass() == api && method.getName().equals(methodName)
          && method.getParameterCount() == args.length) {
        return request(entry.getValue(), args);
      }
    }
    throw new IllegalArgumentException("no operation " + api.getSimpleName() + "." + methodName);
  }
}
