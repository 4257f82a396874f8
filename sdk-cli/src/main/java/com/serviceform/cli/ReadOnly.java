package com.serviceform.cli;

import feign.RequestLine;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Objects;

/**
 * A generated API that can only read: every method whose request is not a {@code GET} or the chat
 * query ({@code POST /chats}, which the spec documents as a query without side effects) is refused
 * before anything is sent. The drift probe reaches the API only through these.
 */
final class ReadOnly {
  private ReadOnly() {}

  /** Whether a generated method only reads, by its {@code @RequestLine}. */
  static boolean reads(Method method) {
    RequestLine line = method.getAnnotation(RequestLine.class);
    if (line == null) {
      return false;
    }
    String request = line.value().trim();
    return request.startsWith("GET ") || request.equals("POST /chats");
  }

  /** {@code api} with every method that is not read-only refused. */
  static <T> T of(Class<T> type, T api) {
    Objects.requireNonNull(api, "api == null");
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return method.invoke(api, args);
      }
      if (!reads(method)) {
        RequestLine line = method.getAnnotation(RequestLine.class);
        throw new IllegalStateException("the probe only reads: refusing " + type.getSimpleName() + "."
            + method.getName() + (line == null ? "" : " (" + line.value() + ")"));
      }
      try {
        return method.invoke(api, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
