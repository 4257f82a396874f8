package com.serviceform.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.serviceform.sdk.api.ChatsApi;
import com.serviceform.sdk.api.FlexApi;
import com.serviceform.sdk.api.LeadsApi;
import com.serviceform.sdk.api.StatisticsApi;
import com.serviceform.sdk.auth.ApiKeyInterceptor;
import com.serviceform.sdk.internal.ApacheHttpTransport;
import com.serviceform.sdk.internal.CallGuard;
import com.serviceform.sdk.internal.ChatStreams;
import com.serviceform.sdk.internal.ErrorMapper;
import com.serviceform.sdk.internal.ExchangeClient;
import com.serviceform.sdk.internal.HttpLogger;
import com.serviceform.sdk.internal.JdkHttpTransport;
import com.serviceform.sdk.internal.JsonArrayIterator;
import com.serviceform.sdk.internal.RequestFactory;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.ChatQuery;
import com.serviceform.sdk.model.Item;
import com.serviceform.sdk.model.Lead;
import com.serviceform.sdk.pagination.ChatHistory;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.List;
import java.util.stream.Stream;
import com.serviceform.sdk.internal.JsonDecoder;
import com.serviceform.sdk.internal.JsonEncoder;
import com.serviceform.sdk.internal.ObjectMappers;
import com.serviceform.sdk.internal.Redactor;
import com.serviceform.sdk.internal.ResilientClient;
import com.serviceform.sdk.internal.ServiceformContract;
import com.serviceform.sdk.internal.UserAgentInterceptor;
import com.serviceform.sdk.retry.Resilience;
import com.serviceform.sdk.retry.RetryPolicy;
import com.serviceform.sdk.retry.Sleeper;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import com.serviceform.sdk.errors.ServerException;
import com.serviceform.sdk.errors.ServiceformIOException;
import feign.Client;
import feign.Feign;
import feign.Logger;
import feign.Request;
import feign.Retryer;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * The Serviceform Public API client. Immutable and thread-safe: build one and share it.
 *
 * <pre>{@code
 * try (ServiceformClient client = ServiceformClient.fromEnv()) {
 *   for (Space space : client.flex().listSpaces()) {
 *     System.out.println(space.getName());
 *   }
 * }
 * }</pre>
 *
 * <p>Every call sends the {@code sf-api-key} header and either returns the decoded body or throws
 * a {@link com.serviceform.sdk.errors.ServiceformException} subclass. Close the client when done
 * to release its connection pool.
 */
public final class ServiceformClient implements AutoCloseable {
  /** The production API. */
  public static final String DEFAULT_BASE_URL = "https://link.serviceform.com";
  /** Environment variable {@link #fromEnv()} reads the API key from. */
  public static final String ENV_API_KEY = "SERVICEFORM_API_KEY";
  /** Environment variable {@link #fromEnv()} reads the base URL from. */
  public static final String ENV_BASE_URL = "SERVICEFORM_BASE_URL";
  /** System property that overrides {@link #ENV_API_KEY}. */
  public static final String PROPERTY_API_KEY = "serviceform.apiKey";
  /** System property that overrides {@link #ENV_BASE_URL}. */
  public static final String PROPERTY_BASE_URL = "serviceform.baseUrl";
  /**
   * The default {@link Builder#maxResponseBytes(long)}: 64 MiB. The largest documented case, a
   * list of 10,000 items, is about 10 MB; items with long custom fields can be several times that,
   * and 64 MiB of JSON already decodes to a few hundred MB of objects.
   */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 64L * 1024 * 1024;

  private final Builder config;
  private final Redactor redactor;
  private final Client transport;
  private final boolean ownsTransport;
  private final ResilientClient resilient;
  private final Resilience resilience;
  private final RequestFactory requests;
  private final ObjectReader itemReader;
  private final ObjectReader leadReader;
  private final ObjectReader chatReader;
  private final FlexApi flex;
  private final LeadsApi leads;
  private final ChatsApi chats;
  private final StatisticsApi statistics;

