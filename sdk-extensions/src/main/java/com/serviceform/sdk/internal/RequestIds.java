package com.serviceform.sdk.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Finds the id a server or a proxy in front of it gave a response, for support tickets and
 * correlation: the first of {@link #HEADERS}, in that order, that the response carries.
 */
public final class RequestIds {
  /**
   * The headers read, most specific first: the de-facto standard ({@code x-request-id}), its
   * unprefixed form, AWS API Gateway's and S3's, CloudFront's, the common correlation header, and
   * Cloudflare's ray id.
   */
  public static final List<String> HEADERS = List.of("x-request-id", "request-id", "x-amzn-requestid",
      "x-amz-request-id", "x-amz-cf-id", "x-correlation-id", "cf-ray");
  /** Longer values are not an id: they are cut here. */
  static final int MAX_LENGTH = 200;

  private RequestIds() {}

  /**
   * The request id in {@code headers} (names in any case), or null. The value is trimmed, cut to
   * {@value #MAX_LENGTH} characters, and refused when it holds a control character; it is not
   * redacted here.
   */
  public static String find(Map<String, ? extends Collection<String>> headers) {
    if (headers == null || headers.isEmpty()) {
      return null;
    }
    String best = null;
    int bestRank = HEADERS.size();
    for (Map.Entry<String, ? extends Collection<String>> header : headers.entrySet()) {
      String name = header.getKey();
      if (name == null || header.getValue() == null || header.getValue().isEmpty()) {
        continue;
      }
      for (int rank = 0; rank < bestRank; rank++) {
        if (HEADERS.get(rank).equalsIgnoreCase(name)) {
          String value = clean(header.getValue().iterator().next());
          if (value != null) {
            best = value;
            bestRank = rank;
          }
          break;
        }
      }
    }
    return best;
  }

  private static String clean(String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.trim();
    if (trimmed.isEmpty()) {
      return null;
    }
    if (trimmed.length() > MAX_LENGTH) {
      trimmed = trimmed.substring(0, MAX_LENGTH);
    }
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return null;
      }
    }
    return trimmed;
  }
}
