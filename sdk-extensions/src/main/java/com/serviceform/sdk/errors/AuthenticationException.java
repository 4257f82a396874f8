package com.serviceform.sdk.errors;

import java.util.List;
import java.util.Map;

/** 401 or 403: the API key was missing, wrong or not allowed (the vendor documents 403 for an invalid key, and 401 on leads). */
public class AuthenticationException extends ServiceformApiException {
  private static final long serialVersionUID = 1L;

  public AuthenticationException(int statusCode, Map<String, List<String>> headers, String body, String method,
      String requestUrl, int attempts) {
    super(statusCode, headers, body, method, requestUrl, attempts);
  }
}
