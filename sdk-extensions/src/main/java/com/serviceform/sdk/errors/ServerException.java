package com.serviceform.sdk.errors;

import java.util.List;
import java.util.Map;

/** A 5xx status: the API failed to handle the request. */
public class ServerException extends ServiceformApiException {
  private static final long serialVersionUID = 1L;

  public ServerException(int statusCode, Map<String, List<String>> headers, String body, String method,
      String requestUrl, int attempts) {
    super(statusCode, headers, body, method, requestUrl, attempts);
  }
}
