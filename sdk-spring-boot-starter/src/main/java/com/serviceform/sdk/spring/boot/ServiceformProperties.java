package com.serviceform.sdk.spring.boot;

import com.serviceform.sdk.LogLevel;
import com.serviceform.sdk.Transport;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code serviceform.*} properties the auto-configured {@link
 * com.serviceform.sdk.ServiceformClient} is built from. Every property left unset keeps the SDK's
 * default (docs/client.md).
 */
@ConfigurationProperties(prefix = "serviceform")
public class ServiceformProperties {
  /** The account's Public API key, sent as sf-api-key. Required. */
  private String apiKey;

  /** The API's base URL; unset: the production API. */
  private String baseUrl;

  /** How long to wait for a TCP (and TLS) connection; unset: 10 s. */
  private Duration connectTimeout;

  /** How long to wait for a response; unset: 30 s. */
  private Duration readTimeout;

  /** The most a call may take across all attempts; unset: 2 minutes. */
  private Duration callTimeout;

  /** The built-in HTTP client; unset: APACHE_HTTP_CLIENT_5. */
  private Transport transport;

  /** The most pooled connections of the built-in transport; unset: 64. */
  private Integer maxConnections;

  /** How long a call waits for a free pooled connection; unset: 10 s. */
  private Duration connectionAcquireTimeout;

  /** The largest response body read (for example 64MB); unset: 64 MiB. */
  private DataSize maxResponseBytes;

  /** How much of each exchange to log (the key always redacted); unset: NONE. */
  private LogLevel logLevel;

  /** Your application's name, appended with app-version to the User-Agent; unset: none. */
  private String appName;

  /** Your application's version; needed with app-name. */
  private String appVersion;

  /** How failed calls are retried. */
  private final Retry retry = new Retry();

  /** An HTTP proxy for every request; unset: the JVM's proxy properties. */
  private final ProxySettings proxy = new ProxySettings();

  public String getApiKey() {
    return apiKey;
  }

  public void setApiKey(String apiKey) {
    this.apiKey = apiKey;
  }

  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Duration getReadTimeout() {
    return readTimeout;
  }

  public void setReadTimeout(Duration readTimeout) {
    this.readTimeout = readTimeout;
  }

  public Duration getCallTimeout() {
    return callTimeout;
  }

  public void setCallTimeout(Duration callTimeout) {
    this.callTimeout = callTimeout;
  }

  public Transport getTransport() {
    return transport;
  }

  public void setTransport(Transport transport) {
    this.transport = transport;
  }

  public Integer getMaxConnections() {
    return maxConnections;
  }

  public void setMaxConnections(Integer maxConnections) {
    this.maxConnections = maxConnections;
  }

  public Duration getConnectionAcquireTimeout() {
    return connectionAcquireTimeout;
  }

  public void setConnectionAcquireTimeout(Duration connectionAcquireTimeout) {
    this.connectionAcquireTimeout = connectionAcquireTimeout;
  }

  public DataSize getMaxResponseBytes() {
    return maxResponseBytes;
  }

  public void setMaxResponseBytes(DataSize maxResponseBytes) {
    this.maxResponseBytes = maxResponseBytes;
  }

  public String getAppName() {
    return appName;
  }

  public void setAppName(String appName) {
    this.appName = appName;
  }

  public String getAppVersion() {
    return appVersion;
  }

  public void setAppVersion(String appVersion) {
    this.appVersion = appVersion;
  }

  public LogLevel getLogLevel() {
    return logLevel;
  }

  public void setLogLevel(LogLevel logLevel) {
    this.logLevel = logLevel;
  }

  public Retry getRetry() {
    return retry;
  }

  public ProxySettings getProxy() {
    return proxy;
  }

  /** Never shows the API key. */
  @Override
  public String toString() {
    return "ServiceformProperties{apiKey=" + (apiKey == null ? "null" : "<redacted>")
        + ", baseUrl=" + baseUrl + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
        + ", callTimeout=" + callTimeout + ", transport=" + transport + ", maxConnections=" + maxConnections
        + ", connectionAcquireTimeout=" + connectionAcquireTimeout + ", maxResponseBytes=" + maxResponseBytes
        + ", logLevel=" + logLevel + ", appName=" + appName + ", appVersion=" + appVersion
        + ", retry=" + retry + ", proxy=" + proxy + "}";
  }

  /** {@code serviceform.proxy.*}: an HTTP proxy ({@code https} goes through a CONNECT tunnel). */
  public static class ProxySettings {
    /** The proxy's host; unset: no proxy of the starter's own. */
    private String host;

    /** The proxy's port; needed with host. */
    private Integer port;

    /** A user name for the proxy's Basic authentication; unset: none. */
    private String username;

    /** The password for the proxy; sent only to the proxy. */
    private String password;

    public String getHost() {
      return host;
    }

    public void setHost(String host) {
      this.host = host;
    }

    public Integer getPort() {
      return port;
    }

    public void setPort(Integer port) {
      this.port = port;
    }

    public String getUsername() {
      return username;
    }

    public void setUsername(String username) {
      this.username = username;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }

    /** Never shows the password. */
    @Override
    public String toString() {
      return "Proxy{host=" + host + ", port=" + port + ", username=" + username + ", password="
          + (password == null ? "null" : "<redacted>") + "}";
    }
  }

  /** {@code serviceform.retry.*}: the retry policy (docs/resilience.md). */
  public static class Retry {
    /** Attempts in all, the first included; 1 turns retries off. Unset: 3. */
    private Integer maxAttempts;

    /** The backoff ceiling after the first failure; unset: 500 ms. */
    private Duration baseDelay;

    /** The cap on any backoff; unset: 8 s. */
    private Duration maxDelay;

    /** The longest Retry-After honoured; unset: 60 s. */
    private Duration maxRetryAfter;

    public Integer getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(Integer maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public Duration getBaseDelay() {
      return baseDelay;
    }

    public void setBaseDelay(Duration baseDelay) {
      this.baseDelay = baseDelay;
    }

    public Duration getMaxDelay() {
      return maxDelay;
    }

    public void setMaxDelay(Duration maxDelay) {
      this.maxDelay = maxDelay;
    }

    public Duration getMaxRetryAfter() {
      return maxRetryAfter;
    }

    public void setMaxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = maxRetryAfter;
    }

    @Override
    public String toString() {
      return "Retry{maxAttempts=" + maxAttempts + ", baseDelay=" + baseDelay + ", maxDelay=" + maxDelay
          + ", maxRetryAfter=" + maxRetryAfter + "}";
    }
  }
}
