package com.serviceform.sdk.errors;

import java.util.List;
import java.util.Map;

/** 422 Unprocessable Entity: the body was missing data or held invalid values. */
public class UnprocessableEntityException extends ServiceformApiException {
  private static final long serialVersionUID = 1L;

  public UnprocessableEntityException(int statusCode, Map<String, List<String>> headers, String body, String method,
      String requestUrl, int attempts) {
    super(statusCode, headers, body, method, requestUrl, attempts);
  }
}
