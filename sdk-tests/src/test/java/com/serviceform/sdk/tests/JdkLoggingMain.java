package com.serviceform.sdk.tests;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.Transport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Run in its own JVM by {@link JdkLoggingTest} (the JDK reads its logging properties once):
 * {@code sdk <baseUrl> <key>} makes one call through the SDK's JDK transport, {@code raw <baseUrl>
 * <key>} the same request with a bare JDK client.
 */
public final class JdkLoggingMain {
  private JdkLoggingMain() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String baseUrl = args[1];
    String key = args[2];
    if (mode.equals("raw")) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/flex/spaces"))
          .header("sf-api-key", key).build(), HttpResponse.BodyHandlers.ofString());
      System.out.println("status=" + response.statusCode());
      return;
    }
    ServiceformClient client;
    try {
      client = ServiceformClient.builder().apiKey(key).baseUrl(baseUrl).transport(Transport.JDK_HTTP_CLIENT).build();
    } catch (IllegalStateException refused) {
      System.out.println("refused: " + refused.getMessage());
      System.exit(3);
      return;
    }
    try (client) {
      System.out.println("spaces=" + client.flex().listSpaces().size());
    }
  }
}
