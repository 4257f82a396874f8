package com.serviceform.sdk;

import com.serviceform.sdk.api.ChatsApi;
import com.serviceform.sdk.api.FlexApi;
import com.serviceform.sdk.api.LeadsApi;
import com.serviceform.sdk.api.StatisticsApi;
import com.serviceform.sdk.internal.ClientRuntime;
import com.serviceform.sdk.internal.ClientSettings;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.ChatQuery;
import com.serviceform.sdk.model.Item;
import com.serviceform.sdk.model.Lead;
import com.serviceform.sdk.pagination.ChatHistory;
import com.serviceform.sdk.retry.Resilience;
import com.serviceform.sdk.retry.RetryPolicy;
import com.serviceform.sdk.retry.Sleeper;
import com.serviceform.sdk.retry.Ticker;
import feign.Client;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

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

  private final ClientRuntime runtime;

  private ServiceformClient(ClientRuntime runtime) {
    this.runtime = runtime;
  }

  /** A builder with the defaults: production base URL, 10 s connect and 30 s read timeouts. */
  public static Builder builder() {
    return new Builder();
  }

  /** This SDK's version, for example {@code 0.1.0}: the one its User-Agent names. */
  public static String sdkVersion() {
    return ClientRuntime.sdkVersion();
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

  /**
   * A builder holding this client's configuration, to build a differently configured client (with
   * a connection pool of its own). For other settings on some calls only, sharing this client's
   * pool, use {@link #withOptions(RequestOptions)}.
   */
  public Builder toBuilder() {
    return new Builder(runtime.settings().toBuilder());
  }

  /**
   * A view of this client whose calls run with {@code options} (a call timeout, a read timeout,
   * extra headers, a retry policy) over its own settings. The view shares this client's transport,
   * connection pool, circuit breaker and rate limiter; it is cheap to make, for one call or many.
   * Closing the view does nothing; closing this client ends the view's calls too.
   */
  public ServiceformClient withOptions(RequestOptions options) {
    return new ServiceformClient(runtime.withOptions(Objects.requireNonNull(options, "options == null")));
  }

  /** Flex spaces and items. */
  public FlexApi flex() {
    return runtime.flex();
  }

  /** Leads. */
  public LeadsApi leads() {
    return runtime.leads();
  }

  /** Chat history. */
  public ChatsApi chats() {
    return runtime.chats();
  }

  /** Chat statistics. */
  public StatisticsApi statistics() {
    return runtime.statistics();
  }

  /**
   * Every chat of a time range, each once, fetched lazily in windows of at most a page; see
   * {@link ChatHistory}. The query's {@code uid}, {@code chatbot} and {@code showMessages} go with
   * every window; its {@code startTime}/{@code endTime} are the range unless set on the pager.
   */
  public ChatHistory chatHistory(ChatQuery query) {
    // Each window is decoded element by element and read no further than its limit.
    return ChatHistory.of(runtime.chatWindows(), query);
  }

  /**
   * {@code listItems}, decoded one item at a time as the body arrives, so memory stays flat for
   * any size. Close the stream (try-with-resources) if you stop early: that ends the exchange and
   * discards the connection. Retries cover the call until the response starts; a failure
   * mid-stream is thrown from the stream as a {@link com.serviceform.sdk.errors.ServiceformIOException}.
   */
  public Stream<Item> streamItems(String spaceId) {
    return runtime.streamItems(spaceId).stream();
  }

  /** {@link #streamItems(String)} with the response's status and headers. */
  public StreamingResponse<Item> streamItemsWithHttpInfo(String spaceId) {
    return runtime.streamItems(spaceId);
  }

  /** {@code listLeads}, decoded one lead at a time; see {@link #streamItems(String)}. */
  public Stream<Lead> streamLeads() {
    return runtime.streamLeads().stream();
  }

  /** {@link #streamLeads()} with the response's status and headers. */
  public StreamingResponse<Lead> streamLeadsWithHttpInfo() {
    return runtime.streamLeads();
  }

  /**
   * {@code searchChats}, decoded one chat at a time; see {@link #streamItems(String)}. The stream
   * ends after the query's {@code limit} chats: the rest of an answer from a server that ignores
   * the limit is not decoded, and its connection is discarded.
   */
  public Stream<Chat> streamChats(ChatQuery query) {
    return runtime.streamChats(query).stream();
  }

  /** {@link #streamChats(ChatQuery)} with the response's status and headers. */
  public StreamingResponse<Chat> streamChatsWithHttpInfo(ChatQuery query) {
    return runtime.streamChats(query);
  }

  /** The client's Resilience4j retries, circuit breaker and rate limiter, for metrics and events. */
  public Resilience resilience() {
    return runtime.resilience();
  }

  /** The base URL requests are sent to. */
  public String baseUrl() {
    return runtime.settings().baseUrl;
  }

  /**
   * Ends the client. Calls in flight, open streams and calls waiting to retry end at once with a
   * {@link com.serviceform.sdk.errors.ClientClosedException}, and so does every later call, before
   * anything is sent. Then the connection pool of a transport this client created is closed; a
   * transport passed to {@link Builder#httpClient(Client)} belongs to the caller and is left open.
   * No thread of the SDK's own outlives the last client's close. Idempotent. On a view made by
   * {@link #withOptions(RequestOptions)}, does nothing.
   */
  @Override
  public void close() {
    runtime.close();
  }

  @Override
  public String toString() {
    return "ServiceformClient{baseUrl=" + baseUrl() + ", apiKey=<redacted>" + (runtime.isView() ? ", view" : "") + "}";
  }

  /**
   * The circuit breaker unless configured otherwise: over the last 20 attempts, once at least 10
   * were made, open when half or more failed with a 5xx or an I/O failure; stay open 30 s, then let
   * 3 probe calls through (half-open) and close if they succeed.
   */
  public static final CircuitBreakerConfig DEFAULT_CIRCUIT_BREAKER = ClientSettings.DEFAULT_CIRCUIT_BREAKER;

  /** Configures a {@link ServiceformClient}. Not thread-safe; the client it builds is. */
  public static final class Builder {
    private final ClientSettings.Builder settings;

    private Builder() {
      this(ClientSettings.builder());
    }

    private Builder(ClientSettings.Builder settings) {
      this.settings = settings;
    }

    /**
     * The account's Public API key, sent as {@code sf-api-key}. Required. Checked by {@link
     * #build()}: null, empty, blank keys and keys with whitespace or control characters are
     * refused with a message that does not include the key.
     */
    public Builder apiKey(String apiKey) {
      settings.apiKey = apiKey;
      return this;
    }

    /**
     * The API's base URL (default {@value ServiceformClient#DEFAULT_BASE_URL}). Must be {@code
     * https}, or {@code http} on a loopback host ({@code localhost}, {@code 127.x.x.x}, {@code
     * [::1]}) unless {@link #allowInsecureHttp(boolean)} is set.
     */
    public Builder baseUrl(String baseUrl) {
      settings.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl == null");
      return this;
    }

    /** How long to wait for a TCP (and TLS) connection. Default 10 s. */
    public Builder connectTimeout(Duration connectTimeout) {
      settings.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * How long to wait for the server: for the response headers, and for the next bytes of a body
     * on every read (streams included), with either built-in transport. Default 30 s.
     */
    public Builder readTimeout(Duration readTimeout) {
      settings.readTimeout = positive(readTimeout, "readTimeout");
      return this;
    }

    /** The built-in HTTP client to use. Default {@link Transport#APACHE_HTTP_CLIENT_5}. */
    public Builder transport(Transport transport) {
      settings.transport = Objects.requireNonNull(transport, "transport == null");
      settings.httpClient = null;
      return this;
    }

    /**
     * Send with this Feign client instead of a built-in transport (OkHttp's {@code
     * feign.okhttp.OkHttpClient}, for example). It must not retry or follow redirects on its
     * own; the SDK does both. The caller keeps ownership: {@link ServiceformClient#close()} does
     * not close it.
     */
    public Builder httpClient(Client httpClient) {
      settings.httpClient = Objects.requireNonNull(httpClient, "httpClient == null");
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
      settings.maxConnections = maxConnections;
      return this;
    }

    /**
     * How long a call waits for a free connection when all {@link #maxConnections(int)} are busy
     * (default 10 s, and never past the call timeout). Past it the call ends unsent with a {@link
     * com.serviceform.sdk.errors.ConnectionPoolTimeoutException}, which is not retried and not
     * counted by the circuit breaker: the pool, not the server, was the limit.
     */
    public Builder connectionAcquireTimeout(Duration connectionAcquireTimeout) {
      settings.connectionAcquireTimeout = positive(connectionAcquireTimeout, "connectionAcquireTimeout");
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
      settings.maxResponseBytes = maxResponseBytes;
      return this;
    }

    /** How much of each exchange to log. Default {@link LogLevel#NONE}. */
    public Builder logLevel(LogLevel logLevel) {
      settings.logLevel = Objects.requireNonNull(logLevel, "logLevel == null");
      return this;
    }

    /**
     * Whether to follow redirects (default false). Only redirects to the same scheme, host and
     * port are followed, so the API key never goes to another host; any other redirect ends the
     * call with an {@link com.serviceform.sdk.errors.UnexpectedStatusException}.
     */
    public Builder followRedirects(boolean followRedirects) {
      settings.followRedirects = followRedirects;
      return this;
    }

    /**
     * Allow a plain {@code http://} base URL on a host that is not loopback (default false). The
     * API key would cross the network in clear text.
     */
    public Builder allowInsecureHttp(boolean allowInsecureHttp) {
      settings.allowInsecureHttp = allowInsecureHttp;
      return this;
    }

    /**
     * How failed calls are retried (default {@link RetryPolicy#ofDefaults()}: 3 attempts, 500 ms
     * base, 8 s cap). {@link RetryPolicy#none()} turns retries off. Which failures are retried
     * follows from the spec; see {@code docs/resilience.md}.
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      settings.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
      return this;
    }

    /**
     * The most a call may take, across every attempt and every wait between them (default 2
     * minutes); null for none. When it elapses the call ends with a {@link
     * com.serviceform.sdk.errors.ServiceformTimeoutException} whose {@code isCallTimeout()} is true,
     * even if the server is still sending.
     */
    public Builder callTimeout(Duration callTimeout) {
      settings.callTimeout = callTimeout == null ? null : positive(callTimeout, "callTimeout");
      return this;
    }

    /**
     * The circuit breaker's settings (default {@link #DEFAULT_CIRCUIT_BREAKER}); null turns the
     * breaker off. Whatever the config's exception predicates, only 5xx answers and I/O failures
     * count as failures.
     */
    public Builder circuitBreaker(CircuitBreakerConfig circuitBreakerConfig) {
      settings.circuitBreakerConfig = circuitBreakerConfig;
      return this;
    }

    /**
     * A client-side rate limiter (default none): each attempt takes a permit, waiting at most the
     * config's timeout, and a call that gets none fails with {@link
     * com.serviceform.sdk.errors.ClientRateLimitException} unsent.
     */
    public Builder rateLimiter(RateLimiterConfig rateLimiterConfig) {
      settings.rateLimiterConfig = rateLimiterConfig;
      return this;
    }

    /** The clock {@code Retry-After} dates are read against (default UTC system clock); for tests. */
    public Builder clock(Clock clock) {
      settings.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** What waits between attempts (default {@link Sleeper#system()}); for tests. */
    public Builder sleeper(Sleeper sleeper) {
      settings.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
      return this;
    }

    /**
     * The monotonic clock call deadlines are measured with (default {@link Ticker#system()}); for
     * tests, with a {@link #sleeper(Sleeper)} that advances it, so deadlines are decided in exact,
     * fake time.
     */
    public Builder ticker(Ticker ticker) {
      settings.ticker = Objects.requireNonNull(ticker, "ticker == null");
      return this;
    }

    /**
     * Send every request through this proxy (an HTTP proxy: {@code https} goes through a {@code
     * CONNECT} tunnel, so the proxy never sees the key or the body in clear). {@link Proxy#NO_PROXY}
     * sends directly, whatever the JVM's proxy properties say. Without this or {@link
     * #proxySelector(ProxySelector)}, the JVM's standard proxy properties ({@code https.proxyHost},
     * {@code http.proxyHost}, {@code http.nonProxyHosts}, ...) are honoured when set.
     */
    public Builder proxy(Proxy proxy) {
      Objects.requireNonNull(proxy, "proxy == null");
      if (proxy.type() == Proxy.Type.SOCKS) {
        throw new IllegalArgumentException("a SOCKS proxy is not supported; give an HTTP proxy");
      }
      settings.proxySelector = new FixedProxySelector(proxy);
      return this;
    }

    /** Choose the proxy per request with {@code selector}; see {@link #proxy(Proxy)}. */
    public Builder proxySelector(ProxySelector selector) {
      settings.proxySelector = Objects.requireNonNull(selector, "selector == null");
      return this;
    }

    /**
     * Basic credentials for the proxy, sent only to the proxy ({@code Proxy-Authorization}), never
     * to the API. Needs {@link #proxy(Proxy)} or {@link #proxySelector(ProxySelector)}.
     */
    public Builder proxyCredentials(String username, String password) {
      settings.proxyUsername = Objects.requireNonNull(username, "username == null");
      settings.proxyPassword = Objects.requireNonNull(password, "password == null");
      return this;
    }

    /**
     * The TLS context for {@code https} (default: the JVM's), for a private CA or a pinned trust
     * store: build it with the trust material you need ({@code SSLContext.getInstance("TLS")} and
     * {@code init} with your {@code TrustManager}s). Host names are always verified.
     */
    public Builder sslContext(SSLContext sslContext) {
      settings.sslContext = Objects.requireNonNull(sslContext, "sslContext == null");
      return this;
    }

    /**
     * Your application's name and version, appended to the User-Agent ({@code serviceform-java/0.1.0
     * (Java/17) my-app/1.4}) so that requests can be told apart on the server.
     *
     * @throws IllegalArgumentException if either is empty or holds characters a User-Agent product
     *     token cannot (whitespace, {@code /}, controls, ...)
     */
    public Builder appInfo(String name, String version) {
      settings.appInfo = token(name, "name") + "/" + token(version, "version");
      return this;
    }

    /**
     * Adds a listener that sees every call of the client (its calls, attempts, retries, breaker
     * transitions, pool waits, decode failures): one instance for all calls, so it must be
     * thread-safe. Several may be added; each sees every event, in the order they were added. An
     * exception a listener throws never breaks a call. Without listeners the client does no work
     * for them. See {@link com.serviceform.sdk.events.EventListener}.
     */
    public Builder addEventListener(com.serviceform.sdk.events.EventListener listener) {
      settings.addEventListener(Objects.requireNonNull(listener, "listener == null"));
      return this;
    }

    /**
     * Adds a factory that makes a listener for each call (for per-call state, such as a tracing
     * span); see {@link #addEventListener}.
     */
    public Builder addEventListenerFactory(com.serviceform.sdk.events.EventListener.Factory factory) {
      settings.eventListeners.add(Objects.requireNonNull(factory, "factory == null"));
      return this;
    }

    /**
     * Whether event listeners get request and response bodies as text (default false: they get
     * none). Bodies hold personal data; they come redacted (no piece of the API key) and cut at 64
     * KiB, like {@link LogLevel#BODY} logging.
     */
    public Builder eventBodies(boolean eventBodies) {
      settings.eventBodies = eventBodies;
      return this;
    }

    /**
     * Whether every success body is checked against the spec's response schema (default {@link
     * ResponseValidation#OFF}, at no cost). {@link ResponseValidation#WARN} reports each mismatch
     * once per operation and JSON path to the event listeners and the log, with paths and types
     * only; {@link ResponseValidation#FAIL} also fails each call whose answer differs, with a
     * {@link com.serviceform.sdk.errors.ResponseValidationException}. Streaming methods are not
     * checked. See {@code docs/observability.md}.
     */
    public Builder responseValidation(ResponseValidation responseValidation) {
      settings.responseValidation = Objects.requireNonNull(responseValidation, "responseValidation == null");
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
      settings.apiKey = key;
      String url = firstSet(properties.apply(PROPERTY_BASE_URL), env.apply(ENV_BASE_URL));
      if (url != null) {
        settings.baseUrl = url.trim();
      }
      return this;
    }

    /**
     * Builds the client.
     *
     * @throws IllegalArgumentException if the API key or the base URL is not acceptable
     */
    public ServiceformClient build() {
      settings.baseUrl = checkBaseUrl(settings.baseUrl, settings.allowInsecureHttp);
      if (settings.proxyUsername != null && settings.proxySelector == null) {
        throw new IllegalStateException("proxyCredentials(...) needs a proxy: set proxy(...) or proxySelector(...)");
      }
      return new ServiceformClient(ClientRuntime.start(settings.build()));
    }

    @Override
    public String toString() {
      return "ServiceformClient.Builder{baseUrl=" + settings.baseUrl + ", apiKey="
          + (settings.apiKey == null ? "null" : "<redacted>") + ", transport="
          + (settings.httpClient != null ? settings.httpClient.getClass().getName() : settings.transport) + "}";
    }

    private static String token(String value, String what) {
      Objects.requireNonNull(value, what + " == null");
      if (value.isEmpty() || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
        throw new IllegalArgumentException("appInfo " + what + " must be a non-empty token without spaces, '/' or "
            + "other separators, was '" + value + "'");
      }
      return value;
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


  /** One proxy for every URI. */
  private static final class FixedProxySelector extends ProxySelector {
    private final Proxy proxy;

    FixedProxySelector(Proxy proxy) {
      this.proxy = proxy;
    }

    @Override
    public List<Proxy> select(URI uri) {
      return List.of(proxy);
    }

    @Override
    public void connectFailed(URI uri, java.net.SocketAddress address, java.io.IOException failure) {
      // Nothing to remember: there is one proxy.
    }

    @Override
    public String toString() {
      return "FixedProxySelector{" + proxy + "}";
    }
  }
}
