package com.serviceform.sdk.internal;

import java.io.IOException;

/**
 * A transport found, before writing a byte of the request, that it cannot send it (a pooled
 * connection the server had closed). The request provably never left, so it may be sent again
 * whatever the operation.
 */
final class RequestNotSentException extends IOException {
  private static final long serialVersionUID = 1L;

  RequestNotSentException(String message) {
    super(message);
  }
}
