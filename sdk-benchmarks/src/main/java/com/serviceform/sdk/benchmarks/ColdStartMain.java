package com.serviceform.sdk.benchmarks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.ChatQuery;
import com.serviceform.sdk.model.Item;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * One cold start, in a JVM of its own: from {@code main} to the first decoded response, building the
 * client and making one call ({@code getItem}, or {@code searchChats} returning a few chats), with
 * the SDK or with a raw client and one Jackson mapper reading the same generated model. Prints one
 * line: wall and CPU time of that span, classes loaded during it, and the process's peak memory.
 *
 * <p>Args: {@code <variant> <baseUrl>}; variants {@code sdk|apache|jdk} + {@code -getItem|-searchChats}.
 * Run by {@link ColdStart}, which alternates variants over many processes.
 */
public final class ColdStartMain {
  private ColdStartMain() {}

  public static void main(String[] args) throws Exception {
    // What the span excludes: the JVM's start and these beans' own first use.
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    java.lang.management.ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
    long cpu0 = os.getProcessCpuTime();
    long classes0 = classes.getTotalLoadedClassCount();
    long wall0 = System.nanoTime();

    String variant = args[0];
    String baseUrl = args[1];
    Object result = run(variant, baseUrl);

    long wall = System.nanoTime() - wall0;
    long cpu = os.getProcessCpuTime() - cpu0;
    long loaded = classes.getTotalLoadedClassCount() - classes0;
    if (result == null) {
      throw new IllegalStateException("no result");
    }
    System.out.println("COLDSTART variant=" + variant + " wallNs=" + wall + " cpuNs=" + cpu + " classes=" + loaded
        + " peakRssKb=" + peakRssKb());
    System.exit(0);
  }

  private static Object run(String variant, String baseUrl) throws Exception {
    switch (variant) {
      case "sdk-getItem": {
        ServiceformClient client = ServiceformClient.builder().apiKey(Fixture.API_KEY).baseUrl(baseUrl).build();
        return client.flex().getItem("sp-1", "it-1");
      }
      case "sdk-searchChats": {
        ServiceformClient client = ServiceformClient.builder().apiKey(Fixture.API_KEY).baseUrl(baseUrl).build();
        return client.chats().searchChats(new ChatQuery().limit(100));
      }
      case "apache-getItem": {
        CloseableHttpClient client = apache();
        ObjectReader reader = mapper().readerFor(Item.class);
        HttpGet get = new HttpGet(baseUrl + "/flex/spaces/sp-1/items/it-1");
        get.addHeader("sf-api-key", Fixture.API_KEY);
        get.addHeader("Accept", "application/json");
        return client.execute(get, response -> {
          try (InputStream in = response.getEntity().getContent()) {
            return reader.readValue(in);
          }
        });
      }
      case "apache-searchChats": {
        CloseableHttpClient client = apache();
        ObjectMapper mapper = mapper();
        ObjectReader reader = mapper.readerFor(mapper.getTypeFactory().constructCollectionType(List.class, Chat.class));
        HttpPost post = new HttpPost(baseUrl + "/chats");
        post.addHeader("sf-api-key", Fixture.API_KEY);
        post.addHeader("Accept", "application/json");
        post.setEntity(new ByteArrayEntity(mapper.writeValueAsBytes(new ChatQuery().limit(100)),
            ContentType.APPLICATION_JSON));
        return client.execute(post, response -> {
          try (InputStream in = response.getEntity().getContent()) {
            return reader.readValue(in);
          }
        });
      }
      case "jdk-getItem": {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ObjectReader reader = mapper().readerFor(Item.class);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/flex/spaces/sp-1/items/it-1"))
            .header("sf-api-key", Fixture.API_KEY).header("Accept", "application/json").GET().build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
          return reader.readValue(in);
        }
      }
      case "jdk-searchChats": {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ObjectMapper mapper = mapper();
        ObjectReader reader = mapper.readerFor(mapper.getTypeFactory().constructCollectionType(List.class, Chat.class));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/chats"))
            .header("sf-api-key", Fixture.API_KEY).header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(new ChatQuery().limit(100))))
            .build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
          return reader.readValue(in);
        }
      }
      default:
        throw new IllegalArgumentException("unknown variant " + variant);
    }
  }

  /** What a careful user builds: a pooled client with retries, redirects, cookies and decompression off. */
  private static CloseableHttpClient apache() {
    return HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().build())
        .disableAutomaticRetries().disableRedirectHandling().disableContentCompression()
        .disableCookieManagement().disableAuthCaching()
        .build();
  }

  /** The generated models need java.time and must not fail on fields they do not know. */
  private static ObjectMapper mapper() {
    return JsonMapper.builder().addModule(new JavaTimeModule())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  }

  /** The process's peak resident memory (VmHWM), or -1 where /proc is not there. */
  private static long peakRssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (Exception noProc) {
      // Not Linux.
    }
    return -1;
  }
}