  private ServiceformClient(Builder builder) {
    this.config = builder.copy();
    String apiKey = ApiKeyInterceptor.validate(config.apiKey);
    this.redactor = new Redactor(apiKey);
    this.ownsTransport = config.httpClient == null;
    this.transport = ownsTransport ? newTransport(config) : config.httpClient;

    ObjectMapper mapper = ObjectMappers.create();
    ErrorMapper errors = new ErrorMapper(redactor, config.clock);
    ExchangeClient exchange = new ExchangeClient(transport, new HttpLogger(config.logLevel, redactor), errors,
        redactor, config.followRedirects, config.maxResponseBytes);
    this.resilience = newResilience(config);
    this.resilient = new ResilientClient(exchange, errors, config.retryPolicy, config.connectTimeout,
        config.readTimeout, config.connectionAcquireTimeout, config.callTimeout, resilience, config.sleeper);
    ServiceformContract contract = new ServiceformContract();
    JsonEncoder encoder = new JsonEncoder(mapper);
    JsonDecoder decoder = new JsonDecoder(mapper, redactor);
    ApiKeyInterceptor auth = new ApiKeyInterceptor(apiKey);
    UserAgentInterceptor userAgent = new UserAgentInterceptor();
    this.requests = new RequestFactory(contract, mapper.writer(), List.of(auth, userAgent), config.baseUrl,
        FlexApi.class, LeadsApi.class, ChatsApi.class, StatisticsApi.class);
    this.itemReader = mapper.readerFor(Item.class);
    this.leadReader = mapper.readerFor(Lead.class);
    this.chatReader = mapper.readerFor(Chat.class);
    Request.Options options = new Request.Options(config.connectTimeout, config.readTimeout, false);
    Feign.Builder feign = Feign.builder()
        .client(resilient)
        .contract(contract)
        .encoder(encoder)
        .decoder(decoder)
        .requestInterceptor(auth)
        .requestInterceptor(userAgent)
        .retryer(Retryer.NEVER_RETRY)
        .logLevel(Logger.Level.NONE)
        .options(options)
        .invocationHandlerFactory(new CallGuard(requests, resilient, decoder, options));
    this.flex = feign.target(FlexApi.class, config.baseUrl);
    this.leads = feign.target(LeadsApi.class, config.baseUrl);
    this.chats = feign.target(ChatsApi.class, config.baseUrl);
    this.statistics = feign.target(StatisticsApi.class, config.baseUrl);
  }

  private static Client newTransport(Builder config) {
    switch (config.transport) {
      case JDK_HTTP_CLIENT:
        return new JdkHttpTransport(config.connectTimeout, config.maxConnections, config.connectionAcquireTimeout);
      case APACHE_HTTP_CLIENT_5:
      default:
        return new ApacheHttpTransport(config.connectTimeout, config.readTimeout, config.maxConnections,
            config.connectionAcquireTimeout);
    }
  }

  /**
   * The circuit breaker records only server errors (5xx) and I/O failures, whatever the given
   * config says: 4xx answers mean the server is healthy and never open it.
   */
  private static Resilience newResilience(Builder config) {
    CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    if (config.circuitBreakerConfig != null) {
      breakers.circuitBreaker(Resilience.NAME, CircuitBreakerConfig.from(config.circuitBreakerConfig)
          .recordException(failure -> failure instanceof ServerException || failure instanceof ServiceformIOException)
          .ignoreException(failure -> false)
          .clock(config.clock)
          .build());
    }
    RateLimiterRegistry limiters = RateLimiterRegistry.ofDefaults();
    if (config.rateLimiterConfig != null) {
      limiters.rateLimiter(Resilience.NAME, config.rateLimiterConfig);
    }
    return new Resilience(RetryRegistry.ofDefaults(), breakers, limiters);
  }

