package com.serviceform.sdk;

/**
 * The HTTP client a {@link ServiceformClient} sends requests with. Both are pure Java; to use any
 * other {@code feign.Client} (OkHttp, for example) pass it to {@link
 * ServiceformClient.Builder#httpClient(feign.Client)}.
 */
public enum Transport {
  /**
   * Apache HttpClient 5 (classic, pooled): the default, chosen because it measured fastest of the
   * two on small calls (see {@code docs/performance.md}). Holds a connection pool that {@link
   * ServiceformClient#close()} releases.
   */
  APACHE_HTTP_CLIENT_5,
  /** The JDK's {@code java.net.http.HttpClient}: no extra dependency. */
  JDK_HTTP_CLIENT
}
