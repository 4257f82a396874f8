package com.serviceform.sdk.internal;

import com.serviceform.sdk.errors.ResponseDecodeException;
import com.serviceform.sdk.errors.ServiceformException;
import com.serviceform.sdk.errors.ServiceformIOException;
import feign.FeignException;
import feign.InvocationHandlerFactory;
import feign.Param;
import feign.Target;
import feign.codec.DecodeException;
import feign.codec.EncodeException;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wraps each generated API proxy so that a call either returns or throws one of the SDK's own
 * exceptions: required arguments are checked before anything is built, and the few Feign
 * exceptions that can still escape Feign are translated.
 */
public final class CallGuard implements InvocationHandlerFactory {
  private final InvocationHandlerFactory feign = new InvocationHandlerFactory.Default();

  @Override
  public InvocationHandler create(Target target, Map<Method, MethodHandler> dispatch) {
    InvocationHandler delegate = feign.create(target, dispatch);
    Map<Method, String[]> required = new ConcurrentHashMap<>();
    for (Method method : dispatch.keySet()) {
      required.put(method, requiredParameterNames(method));
    }
    return (proxy, method, args) -> {
      String[] names = required.get(method);
      if (names != null && args != null) {
        for (int i = 0; i < args.length; i++) {
          if (args[i] == null && names[i] != null) {
            throw new IllegalArgumentException(names[i] + " is required but was null");
          }
        }
      }
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
        // Only an I/O failure while Feign reads a body gets here; the exchange handles the rest.
        String url = e.request() == null ? "" : e.request().url();
        String verb = e.request() == null ? "" : e.request().httpMethod().name();
        throw new ServiceformIOException(verb, url, "the response could not be read", e, 1);
      }
    };
  }

  /** For each parameter, its name when the spec marks it required (@Nonnull), else null. */
  static String[] requiredParameterNames(Method method) {
    Annotation[][] annotations = method.getParameterAnnotations();
    String[] names = new String[annotations.length];
    for (int i = 0; i < annotations.length; i++) {
      boolean required = false;
      String name = "argument " + i;
      for (Annotation annotation : annotations[i]) {
        if (annotation.annotationType().getName().equals("javax.annotation.Nonnull")) {
          required = true;
        } else if (annotation instanceof Param) {
          name = ((Param) annotation).value();
        }
      }
      if (required && name.startsWith("argument ")) {
        name = "the request body";
      }
      names[i] = required ? name : null;
    }
    return names;
  }
}
