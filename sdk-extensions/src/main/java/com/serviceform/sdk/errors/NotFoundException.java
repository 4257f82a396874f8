package com.serviceform.sdk.errors;

import java.util.List;
import java.util.Map;

/** 404 Not Found: the space or item does not exist. */
public class NotFoundException extends ServiceformApiException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(int statusCode, Map<String, List<String>> headers, String body, String method,
      String requestUrl, int attempts) {
    super(statusCode, headers, body, method, requestUrl, attempts);
  }
}
