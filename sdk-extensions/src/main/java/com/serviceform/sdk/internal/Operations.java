package com.serviceform.sdk.internal;

import com.serviceform.sdk.api.ServiceformOperation;
import feign.MethodMetadata;
import feign.Request;
import feign.RequestTemplate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Finds the spec's facts about the operation a request was made for. */
final class Operations {
  static final ServiceformOperation UNKNOWN = new ServiceformOperation() {
    @Override
    public String id() {
      return "unknown";
    }

    @Override
    public boolean retrySafe() {
      return false;
    }

    @Override
    public Class<? extends java.lang.annotation.Annotation> annotationType() {
      return ServiceformOperation.class;
    }
  };

  // Keyed by the metadata object, which keeps Object's identity hash and equals: a compiled call
  // hands the same instance to every request, and a Method key would cost a Method.equals per call.
  private final Map<MethodMetadata, ServiceformOperation> byMetadata = new ConcurrentHashMap<>();

  /** The operation's annotation; an unannotated method is treated as not retry-safe. */
  ServiceformOperation of(Request request) {
    RequestTemplate template = request.requestTemplate();
    MethodMetadata metadata = template == null ? null : template.methodMetadata();
    if (metadata == null || metadata.method() == null) {
      return UNKNOWN;
    }
    return byMetadata.computeIfAbsent(metadata, md -> {
      ServiceformOperation operation = md.method().getAnnotation(ServiceformOperation.class);
      return operation == null ? UNKNOWN : operation;
    });
  }
}
