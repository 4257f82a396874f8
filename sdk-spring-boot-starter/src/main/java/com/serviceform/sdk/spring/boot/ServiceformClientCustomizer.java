package com.serviceform.sdk.spring.boot;

import com.serviceform.sdk.ServiceformClient;

/**
 * Adjusts the auto-configured client's builder after the {@code serviceform.*} properties are
 * applied: for what properties cannot say (a {@code feign.Client}, a circuit breaker or rate
 * limiter config). Every bean of this type is applied, in {@code @Order}.
 */
@FunctionalInterface
public interface ServiceformClientCustomizer {
  void customize(ServiceformClient.Builder builder);
}
