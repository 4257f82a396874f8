package com.serviceform.sdk.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Raw HTTP on loopback, for requests the SDK would never send and for exact statuses and headers. */
final class Raw {
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Raw() {}

  /** Sends with the sandbox's key unless {@code key} is given (null sends no key). */
  static HttpResponse<String> send(ServiceformSandbox sandbox, String method, String pathAndQuery, String key,
      String jsonBody) {
    return send(HTTP, sandbox, method, pathAndQuery, key, jsonBody);
  }

  /** Sends with {@code client}: a new client sends on a new connection. */
  static HttpResponse<String> send(HttpClient client, ServiceformSandbox sandbox, String method, String pathAndQuery,
      String key, String jsonBody) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + pathAndQuery))
        .timeout(Duration.ofSeconds(10))
        .method(method, jsonBody == null
            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
    if (key != null) {
      request.header("sf-api-key", key);
    }
    if (jsonBody != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> send(ServiceformSandbox sandbox, String method, String pathAndQuery, String jsonBody) {
    return send(sandbox, method, pathAndQuery, sandbox.apiKey(), jsonBody);
  }
}
