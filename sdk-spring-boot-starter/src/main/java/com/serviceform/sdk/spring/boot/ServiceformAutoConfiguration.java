package com.serviceform.sdk.spring.boot;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.retry.RetryPolicy;
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
   *     is missing or malformed, or {@code serviceform.base-url} is not acceptable
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
    if (properties.getLogLevel() != null) {
      builder.logLevel(properties.getLogLevel());
    }
    builder.retryPolicy(retryPolicy(properties.getRetry()));
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder.build();
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
