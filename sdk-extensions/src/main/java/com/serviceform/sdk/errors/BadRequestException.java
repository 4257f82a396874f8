package com.serviceform.sdk.errors;

import java.util.List;
import java.util.Map;

/** 400 Bad Request: the request was malformed or a parameter was invalid. */
public class BadRequestException extends ServiceformApiException {
  private static final long serialVersionUID = 1L;

  public BadRequestException(int statusCode, Map<String, List<String>> headers, String body, String method,
      String requestUrl, int attempts) {
    super(statusCode, headers, body, method, requestUrl, attempts);
  }
}
