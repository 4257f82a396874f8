package com.serviceform.sdk.internal;

import com.serviceform.sdk.errors.ServiceformApiException;
import com.serviceform.sdk.errors.ServiceformIOException;
import com.serviceform.sdk.errors.ServiceformTimeoutException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;

/**
 * Which failures a call may be retried after, given whether its operation is retry-safe (the
 * spec's {@code x-serviceform-retry-safe}).
 *
 * <ul>
 *   <li>Any operation: the connection was never made (refused, or the connect timed out), or the
 *       transport found the pooled connection closed before writing, so the request provably never
 *       left; or 429, which says the request was not processed.
 *   <li>Retry-safe operations also: reset, empty or broken responses, read timeouts, 408, 500,
 *       502, 503, 504.
 *   <li>Nothing else: no other 4xx, no decode error, no open circuit, no deadline.
 * </ul>
 */
final class RetryClassifier {
  private RetryClassifier() {}

  public static boolean retryable(Throwable failure, boolean retrySafe) {
    if (failure instanceof ServiceformApiException) {
      int status = ((ServiceformApiException) failure).statusCode();
      if (status == 429) {
        return true;
      }
      return retrySafe && (status == 408 || status == 500 || status == 502 || status == 503 || status == 504);
    }
    if (failure instanceof ServiceformIOException) {
      if (failure instanceof ServiceformTimeoutException && ((ServiceformTimeoutException) failure).isCallTimeout()) {
        return false;
      }
      return retrySafe || neverSent(failure);
    }
    return false;
  }

  /**
   * True when the connection was never established, or a transport found before writing that it
   * could not send (a pooled connection the server had closed): no byte of the request was sent.
   */
  static boolean neverSent(Throwable failure) {
    for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException || t instanceof RequestNotSentException
          || t.getClass().getName().equals("org.apache.hc.client5.http.ConnectTimeoutException")) {
        return true;
      }
    }
    return false;
  }
}
