package com.serviceform.sdk;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A list response decoded one element at a time, with its status and headers: what the {@code
 * stream...WithHttpInfo} methods of {@link ServiceformClient} return. Close it (try-with-resources)
 * when done; closing before the end discards the connection rather than reading the rest.
 *
 * @param <T> the element type
 */
public interface StreamingResponse<T> extends AutoCloseable {
  /** The HTTP status (always a success: failures are thrown before a response is returned). */
  int statusCode();

  /** The response headers, keyed by lower-case name; values redacted like everything a server sends back. */
  Map<String, List<String>> headers();

  /** The elements, decoded as they arrive; can be consumed once. Closing it closes this response. */
  Stream<T> stream();

  /** Ends the exchange; idempotent. */
  @Override
  void close();
}
