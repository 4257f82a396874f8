package com.serviceform.sdk.spring.boot;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.retry.RetryPolicy;
import java.net.InetSocketAddress;
import java.net.Proxy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * A {@link ServiceformClient} bean built from the {@code serviceform.*} properties, unless the
 * application defines its own. The context closes it (its pooled connections and threads) when it
 * closes.
 */
@AutoConfiguration
@EnableConfigurationProperties(ServiceformProperties.class)
public class ServiceformAutoConfiguration {

  /**
   * The client.
   *
   * @throws IllegalArgumentException (failing the context's start) if {@code serviceform.api-key}
   *     is missing or malformed, {@code serviceform.base-url} is not acceptable, or a property is
   *     out of range or set without its partner (app-name without app-version, proxy host without
   *     port, a proxy password without a user name)
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public ServiceformClient serviceformClient(ServiceformProperties properties,
      ObjectProvider<ServiceformClientCustomizer> customizers) {
    if (properties.getApiKey() == null || properties.getApiKey().isBlank()) {
      throw new IllegalArgumentException(
          "no Serviceform API key: set the property serviceform.api-key (for example from the"
              + " environment variable SERVICEFORM_API_KEY), or define your own ServiceformClient bean");
    }
    ServiceformClient.Builder builder = ServiceformClient.builder().apiKey(properties.getApiKey());
    if (properties.getBaseUrl() != null) {
      builder.baseUrl(properties.getBaseUrl());
    }
    if (properties.getConnectTimeout() != null) {
      builder.connectTimeout(properties.getConnectTimeout());
    }
    if (properties.getReadTimeout() != null) {
      builder.readTimeout(properties.getReadTimeout());
    }
    if (properties.getCallTimeout() != null) {
      builder.callTimeout(properties.getCallTimeout());
    }
    if (properties.getTransport() != null) {
      builder.transport(properties.getTransport());
    }
    if (properties.getMaxConnections() != null) {
      builder.maxConnections(properties.getMaxConnections());
    }
    if (properties.getConnectionAcquireTimeout() != null) {
      builder.connectionAcquireTimeout(properties.getConnectionAcquireTimeout());
    }
    if (properties.getMaxResponseBytes() != null) {
      builder.maxResponseBytes(properties.getMaxResponseBytes().toBytes());
    }
    if (properties.getLogLevel() != null) {
      builder.logLevel(properties.getLogLevel());
    }
    if (properties.getAppName() != null || properties.getAppVersion() != null) {
      builder.appInfo(required(properties.getAppName(), "serviceform.app-name", "serviceform.app-version"),
          required(properties.getAppVersion(), "serviceform.app-version", "serviceform.app-name"));
    }
    proxy(builder, properties.getProxy());
    builder.retryPolicy(retryPolicy(properties.getRetry()));
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }

  private static void proxy(ServiceformClient.Builder builder, ServiceformProperties.ProxySettings proxy) {
    if (proxy.getHost() != null || proxy.getPort() != null) {
      String host = required(proxy.getHost(), "serviceform.proxy.host", "serviceform.proxy.port");
      int port = required(proxy.getPort(), "serviceform.proxy.port", "serviceform.proxy.host");
      builder.proxy(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port)));
    }
    if (proxy.getUsername() != null || proxy.getPassword() != null) {
      builder.proxyCredentials(
          required(proxy.getUsername(), "serviceform.proxy.username", "serviceform.proxy.password"),
          required(proxy.getPassword(), "serviceform.proxy.password", "serviceform.proxy.username"));
    }
  }

  private static <T> T required(T value, String property, String setPartner) {
    if (value == null) {
      throw new IllegalArgumentException(property + " is not set but " + setPartner + " is: set both");
    }
    return value;
  }

  private static RetryPolicy retryPolicy(ServiceformProperties.Retry retry) {
    RetryPolicy.Builder policy = RetryPolicy.custom();
    if (retry.getMaxAttempts() != null) {
      policy.maxAttempts(retry.getMaxAttempts());
    }
    if (retry.getBaseDelay() != null) {
      policy.baseDelay(retry.getBaseDelay());
    }
    if (retry.getMaxDelay() != null) {
      policy.maxDelay(retry.getMaxDelay());
    }
    if (retry.getMaxRetryAfter() != null) {
      policy.maxRetryAfter(retry.getMaxRetryAfter());
    }
    return policy.build();
  }
}
