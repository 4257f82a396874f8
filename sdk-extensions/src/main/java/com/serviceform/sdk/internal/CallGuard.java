package com.serviceform.sdk.internal;

import com.serviceform.sdk.errors.ResponseDecodeException;
import com.serviceform.sdk.errors.ServiceformException;
import com.serviceform.sdk.errors.ServiceformIOException;
import feign.Client;
import feign.FeignException;
import feign.InvocationHandlerFactory;
import feign.Param;
import feign.Request;
import feign.Response;
import feign.Target;
import feign.codec.DecodeException;
import feign.codec.EncodeException;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.NonNull;

/**
 * The invocation handler of every generated API proxy. A call of a generated method goes straight
 * to its {@link CompiledCall}: the request is built (required arguments checked first), sent
 * through the {@link ResilientClient} and decoded, and the call returns or throws one of the SDK's
 * own exceptions. Feign's own per-call machinery (template expansion, header templates, the
 * method handler) is skipped; Feign stays the contract, the SPI and the fallback for anything not
 * compiled.
 */
public final class CallGuard implements InvocationHandlerFactory {
  private static final Map<Method, String[]> REQUIRED = new ConcurrentHashMap<>();

  private final InvocationHandlerFactory feign = new InvocationHandlerFactory.Default();
  private final RequestFactory requests;
  private final Client client;
  private final JsonDecoder decoder;
  private final Request.Options options;

  public CallGuard(RequestFactory requests, Client client, JsonDecoder decoder, Request.Options options) {
    this.requests = requests;
    this.client = client;
    this.decoder = decoder;
    this.options = options;
  }

  @Override
  public InvocationHandler create(Target target, Map<Method, MethodHandler> dispatch) {
    InvocationHandler delegate = feign.create(target, dispatch);
    return (proxy, method, args) -> {
      CompiledCall call = requests.call(method);
      if (call != null) {
        Request request = requests.request(call, args);
        Response response = client.execute(request, options);
        try {
          return decoder.decode(response, call.returnType(), call.emptyBodyAllowed());
        } catch (IOException e) {
          throw new ServiceformIOException(request.httpMethod().name(), request.url(),
              "the response could not be read", e, 1);
        }
      }
      if (method.getDeclaringClass() != Object.class) {
        checkRequired(method, args);
      }
      return viaFeign(delegate, proxy, method, args);
    };
  }

  private static Object viaFeign(InvocationHandler delegate, Object proxy, Method method, Object[] args)
      throws Throwable {
    try {
      return delegate.invoke(proxy, method, args);
    } catch (DecodeException e) {
      if (e.getCause() instanceof ServiceformException) {
        throw e.getCause();
      }
      throw new ResponseDecodeException(e.status(), "", "the response could not be decoded", e);
    } catch (EncodeException e) {
      throw new IllegalArgumentException("the request body could not be encoded", e);
    } catch (FeignException e) {
      String url = e.request() == null ? "" : e.request().url();
      String verb = e.request() == null ? "" : e.request().httpMethod().name();
      throw new ServiceformIOException(verb, url, "the response could not be read", e, 1);
    }
  }

  private static void checkRequired(Method method, Object[] args) {
    if (args == null) {
      return;
    }
    String[] names = requiredParameterNames(method);
    for (int i = 0; i < args.length; i++) {
      if (args[i] == null && names[i] != null) {
        throw new IllegalArgumentException(names[i] + " is required but was null");
      }
    }
  }

  /** For each parameter, its name when the spec marks it required (@NonNull), else null. Cached. */
  static String[] requiredParameterNames(Method method) {
    return REQUIRED.computeIfAbsent(method, CallGuard::findRequired);
  }

  private static String[] findRequired(Method method) {
    Annotation[][] annotations = method.getParameterAnnotations();
    // JSpecify's annotations are type-use annotations: they sit on the parameter's type.
    AnnotatedType[] types = method.getAnnotatedParameterTypes();
    String[] names = new String[annotations.length];
    for (int i = 0; i < annotations.length; i++) {
      boolean required = types[i].isAnnotationPresent(NonNull.class);
      String name = null;
      for (Annotation annotation : annotations[i]) {
        if (annotation instanceof Param) {
          name = ((Param) annotation).value();
        }
      }
      names[i] = required ? (name == null ? "the request body" : name) : null;
    }
    return names;
  }
}
