package com.serviceform.sdk.internal;

import feign.RequestInterceptor;
import feign.RequestTemplate;

/** Sets {@code User-Agent: serviceform-java/<version> (Java/<version>)} on every request. */
public final class UserAgentInterceptor implements RequestInterceptor {
  private final String userAgent = SdkVersion.userAgent();

  @Override
  public void apply(RequestTemplate template) {
    template.removeHeader("User-Agent");
    template.headerLiteral("User-Agent", userAgent);
  }
}
