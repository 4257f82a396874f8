package com.serviceform.sdk.tests;

import com.serviceform.sdk.ServiceformClient;

/** Run in a child JVM by {@link FromEnvTest}, with the environment under test. */
public final class FromEnvMain {
  private FromEnvMain() {}

  public static void main(String[] args) {
    try (ServiceformClient client = ServiceformClient.fromEnv()) {
      System.out.println("baseUrl=" + client.baseUrl());
      System.out.println("spaces=" + client.flex().listSpaces().size());
    } catch (IllegalStateException e) {
      System.out.println("error=" + e.getMessage());
      System.exit(3);
    }
  }
}
