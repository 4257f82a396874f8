package com.serviceform.sdk.errors;

import java.util.List;
import java.util.Map;

/** A status the SDK has no class for (for example 3xx, 409 or 418). */
public class UnexpectedStatusException extends ServiceformApiException {
  private static final long serialVersionUID = 1L;

  public UnexpectedStatusException(int statusCode, Map<String, List<String>> headers, String body, String method,
      String requestUrl, int attempts) {
    super(statusCode, headers, body, method, requestUrl, attempts);
  }
}
