package com.serviceform.sdk.tests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.Transport;
import com.serviceform.sdk.model.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One client shared by 32 threads: thousands of calls, each answered with its own item. */
class ThreadSafetyTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").containerThreads(48)
          .jettyAcceptors(1).disableRequestJournal()).build();

  @ParameterizedTest
  @EnumSource(Transport.class)
  void oneClientManyThreads(Transport transport) throws Exception {
    server.resetAll();
    server.stubFor(get(urlPathMatching("/flex/spaces/sp-1/items/[0-9]+")).willReturn(aResponse()
        .withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("{\"id\":\"{{request.path.[4]}}\",\"primary_field\":\"item {{request.path.[4]}}\"}")
        .withTransformers("response-template")));
    int threads = 32;
    int callsPerThread = 100;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (ServiceformClient client = ServiceformClient.builder().apiKey("k").baseUrl(server.baseUrl())
        .transport(transport).build()) {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          int ok = 0;
          for (int i = 0; i < callsPerThread; i++) {
            String id = Integer.toString(thread * callsPerThread + i);
            Item item = client.flex().getItem("sp-1", id);
            if (id.equals(item.getId()) && ("item " + id).equals(item.getPrimaryField())) {
              ok++;
            }
          }
          return ok;
        }));
      }
      int ok = 0;
      for (Future<Integer> result : results) {
        ok += result.get(120, TimeUnit.SECONDS);
      }
      assertEquals(threads * callsPerThread, ok, "every call got its own item back");
    } finally {
      pool.shutdownNow();
    }
  }
}
