package com.serviceform.sdk.internal;

import com.serviceform.sdk.api.ServiceformOperation;
import feign.MethodMetadata;
import feign.Request;
import feign.RequestTemplate;

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
    public boolean emptyBodyAllowed() {
      // A request built by hand, outside the generated interfaces: no spec to hold it to.
      return true;
    }

    @Override
    public Class<? extends java.lang.annotation.Annotation> annotationType() {
      return ServiceformOperation.class;
    }
  };

  private Operations() {}

  /** The operation's annotation; a request made outside an annotated interface method is not retry-safe. */
  static ServiceformOperation of(MethodMetadata metadata) {
    ServiceformOperation operation =
        metadata == null || metadata.method() == null ? null : metadata.method().getAnnotation(ServiceformOperation.class);
    return operation == null ? UNKNOWN : operation;
  }

  /** The metadata of the interface method a request was made by, or null for a hand-built request. */
  static MethodMetadata metadataOf(Request request) {
    RequestTemplate template = request.requestTemplate();
    return template == null ? null : template.methodMetadata();
  }
}