  /** A builder with the defaults: production base URL, 10 s connect and 30 s read timeouts. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A client configured from the environment: the API key from system property {@value
   * #PROPERTY_API_KEY} or else environment variable {@value #ENV_API_KEY}, and the base URL from
   * {@value #PROPERTY_BASE_URL} or else {@value #ENV_BASE_URL} (default {@value #DEFAULT_BASE_URL}).
   *
   * @throws IllegalStateException if no API key is set
   */
  public static ServiceformClient fromEnv() {
    return builder().fromEnv().build();
  }

  /** A builder holding this client's configuration, to derive a differently configured client. */
  public Builder toBuilder() {
    return config.copy();
  }

  /** Flex spaces and items. */
  public FlexApi flex() {
    return flex;
  }

  /** Leads. */
  public LeadsApi leads() {
    return leads;
  }

  /** Chat history. */
  public ChatsApi chats() {
    return chats;
  }

  /** Chat statistics. */
  public StatisticsApi statistics() {
    return statistics;
  }

  /**
   * Every chat of a time range, each once, fetched lazily in windows of at most a page; see
   * {@link ChatHistory}. The query's {@code uid}, {@code chatbot} and {@code showMessages} go with
   * every window; its {@code startTime}/{@code endTime} are the range unless set on the pager.
   */
  public ChatHistory chatHistory(ChatQuery query) {
    // Each window is decoded element by element and read no further than its limit.
    return ChatHistory.of(ChatStreams.windowSource(chats,
        window -> open(requests.create(ChatsApi.class, "searchChats", window), chatReader)), query);
  }

  /**
   * {@code listItems}, decoded one item at a time as the body arrives, so memory stays flat for
   * any size. Close the stream (try-with-resources) if you stop early: that releases the
   * connection. Retries cover the call until the response starts; a failure mid-stream is thrown
   * from the stream as a {@link com.serviceform.sdk.errors.ServiceformIOException}.
   */
  public Stream<Item> streamItems(String spaceId) {
    return stream(requests.create(FlexApi.class, "listItems", spaceId), itemReader);
  }

  /** {@code listLeads}, decoded one lead at a time; see {@link #streamItems(String)}. */
  public Stream<Lead> streamLeads() {
    return stream(requests.create(LeadsApi.class, "listLeads"), leadReader);
  }

  /**
   * {@code searchChats}, decoded one chat at a time; see {@link #streamItems(String)}. The stream
   * ends after the query's {@code limit} chats: the rest of an answer from a server that ignores
   * the limit is not decoded, and its connection is discarded.
   */
  public Stream<Chat> streamChats(ChatQuery query) {
    return ChatStreams.limited(open(requests.create(ChatsApi.class, "searchChats", query), chatReader),
        query == null ? null : query.getLimit());
  }

  private <T> Stream<T> stream(feign.Request request, ObjectReader reader) {
    return this.<T>open(request, reader).stream();
  }

  private <T> JsonArrayIterator<T> open(feign.Request request, ObjectReader reader) {
    return JsonArrayIterator.open(resilient.executeStreaming(request), reader,
        e -> resilient.streamFailure(request, e), redactor);
  }

  /** The client's Resilience4j retries, circuit breaker and rate limiter, for metrics and events. */
  public Resilience resilience() {
    return resilience;
  }

  /** The base URL requests are sent to. */
  public String baseUrl() {
    return config.baseUrl;
  }

