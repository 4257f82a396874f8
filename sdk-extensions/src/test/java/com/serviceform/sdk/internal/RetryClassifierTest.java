package com.serviceform.sdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.serviceform.sdk.errors.ClientClosedException;
import com.serviceform.sdk.errors.ConnectionPoolTimeoutException;
import com.serviceform.sdk.errors.ResponseDecodeException;
import com.serviceform.sdk.errors.ResponseTooLargeException;
import com.serviceform.sdk.errors.ServerException;
import com.serviceform.sdk.errors.ServiceformApiException;
import com.serviceform.sdk.errors.ServiceformIOException;
import com.serviceform.sdk.errors.ServiceformTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which failures may be retried, for a retry-safe operation and for createItem (docs/resilience.md's table). */
class RetryClassifierTest {
  private static ServiceformApiException status(int code) {
    return code >= 500 ? new ServerException(code, Map.of(), "", "GET", "u", 1)
        : new ServiceformApiException(code, Map.of(), "", "GET", "u", 1);
  }

  private static ServiceformIOException io(IOException cause) {
    return new ServiceformIOException("POST", "u", "failed", cause, 1);
  }

  @ParameterizedTest(name = "HTTP {0}: retry-safe {1}, createItem {2}")
  @CsvSource({
      "429, true, true",
      "408, true, false",
      "500, true, false",
      "502, true, false",
      "503, true, false",
      "504, true, false",
      "501, false, false",
      "400, false, false",
      "401, false, false",
      "403, false, false",
      "404, false, false",
      "409, false, false",
      "422, false, false"})
  void statuses(int code, boolean retrySafe, boolean createItem) {
    assertEquals(retrySafe, RetryClassifier.retryable(status(code), true));
    assertEquals(createItem, RetryClassifier.retryable(status(code), false));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "refused, true, true",
      "never written, true, true",
      "reset, true, false",
      "read timeout, true, false",
      "call timeout, false, false",
      "pool timeout, false, false",
      "closed, false, false",
      "decode, false, false",
      "too large, false, false"})
  void failuresWithoutAStatus(String kind, boolean retrySafe, boolean createItem) {
    RuntimeException failure;
    switch (kind) {
      case "refused":
        failure = io(new ConnectException("Connection refused"));
        break;
      case "never written":
        failure = io(new RequestNotSentException("closed before written"));
        break;
      case "reset":
        failure = io(new java.net.SocketException("Connection reset"));
        break;
      case "read timeout":
        failure = new ServiceformTimeoutException("GET", "u", "timed out", new java.net.SocketTimeoutException(), 1, false);
        break;
      case "call timeout":
        failure = new ServiceformTimeoutException("GET", "u", "call timeout", null, 1, true);
        break;
      case "pool timeout":
        failure = new ConnectionPoolTimeoutException("GET", "u", 4, Duration.ofSeconds(1), null, 1);
        break;
      case "closed":
        failure = new ClientClosedException("closed", null, 1);
        break;
      case "decode":
        failure = new ResponseDecodeException(200, "", "bad", null);
        break;
      default:
        failure = new ResponseTooLargeException(200, "GET", "u", 10, 1);
    }
    assertEquals(retrySafe, RetryClassifier.retryable(failure, true), kind);
    assertEquals(createItem, RetryClassifier.retryable(failure, false), kind);
  }
}
