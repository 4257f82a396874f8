package com.serviceform.sdk.events;

import com.serviceform.sdk.internal.HeaderRules;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Headers an {@link EventListener} adds to one attempt's request (see {@link
 * EventListener#addRequestHeaders}). Not thread-safe; valid during that call only.
 */
public final class RequestHeaders {
  private Map<String, String> headers;

  /**
   * Adds a header to the attempt, replacing one of the same name set before (by this or an earlier
   * listener, or by {@code RequestOptions}).
   *
   * @throws IllegalArgumentException if the name is not a valid header name, is {@code sf-api-key}
   *     or another header the client sets itself ({@code Host}, {@code Content-Type}, {@code Accept},
   *     {@code User-Agent}, ...), or the value holds a control character
   */
  public RequestHeaders set(String name, String value) {
    HeaderRules.check(name, value, true);
    if (headers == null) {
      headers = new LinkedHashMap<>();
    }
    headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
    headers.put(name, value);
    return this;
  }

  /** What was set, in order; read-only. */
  public Map<String, String> asMap() {
    return headers == null ? Map.of() : Collections.unmodifiableMap(headers);
  }

  /** Whether nothing was set. */
  public boolean isEmpty() {
    return headers == null || headers.isEmpty();
  }

  @Override
  public String toString() {
    // Names only: a value may be a token.
    return "RequestHeaders" + asMap().keySet();
  }
}
