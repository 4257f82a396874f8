package com.serviceform.sdk.benchmarks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.serviceform.sdk.ResponseValidation;
import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.Transport;
import com.serviceform.sdk.events.EventListener;
import com.serviceform.sdk.internal.ObjectMappers;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.ChatQuery;
import com.serviceform.sdk.retry.RetryPolicy;
import com.serviceform.sdk.model.Item;
import com.serviceform.sdk.model.ItemInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The server process and every client under test, each built once and shared by all calls, as a
 * careful user would: one SDK client per transport, and for each raw baseline one HTTP client and
 * one Jackson reader configured like the SDK's.
 */
@State(Scope.Benchmark)
public class Fixture {
  static final String API_KEY = "bench-key";
  static final String ITEM_PATH = "/flex/spaces/sp-1/items/it-1";
  static final String ITEMS_PATH = "/flex/spaces/sp-1/items";

  /**
   * One server process per JVM: a forked benchmark run gets its own, and the in-process smoke test
   * shares one across all benchmarks instead of starting 32.
   */
  private static ServerProcess sharedServer;

  String baseUrl;

  ServiceformClient sdkApache;
  ServiceformClient sdkApacheNoResilience;
  ServiceformClient sdkApacheBreakerOnly;
  ServiceformClient sdkApacheCallTimeoutOnly;
  ServiceformClient sdkApacheNoopListener;
  ServiceformClient sdkApacheValidating;
  ServiceformClient sdkJdk;
  ServiceformClient sdkOkHttp;
  okhttp3.OkHttpClient okForSdk;

  HttpClient rawJdk;
  okhttp3.OkHttpClient rawOkHttp;
  CloseableHttpClient rawApache;

  ObjectReader itemReader;
  ObjectReader itemsReader;
  ObjectReader chatReader;
  ChatQuery chatQuery = new ChatQuery().showMessages(true);
  byte[] chatQueryBytes;
  ObjectWriter writer;
  ItemInput input;
  byte[] inputBytes;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    String external = System.getProperty("bench.baseUrl");
    baseUrl = external != null ? external : server().baseUrl();

    sdkApache = ServiceformClient.builder().apiKey(API_KEY).baseUrl(baseUrl)
        .transport(Transport.APACHE_HTTP_CLIENT_5).maxConnections(128).build();
    // The same client without the resilience layer: one attempt, no breaker, no call timeout.
    sdkApacheNoResilience = sdkApache.toBuilder().retryPolicy(RetryPolicy.none()).circuitBreaker(null)
        .callTimeout(null).build();
    // One part of the layer each, to say which part a difference between the two above comes from.
    sdkApacheBreakerOnly = sdkApache.toBuilder().retryPolicy(RetryPolicy.none()).callTimeout(null).build();
    sdkApacheCallTimeoutOnly = sdkApache.toBuilder().retryPolicy(RetryPolicy.none()).circuitBreaker(null).build();
    // The events' own cost: a listener that does nothing; and response validation's.
    sdkApacheNoopListener = sdkApache.toBuilder().addEventListener(new EventListener() { }).build();
    sdkApacheValidating = sdkApache.toBuilder().responseValidation(ResponseValidation.WARN).build();
    sdkJdk = ServiceformClient.builder().apiKey(API_KEY).baseUrl(baseUrl)
        .transport(Transport.JDK_HTTP_CLIENT).build();
    okForSdk = okHttp();
    sdkOkHttp = ServiceformClient.builder().apiKey(API_KEY).baseUrl(baseUrl)
        .httpClient(new feign.okhttp.OkHttpClient(okForSdk)).build();

    rawJdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    rawOkHttp = okHttp();
    rawApache = HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(128).setMaxConnPerRoute(128).build())
        .disableAutomaticRetries().disableRedirectHandling().disableContentCompression()
        .disableCookieManagement().disableAuthCaching()
        .build();

    ObjectMapper mapper = ObjectMappers.create();
    // The baselines read the stream to its end themselves, so the parser must not close it early.
    mapper.getFactory().disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
    itemReader = mapper.readerFor(Item.class);
    itemsReader = mapper.readerFor(mapper.getTypeFactory().constructCollectionType(java.util.List.class, Item.class));
    chatReader = mapper.readerFor(Chat.class);
    writer = mapper.writer();
    chatQueryBytes = writer.writeValueAsBytes(chatQuery);
    input = new ItemInput().primaryField("Nordic Timber Oy");
    input.putAdditionalProperty("status", "open");
    input.putAdditionalProperty("budget_eur", 15000);
    inputBytes = writer.writeValueAsBytes(input);
  }

  private static synchronized ServerProcess server() throws IOException {
    if (sharedServer == null) {
      ServerProcess started = new ServerProcess(true);
      Runtime.getRuntime().addShutdownHook(new Thread(started::close));
      sharedServer = started;
    }
    return sharedServer;
  }

  private static okhttp3.OkHttpClient okHttp() {
    return new okhttp3.OkHttpClient.Builder()
        .connectionPool(new okhttp3.ConnectionPool(128, 5, TimeUnit.MINUTES))
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .build();
  }

  /** Reads whatever the parser left, so the connection is reused. */
  static void drain(InputStream in) throws IOException {
    in.transferTo(OutputStream.nullOutputStream());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    sdkApache.close();
    sdkApacheNoResilience.close();
    sdkApacheBreakerOnly.close();
    sdkApacheCallTimeoutOnly.close();
    sdkApacheNoopListener.close();
    sdkApacheValidating.close();
    sdkJdk.close();
    sdkOkHttp.close();
    okForSdk.dispatcher().executorService().shutdown();
    okForSdk.connectionPool().evictAll();
    rawOkHttp.dispatcher().executorService().shutdown();
    rawOkHttp.connectionPool().evictAll();
    rawApache.close();
  }
}
