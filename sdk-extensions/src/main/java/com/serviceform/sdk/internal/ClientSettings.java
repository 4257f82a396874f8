package com.serviceform.sdk.internal;

import com.serviceform.sdk.LogLevel;
import com.serviceform.sdk.ResponseValidation;
import com.serviceform.sdk.Transport;
import com.serviceform.sdk.events.EventListener;
import com.serviceform.sdk.retry.RetryPolicy;
import com.serviceform.sdk.retry.Sleeper;
import com.serviceform.sdk.retry.Ticker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.net.ProxySelector;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * A client's configuration: an immutable value, checked by {@code ServiceformClient.Builder} as each
 * setting is made. The builder fills a {@link Builder}; {@code toBuilder()} starts one from a value.
 */
public final class ClientSettings {
  /** The circuit breaker unless configured otherwise (see {@code ServiceformClient.DEFAULT_CIRCUIT_BREAKER}). */
  public static final CircuitBreakerConfig DEFAULT_CIRCUIT_BREAKER = CircuitBreakerConfig.custom()
      .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
      .slidingWindowSize(20)
      .minimumNumberOfCalls(10)
      .failureRateThreshold(50)
      .waitDurationInOpenState(Duration.ofSeconds(30))
      .permittedNumberOfCallsInHalfOpenState(3)
      .slidingWindowSynchronizationStrategy(CircuitBreakerConfig.SlidingWindowSynchronizationStrategy.LOCK_FREE)
      .build();

  public final String apiKey;
  public final String baseUrl;
  public final Duration connectTimeout;
  public final Duration readTimeout;
  public final Transport transport;
  /** A {@code feign.Client} of the caller's, or null for a built-in transport. */
  public final feign.Client httpClient;
  public final int maxConnections;
  public final Duration connectionAcquireTimeout;
  public final long maxResponseBytes;
  public final LogLevel logLevel;
  public final boolean followRedirects;
  public final boolean allowInsecureHttp;
  public final RetryPolicy retryPolicy;
  /** Null for none. */
  public final Duration callTimeout;
  /** Null when the breaker is off. */
  public final CircuitBreakerConfig circuitBreakerConfig;
  /** Null when there is no client-side rate limiter. */
  public final RateLimiterConfig rateLimiterConfig;
  public final Clock clock;
  public final Sleeper sleeper;
  public final Ticker ticker;
  /** Null: the JVM's default selector (its standard proxy properties). */
  public final ProxySelector proxySelector;
  /** Null when the proxy needs no authentication. */
  public final String proxyUsername;
  public final String proxyPassword;
  /** Null: the JVM's default TLS context. */
  public final SSLContext sslContext;
  /** Appended to the User-Agent ({@code name/version}); null for none. */
  public final String appInfo;
  /** Event listeners, in registration order (a shared listener wrapped as a factory); empty for none. */
  public final List<EventListener.Factory> eventListeners;
  /** Whether listeners get request and response bodies (redacted). */
  public final boolean eventBodies;
  public final ResponseValidation responseValidation;

  private ClientSettings(Builder b) {
    this.apiKey = b.apiKey;
    this.baseUrl = b.baseUrl;
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    this.transport = b.transport;
    this.httpClient = b.httpClient;
    this.maxConnections = b.maxConnections;
    this.connectionAcquireTimeout = b.connectionAcquireTimeout;
    this.maxResponseBytes = b.maxResponseBytes;
    this.logLevel = b.logLevel;
    this.followRedirects = b.followRedirects;
    this.allowInsecureHttp = b.allowInsecureHttp;
    this.retryPolicy = b.retryPolicy;
    this.callTimeout = b.callTimeout;
    this.circuitBreakerConfig = b.circuitBreakerConfig;
    this.rateLimiterConfig = b.rateLimiterConfig;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.ticker = b.ticker;
    this.proxySelector = b.proxySelector;
    this.proxyUsername = b.proxyUsername;
    this.proxyPassword = b.proxyPassword;
    this.sslContext = b.sslContext;
    this.appInfo = b.appInfo;
    this.eventListeners = List.copyOf(b.eventListeners);
    this.eventBodies = b.eventBodies;
    this.responseValidation = b.responseValidation;
  }

  /** The defaults: production base URL, no key yet. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.apiKey = apiKey;
    b.baseUrl = baseUrl;
    b.connectTimeout = connectTimeout;
    b.readTimeout = readTimeout;
    b.transport = transport;
    b.httpClient = httpClient;
    b.maxConnections = maxConnections;
    b.connectionAcquireTimeout = connectionAcquireTimeout;
    b.maxResponseBytes = maxResponseBytes;
    b.logLevel = logLevel;
    b.followRedirects = followRedirects;
    b.allowInsecureHttp = allowInsecureHttp;
    b.retryPolicy = retryPolicy;
    b.callTimeout = callTimeout;
    b.circuitBreakerConfig = circuitBreakerConfig;
    b.rateLimiterConfig = rateLimiterConfig;
    b.clock = clock;
    b.sleeper = sleeper;
    b.ticker = ticker;
    b.proxySelector = proxySelector;
    b.proxyUsername = proxyUsername;
    b.proxyPassword = proxyPassword;
    b.sslContext = sslContext;
    b.appInfo = appInfo;
    b.eventListeners.addAll(eventListeners);
    b.eventBodies = eventBodies;
    b.responseValidation = responseValidation;
    return b;
  }

  /** The User-Agent every request carries. */
  public String userAgent() {
    return SdkVersion.userAgent() + (appInfo == null ? "" : " " + appInfo);
  }

  @Override
  public String toString() {
    return "ClientSettings{baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "null" : Redactor.REDACTED)
        + ", transport=" + (httpClient != null ? httpClient.getClass().getName() : transport) + "}";
  }

  /**
   * The mutable form, filled by {@code ServiceformClient.Builder} (which checks every value): its
   * fields are set directly. Not thread-safe.
   */
  public static final class Builder {
    public String apiKey;
    public String baseUrl = "https://link.serviceform.com";
    public Duration connectTimeout = Duration.ofSeconds(10);
    public Duration readTimeout = Duration.ofSeconds(30);
    public Transport transport = Transport.APACHE_HTTP_CLIENT_5;
    public feign.Client httpClient;
    public int maxConnections = 64;
    public Duration connectionAcquireTimeout = Duration.ofSeconds(10);
    public long maxResponseBytes = 64L * 1024 * 1024;
    public LogLevel logLevel = LogLevel.NONE;
    public boolean followRedirects;
    public boolean allowInsecureHttp;
    public RetryPolicy retryPolicy = RetryPolicy.ofDefaults();
    public Duration callTimeout = Duration.ofMinutes(2);
    public CircuitBreakerConfig circuitBreakerConfig = DEFAULT_CIRCUIT_BREAKER;
    public RateLimiterConfig rateLimiterConfig;
    public Clock clock = Clock.systemUTC();
    public Sleeper sleeper = Sleeper.system();
    public Ticker ticker = Ticker.system();
    public ProxySelector proxySelector;
    public String proxyUsername;
    public String proxyPassword;
    public SSLContext sslContext;
    public String appInfo;
    public final List<EventListener.Factory> eventListeners = new ArrayList<>();
    public boolean eventBodies;
    public ResponseValidation responseValidation = ResponseValidation.OFF;

    private Builder() {}

    /** Registers one listener instance for every call. */
    public void addEventListener(EventListener listener) {
      eventListeners.add(new Listeners.Shared(listener));
    }

    public ClientSettings build() {
      return new ClientSettings(this);
    }
  }
}
