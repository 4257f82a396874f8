package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.model.Item;
import com.serviceform.sdk.model.Space;
import com.serviceform.sdk.testkit.ServiceformSandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running application calls the SDK, which calls the testkit's sandbox; the SDK's models leave
 * the application as Jackson 3 JSON.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsumerApplicationTest {
  static final ServiceformSandbox sandbox = ServiceformSandbox.start();

  @DynamicPropertySource
  static void serviceform(DynamicPropertyRegistry registry) {
    registry.add("serviceform.base-url", sandbox::baseUrl);
    registry.add("serviceform.api-key", sandbox::apiKey);
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @Value("${local.server.port}")
  int port;

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> send(String method, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Autowired
  tools.jackson.databind.json.JsonMapper applicationJson;

  @Test
  void theApplicationWritesJackson3WhileTheSdkReadsWithJackson2() {
    assertNotNull(applicationJson);
    assertEquals(3, tools.jackson.databind.cfg.PackageVersion.VERSION.getMajorVersion());
    assertEquals(2, com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.getMajorVersion());
  }

  @Test
  void listsTheSandboxSpacesThroughTheSdk() throws Exception {
    HttpResponse<String> response = send("GET", "/spaces");
    assertEquals(200, response.statusCode(), response.body());
    List<Space> spaces = sandbox.spaces();
    assertTrue(spaces.size() > 0);
    for (Space space : spaces) {
      assertTrue(response.body().contains("\"id\":\"" + space.getId() + "\""), response.body());
      assertTrue(response.body().contains("\"name\":\"" + space.getName() + "\""), response.body());
    }
    sandbox.assertNoViolations();
  }

  @Test
  void createsAnItemInTheSandboxThroughTheSdk() throws Exception {
    String spaceId = sandbox.spaces().get(0).getId();
    int before = sandbox.items(spaceId).size();
    HttpResponse<String> response = send("POST", "/spaces/" + spaceId + "/items?name=Acme");
    assertEquals(200, response.statusCode(), response.body());
    List<Item> items = sandbox.items(spaceId);
    assertEquals(before + 1, items.size());
    assertTrue(items.stream().anyMatch(item -> "Acme".equals(item.getPrimaryField())), items.toString());
    sandbox.assertNoViolations();
  }
}