  /**
   * Ends the client. Calls in flight, open streams and calls waiting to retry end at once with a
   * {@link com.serviceform.sdk.errors.ClientClosedException}, and so does every later call, before
   * anything is sent. Then the connection pool of a transport this client created is closed; a
   * transport passed to {@link Builder#httpClient(Client)} belongs to the caller and is left open.
   * No thread of the SDK's own outlives the last client's close. Idempotent.
   */
  @Override
  public void close() {
    resilient.close();
    if (ownsTransport && transport instanceof Closeable) {
      try {
        ((Closeable) transport).close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public String toString() {
    return "ServiceformClient{baseUrl=" + config.baseUrl + ", apiKey=<redacted>}";
  }

  /**
   * The circuit breaker unless configured otherwise: over the last 20 attempts, once at least 10
   * were made, open when half or more failed with a 5xx or an I/O failure; stay open 30 s, then let
   * 3 probe calls through (half-open) and close if they succeed.
   */
  public static final CircuitBreakerConfig DEFAULT_CIRCUIT_BREAKER = CircuitBreakerConfig.custom()
      .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
      .slidingWindowSize(20)
      .minimumNumberOfCalls(10)
      .failureRateThreshold(50)
      .waitDurationInOpenState(Duration.ofSeconds(30))
      .permittedNumberOfCallsInHalfOpenState(3)
      .slidingWindowSynchronizationStrategy(CircuitBreakerConfig.SlidingWindowSynchronizationStrategy.LOCK_FREE)
      .build();

  /** Configures a {@link ServiceformClient}. Not thread-safe; the client it builds is. */
  public static final class Builder {
    private String apiKey;
    private String baseUrl = DEFAULT_BASE_URL;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Transport transport = Transport.APACHE_HTTP_CLIENT_5;
    private Client httpClient;
    private int maxConnections = 64;
    private Duration connectionAcquireTimeout = Duration.ofSeconds(10);
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private LogLevel logLevel = LogLevel.NONE;
    private boolean followRedirects;
    private boolean allowInsecureHttp;
    private RetryPolicy retryPolicy = RetryPolicy.ofDefaults();
    private Duration callTimeout = Duration.ofMinutes(2);
    private CircuitBreakerConfig circuitBreakerConfig = DEFAULT_CIRCUIT_BREAKER;
    private RateLimiterConfig rateLimiterConfig;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();

    private Builder() {}

    /**
     * The account's Public API key, sent as {@code sf-api-key}. Required. Checked by {@link
     * #build()}: null, empty, blank keys and keys with whitespace or control characters are
     * refused with a message that does not include the key.
     */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /**
     * The API's base URL (default {@value ServiceformClient#DEFAULT_BASE_URL}). Must be {@code
     * https}, or {@code http} on a loopback host ({@code localhost}, {@code 127.x.x.x}, {@code
     * [::1]}) unless {@link #allowInsecureHttp(boolean)} is set.
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl == null");
      return this;
    }

    /** How long to wait for a TCP (and TLS) connection. Default 10 s. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * How long to wait for the server: for the response headers, and for the next bytes of a body
     * on every read (streams included), with either built-in transport. Default 30 s.
     */
    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = positive(readTimeout, "readTimeout");
      return this;
    }

    /** The built-in HTTP client to use. Default {@link Transport#APACHE_HTTP_CLIENT_5}. */
    public Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport == null");
      this.httpClient = null;
      return this;
    }

    /**
     * Send with this Feign client instead of a built-in transport (OkHttp's {@code
     * feign.okhttp.OkHttpClient}, for example). It must not retry or follow redirects on its
     * own; the SDK does both. The caller keeps ownership: {@link ServiceformClient#close()} does
     * not close it.
     */
    public Builder httpClient(Client httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient == null");
      return this;
    }

    /**
     * The most connections of a built-in transport (default 64): Apache HttpClient's pool size; for
     * the JDK client, the most exchanges in flight at once. A call that finds them all busy waits
     * up to {@link #connectionAcquireTimeout(Duration)}.
     */
    public Builder maxConnections(int maxConnections) {
      if (maxConnections < 1) {
        throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
      }
      this.maxConnections = maxConnections;
      return this;
    }

    /**
     * How long a call waits for a free connection when all {@link #maxConnections(int)} are busy
     * (default 10 s, and never past the call timeout). Past it the call ends unsent with a {@link
     * com.serviceform.sdk.errors.ConnectionPoolTimeoutException}, which is not retried and not
     * counted by the circuit breaker: the pool, not the server, was the limit.
     */
    public Builder connectionAcquireTimeout(Duration connectionAcquireTimeout) {
      this.connectionAcquireTimeout = positive(connectionAcquireTimeout, "connectionAcquireTimeout");
      return this;
    }

    /**
     * The largest success body a call reads into memory (default {@value
     * ServiceformClient#DEFAULT_MAX_RESPONSE_BYTES} bytes, 64 MiB). A larger body, or one that
     * declares a larger length, ends the call with a {@link
     * com.serviceform.sdk.errors.ResponseTooLargeException} and the connection is discarded. The
     * streaming methods ({@code streamItems}, {@code streamLeads}, {@code streamChats}, {@code
     * chatHistory}) decode one element at a time and have no such cap.
     */
    public Builder maxResponseBytes(long maxResponseBytes) {
      if (maxResponseBytes < 1) {
        throw new IllegalArgumentException("maxResponseBytes must be at least 1, was " + maxResponseBytes);
      }
      this.maxResponseBytes = maxResponseBytes;
      return this;
    }

    /** How much of each exchange to log. Default {@link LogLevel#NONE}. */
    public Builder logLevel(LogLevel logLevel) {
      this.logLevel = Objects.requireNonNull(logLevel, "logLevel == null");
      return this;
    }

    /**
     * Whether to follow redirects (default false). Only redirects to the same scheme, host and
     * port are followed, so the API key never goes to another host; any other redirect ends the
     * call with an {@link com.serviceform.sdk.errors.UnexpectedStatusException}.
     */
    public Builder followRedirects(boolean followRedirects) {
      this.followRedirects = followRedirects;
      return this;
    }

    /**
     * Allow a plain {@code http://} base URL on a host that is not loopback (default false). The
     * API key would cross the network in clear text.
     */
    public Builder allowInsecureHttp(boolean allowInsecureHttp) {
      this.allowInsecureHttp = allowInsecureHttp;
      return this;
    }

    /**
     * How failed calls are retried (default {@link RetryPolicy#ofDefaults()}: 3 attempts, 500 ms
     * base, 8 s cap). {@link RetryPolicy#none()} turns retries off. Which failures are retried
     * follows from the spec; see {@code docs/resilience.md}.
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
      return this;
    }

    /**
     * The most a call may take, across every attempt and every wait between them (default 2
     * minutes); null for none. When it elapses the call ends with a {@link
     * com.serviceform.sdk.errors.ServiceformTimeoutException} whose {@code isCallTimeout()} is true,
     * even if the server is still sending.
     */
    public Builder callTimeout(Duration callTimeout) {
      this.callTimeout = callTimeout == null ? null : positive(callTimeout, "callTimeout");
      return this;
    }

    /**
     * The circuit breaker's settings (default {@link #DEFAULT_CIRCUIT_BREAKER}); null turns the
     * breaker off. Whatever the config's exception predicates, only 5xx answers and I/O failures
     * count as failures.
     */
    public Builder circuitBreaker(CircuitBreakerConfig circuitBreakerConfig) {
      this.circuitBreakerConfig = circuitBreakerConfig;
      return this;
    }

    /**
     * A client-side rate limiter (default none): each attempt takes a permit, waiting at most the
     * config's timeout, and a call that gets none fails with {@link
     * com.serviceform.sdk.errors.ClientRateLimitException} unsent.
     */
    public Builder rateLimiter(RateLimiterConfig rateLimiterConfig) {
      this.rateLimiterConfig = rateLimiterConfig;
      return this;
    }

    /** The clock {@code Retry-After} dates are read against (default UTC system clock); for tests. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** What waits between attempts (default {@link Sleeper#system()}); for tests. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
      return this;
    }

    /**
     * Sets the API key and base URL from system properties or the environment, as {@link
     * ServiceformClient#fromEnv()} describes.
     *
     * @throws IllegalStateException if no API key is set
     */
    public Builder fromEnv() {
      return fromEnv(System::getenv, System.getProperties()::getProperty);
    }

    Builder fromEnv(Function<String, String> env, Function<String, String> properties) {
      String key = firstSet(properties.apply(PROPERTY_API_KEY), env.apply(ENV_API_KEY));
      if (key == null) {
        throw new IllegalStateException(
            "no API key: set the environment variable " + ENV_API_KEY
                + " or the system property " + PROPERTY_API_KEY);
      }
      this.apiKey = key;
      String url = firstSet(properties.apply(PROPERTY_BASE_URL), env.apply(ENV_BASE_URL));
      if (url != null) {
        this.baseUrl = url.trim();
      }
      return this;
    }

    /**
     * Builds the client.
     *
     * @throws IllegalArgumentException if the API key or the base URL is not acceptable
     */
    public ServiceformClient build() {
      ApiKeyInterceptor.validate(apiKey);
      this.baseUrl = checkBaseUrl(baseUrl, allowInsecureHttp);
      return new ServiceformClient(this);
    }

    Builder copy() {
      Builder copy = new Builder();
      copy.apiKey = apiKey;
      copy.baseUrl = baseUrl;
      copy.connectTimeout = connectTimeout;
      copy.readTimeout = readTimeout;
      copy.transport = transport;
      copy.httpClient = httpClient;
      copy.maxConnections = maxConnections;
      copy.connectionAcquireTimeout = connectionAcquireTimeout;
      copy.maxResponseBytes = maxResponseBytes;
      copy.logLevel = logLevel;
      copy.followRedirects = followRedirects;
      copy.allowInsecureHttp = allowInsecureHttp;
      copy.retryPolicy = retryPolicy;
      copy.callTimeout = callTimeout;
      copy.circuitBreakerConfig = circuitBreakerConfig;
      copy.rateLimiterConfig = rateLimiterConfig;
      copy.clock = clock;
      copy.sleeper = sleeper;
      return copy;
    }

    @Override
    public String toString() {
      return "ServiceformClient.Builder{baseUrl=" + baseUrl + ", apiKey="
          + (apiKey == null ? "null" : "<redacted>") + ", transport="
          + (httpClient != null ? httpClient.getClass().getName() : transport) + "}";
    }

    private static String firstSet(String first, String second) {
      if (first != null && !first.isBlank()) {
        return first;
      }
      return second != null && !second.isBlank() ? second : null;
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name + " == null");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + value);
      }
      return value;
    }

    static String checkBaseUrl(String baseUrl, boolean allowInsecureHttp) {
      URI uri;
      try {
        uri = new URI(baseUrl);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("baseUrl is not a valid URL: " + e.getReason());
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("https") && !scheme.equals("http")) {
        throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL, was " + baseUrl);
      }
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("baseUrl has no host: " + baseUrl);
      }
      if (uri.getRawUserInfo() != null) {
        // Credentials in a URL end up in logs and exception messages.
        throw new IllegalArgumentException("baseUrl must not contain user info");
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new IllegalArgumentException("baseUrl must not have a query or fragment: " + baseUrl);
      }
      if (scheme.equals("http") && !allowInsecureHttp && !isLoopback(uri.getHost())) {
        throw new IllegalArgumentException(
            "baseUrl uses plain http on a non-loopback host, which would send the API key in clear "
                + "text; use https or call allowInsecureHttp(true)");
      }
      String normalized = uri.toString();
      while (normalized.endsWith("/")) {
        normalized = normalized.substring(0, normalized.length() - 1);
      }
      return normalized;
    }

    /** Loopback by name or literal address only: no DNS lookup. */
    static boolean isLoopback(String host) {
      String h = host.toLowerCase(Locale.ROOT);
      if (h.equals("localhost") || h.endsWith(".localhost")) {
        return true;
      }
      if (h.equals("[::1]") || h.equals("::1")) {
        return true;
      }
      String[] octets = h.split("\\.", -1);
      if (octets.length != 4 || !octets[0].equals("127")) {
        return false;
      }
      for (String octet : octets) {
        if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(Character::isDigit)
            || Integer.parseInt(octet) > 255) {
          return false;
        }
      }
      return true;
    }
  }

}
