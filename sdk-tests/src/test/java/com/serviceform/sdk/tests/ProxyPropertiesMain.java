package com.serviceform.sdk.tests;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.Transport;

/**
 * Run in its own JVM by {@link ProxyAndTlsTest} with the standard proxy and trust store system
 * properties set: {@code <transport> <baseUrl> <key>} makes one call with a client configured with
 * nothing but the key and the base URL.
 */
public final class ProxyPropertiesMain {
  private ProxyPropertiesMain() {}

  public static void main(String[] args) {
    try (ServiceformClient client = ServiceformClient.builder().transport(Transport.valueOf(args[0]))
        .baseUrl(args[1]).apiKey(args[2]).build()) {
      System.out.println("item=" + client.flex().getItem("sp-1", "it-1").getId());
    }
  }
}
