package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.spring.boot.ServiceformAutoConfiguration;
import com.serviceform.sdk.testkit.ServiceformSandbox;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The starter's auto-configuration on this application's Spring Boot. */
class StarterTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ServiceformAutoConfiguration.class));

  @Test
  void buildsTheClientFromServiceformProperties() {
    try (ServiceformSandbox sandbox = ServiceformSandbox.start()) {
      runner.withPropertyValues("serviceform.api-key=" + sandbox.apiKey(),
              "serviceform.base-url=" + sandbox.baseUrl(), "serviceform.retry.max-attempts=1")
          .run(context -> assertEquals(sandbox.spaces().size(),
              context.getBean(ServiceformClient.class).flex().listSpaces().size()));
      assertEquals(1, sandbox.requestCount("listSpaces"));
    }
  }

  @Test
  void stepsBackForTheApplicationsOwnClient() {
    try (ServiceformClient own = ServiceformClient.builder().apiKey("own-client-key").build()) {
      runner.withBean(ServiceformClient.class, () -> own)
          .run(context -> assertSame(own, context.getBean(ServiceformClient.class)));
    }
  }
}
