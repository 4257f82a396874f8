package com.serviceform.sdk.internal;

import com.serviceform.sdk.errors.CircuitOpenException;
import com.serviceform.sdk.errors.ClientClosedException;
import com.serviceform.sdk.errors.ClientRateLimitException;
import com.serviceform.sdk.errors.ConnectionPoolTimeoutException;
import com.serviceform.sdk.errors.ResponseDecodeException;
import com.serviceform.sdk.errors.ResponseTooLargeException;
import com.serviceform.sdk.errors.ServiceformApiException;
import com.serviceform.sdk.errors.ServiceformIOException;
import com.serviceform.sdk.errors.ServiceformTimeoutException;
import com.serviceform.sdk.events.Outcome;

/** What listeners are told about a failure: its {@link Outcome}, status and low-cardinality type. */
final class Outcomes {
  private Outcomes() {}

  static Outcome of(Throwable failure) {
    if (failure == null) {
      return Outcome.SUCCESS;
    }
    if (failure instanceof ServiceformApiException) {
      int status = ((ServiceformApiException) failure).statusCode();
      return status >= 400 && status < 500 ? Outcome.CLIENT_ERROR
          : status >= 500 && status < 600 ? Outcome.SERVER_ERROR : Outcome.OTHER_STATUS;
    }
    if (failure instanceof ResponseDecodeException || failure instanceof ResponseTooLargeException) {
      return Outcome.DECODE_ERROR;
    }
    if (failure instanceof ServiceformTimeoutException) {
      return Outcome.TIMEOUT;
    }
    if (failure instanceof ServiceformIOException) {
      return Outcome.IO_ERROR;
    }
    if (failure instanceof CircuitOpenException || failure instanceof ClientRateLimitException
        || failure instanceof ConnectionPoolTimeoutException) {
      return Outcome.NOT_SENT;
    }
    if (failure instanceof ClientClosedException) {
      return Outcome.CANCELLED;
    }
    return Outcome.UNKNOWN;
  }

  /** The status a failure carries (an error status, or the 2xx of a body that could not be used), else 0. */
  static int status(Throwable failure) {
    if (failure instanceof ServiceformApiException) {
      return ((ServiceformApiException) failure).statusCode();
    }
    if (failure instanceof ResponseDecodeException) {
      return ((ResponseDecodeException) failure).statusCode();
    }
    if (failure instanceof ResponseTooLargeException) {
      return ((ResponseTooLargeException) failure).statusCode();
    }
    return 0;
  }

  /** OpenTelemetry's {@code error.type}: the status code for an error status, else the class name; null for none. */
  static String errorType(Throwable failure) {
    if (failure == null) {
      return null;
    }
    if (failure instanceof ServiceformApiException) {
      return Integer.toString(((ServiceformApiException) failure).statusCode());
    }
    return failure.getClass().getName();
  }
}
