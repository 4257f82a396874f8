package com.serviceform.sdk.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.serviceform.sdk.RequestOptions;
import com.serviceform.sdk.StreamingResponse;
import com.serviceform.sdk.api.ChatsApi;
import com.serviceform.sdk.api.FlexApi;
import com.serviceform.sdk.api.LeadsApi;
import com.serviceform.sdk.api.StatisticsApi;
import com.serviceform.sdk.errors.ResponseDecodeException;
import com.serviceform.sdk.errors.ResponseValidationException;
import com.serviceform.sdk.errors.ServerException;
import com.serviceform.sdk.errors.ServiceformIOException;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.ChatQuery;
import com.serviceform.sdk.model.Item;
import com.serviceform.sdk.model.Lead;
import com.serviceform.sdk.retry.Resilience;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * What a {@code ServiceformClient} runs on: the parts assembled once per client (transport,
 * exchange, retries, the compiled operations, the generated interfaces' proxies), and views of them
 * with other {@link RequestOptions} that share everything but the per-call settings.
 *
 * <p>The path of a call, top to bottom: the proxy of a generated interface hands the method and its
 * arguments to the method's {@link OperationCall} (found in one map, built here), which builds the
 * request; the {@link ResilientClient} runs the attempts ({@link ExchangeClient} for each, over the
 * transport); the {@link OperationCall} decodes the answer. Streaming methods take the same path
 * with the body left unread and decode it with a {@link JsonArrayIterator}.
 */
public final class ClientRuntime implements AutoCloseable {
  /** The SDK's version, for {@code ServiceformClient.sdkVersion()}. */
  public static String sdkVersion() {
    return SdkVersion.version();
  }

  private final Core core;
  private final CallSettings call;
  private final boolean view;
  // Made on first use: a proxy class is generated and loaded per interface, which a client that
  // only ever uses one of them, or a short-lived process, should not pay for.
  private volatile FlexApi flex;
  private volatile LeadsApi leads;
  private volatile ChatsApi chats;
  private volatile StatisticsApi statistics;

  private ClientRuntime(Core core, CallSettings call, boolean view) {
    this.core = core;
    this.call = call;
    this.view = view;
  }

  /**
   * Assembles a client's parts from settings checked by the builder.
   *
   * @throws IllegalArgumentException if the API key cannot be sent (the message never shows it)
   */
  public static ClientRuntime start(ClientSettings settings) {
    ApiKeyInterceptor.validate(settings.apiKey);
    return new ClientRuntime(new Core(settings), CallSettings.of(settings), false);
  }

  /** A view whose calls run with {@code options} over this one's; it shares everything else. */
  public ClientRuntime withOptions(RequestOptions options) {
    return new ClientRuntime(core, CallSettings.of(core.settings, call.options.merge(options)), true);
  }

  /** Whether this is a view made by {@link #withOptions}, which owns nothing it could close. */
  public boolean isView() {
    return view;
  }

  public ClientSettings settings() {
    return core.settings;
  }

  public FlexApi flex() {
    FlexApi api = flex;
    return api != null ? api : (flex = proxy(FlexApi.class));
  }

  public LeadsApi leads() {
    LeadsApi api = leads;
    return api != null ? api : (leads = proxy(LeadsApi.class));
  }

  public ChatsApi chats() {
    ChatsApi api = chats;
    return api != null ? api : (chats = proxy(ChatsApi.class));
  }

  public StatisticsApi statistics() {
    StatisticsApi api = statistics;
    return api != null ? api : (statistics = proxy(StatisticsApi.class));
  }

  public Resilience resilience() {
    return core.resilience.view();
  }

  /** {@code listItems}, decoded element by element. */
  public StreamingResponse<Item> streamItems(String spaceId) {
    return stream(core.listItems(), spaceId);
  }

  /** {@code listLeads}, decoded element by element. */
  public StreamingResponse<Lead> streamLeads() {
    return stream(core.listLeads());
  }

  /**
   * {@code searchChats}, decoded element by element, and no further than the query's {@code
   * limit}: the rest of an answer from a server that ignores it is not decoded.
   */
  public StreamingResponse<Chat> streamChats(ChatQuery query) {
    Integer limit = query == null ? null : query.getLimit();
    return stream(core.searchChats(), elements -> ChatStreams.limited(elements, limit), query);
  }

  /**
   * The chats API as the pager needs it: its generated methods as usual, and as a {@link
   * ChatWindowSource} each window's answer decoded element by element, so the pager can stop
   * after its limit however many chats a server sends.
   */
  public ChatsApi chatWindows() {
    return ChatStreams.windowSource(chats(), query -> this.<Chat>open(core.searchChats(), query).elements);
  }

  private <T> StreamingResponse<T> stream(OperationCall operation, Object... args) {
    return stream(operation, JsonArrayIterator::stream, args);
  }

  private <T> StreamingResponse<T> stream(OperationCall operation,
      java.util.function.Function<JsonArrayIterator<T>, Stream<T>> view, Object... args) {
    Opened<T> opened = open(operation, args);
    return new Streamed<>(opened.status, opened.headers, opened.elements, view);
  }

  private <T> Opened<T> open(OperationCall operation, Object... args) {
    feign.Request request = operation.request(args, call);
    // For listeners a streaming call ends at its response headers (EventListener says so).
    CallEvents events = core.listeners == null ? null : core.listeners.start(operation, request, true);
    try {
      feign.Response response = core.resilient.execute(operation, request, call, true, events);
      JsonArrayIterator<T> elements = JsonArrayIterator.open(response, operation.elementReader(),
          e -> core.resilient.streamFailure(request, e), core.redactor);
      Opened<T> opened = new Opened<>(response.status(), core.decoder.apiResponse(response, null).getHeaders(),
          elements);
      if (events != null) {
        events.callEnd(null);
      }
      return opened;
    } catch (RuntimeException | Error failure) {
      if (events != null) {
        core.ended(events, failure);
      }
      throw failure;
    }
  }

  /** An answer opened for streaming. */
  private static final class Opened<T> {
    final int status;
    final Map<String, ? extends java.util.Collection<String>> headers;
    final JsonArrayIterator<T> elements;

    Opened(int status, Map<String, ? extends java.util.Collection<String>> headers, JsonArrayIterator<T> elements) {
      this.status = status;
      this.headers = headers;
      this.elements = elements;
    }
  }

  /**
   * Ends the client (a view: nothing, it owns nothing). Calls in flight and calls waiting to retry
   * end with {@code ClientClosedException}; then a transport the client made is closed.
   */
  @Override
  public void close() {
    if (!view) {
      core.close();
    }
  }

  private <T> T proxy(Class<T> api) {
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return objectMethod(api, proxy, method, args);
      }
      OperationCall operation = core.call(method);
      feign.Request request = operation.request(args, call);
      if (core.listeners != null) {
        return core.observed(operation, request, call);
      }
      return core.decode(operation, core.resilient.execute(operation, request, call, false, null), null);
    };
    return api.cast(Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, handler));
  }

  private Object objectMethod(Class<?> api, Object proxy, Method method, Object[] args) {
    switch (method.getName()) {
      case "equals":
        return proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      case "toString":
        return api.getSimpleName() + "{baseUrl=" + core.settings.baseUrl + "}";
      default:
        throw new UnsupportedOperationException(method.toString());
    }
  }

  /** A stream with its status and headers. */
  private static final class Streamed<T> implements StreamingResponse<T> {
    private final int status;
    private final Map<String, List<String>> headers;
    private final JsonArrayIterator<T> elements;
    private final java.util.function.Function<JsonArrayIterator<T>, Stream<T>> view;

    Streamed(int status, Map<String, ? extends java.util.Collection<String>> headers, JsonArrayIterator<T> elements,
        java.util.function.Function<JsonArrayIterator<T>, Stream<T>> view) {
      this.status = status;
      Map<String, List<String>> copy = new java.util.TreeMap<>();
      headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
      this.headers = java.util.Collections.unmodifiableMap(copy);
      this.elements = elements;
      this.view = view;
    }

    @Override
    public int statusCode() {
      return status;
    }

    @Override
    public Map<String, List<String>> headers() {
      return headers;
    }

    @Override
    public Stream<T> stream() {
      return view.apply(elements);
    }

    @Override
    public void close() {
      elements.close();
    }
  }

  /** The generated methods the streaming methods send with, found once per JVM. */
  private static final class StreamedOperations {
    static final Method LIST_ITEMS = method(FlexApi.class, "listItems", String.class);
    static final Method LIST_LEADS = method(LeadsApi.class, "listLeads");
    static final Method SEARCH_CHATS = method(ChatsApi.class, "searchChats", ChatQuery.class);

    private static Method method(Class<?> api, String name, Class<?>... parameters) {
      try {
        return api.getMethod(name, parameters);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(api.getSimpleName() + "." + name + " is not generated any more", e);
      }
    }
  }

  /** The parts one client and all its views share. */
  private static final class Core {
    final ClientSettings settings;
    final Redactor redactor;
    final feign.Client transport;
    final boolean ownsTransport;
    final ResilienceParts resilience;
    final ResilientClient resilient;
    final JsonDecoder decoder;
    /** Null when the client has no event listeners. */
    final Listeners listeners;
    /** Null when response validation is off. */
    final ResponseValidator validator;
    private final ObjectMapper mapper = ObjectMappers.shared();
    private final String userAgent;
    /** Each generated method's call, compiled when the method is first called. */
    private final Map<Method, OperationCall> calls = new ConcurrentHashMap<>();

    Core(ClientSettings settings) {
      this.settings = settings;
      this.redactor = new Redactor(settings.apiKey);
      this.listeners = Listeners.of(settings, redactor);
      this.validator = ResponseValidator.of(settings.responseValidation, redactor);
      this.ownsTransport = settings.httpClient == null;
      this.transport = ownsTransport ? Transports.create(settings) : settings.httpClient;
      ErrorMapper errors = new ErrorMapper(redactor, settings.clock);
      ExchangeClient exchange = new ExchangeClient(transport, new HttpLogger(settings.logLevel, redactor), errors,
          redactor, settings.followRedirects, settings.maxResponseBytes);
      this.resilience = newResilience(settings);
      this.resilient = new ResilientClient(exchange, errors, settings, resilience);
      this.decoder = new JsonDecoder(redactor);
      this.userAgent = settings.userAgent();
    }

    /** The call of a generated method: compiled on its first call, then one map lookup. */
    OperationCall call(Method method) {
      OperationCall operation = calls.get(method);
      return operation != null ? operation
          : calls.computeIfAbsent(method, m -> OperationCall.compile(m, settings.baseUrl, settings.apiKey, userAgent, mapper));
    }

    OperationCall listItems() {
      return call(StreamedOperations.LIST_ITEMS);
    }

    OperationCall listLeads() {
      return call(StreamedOperations.LIST_LEADS);
    }

    OperationCall searchChats() {
      return call(StreamedOperations.SEARCH_CHATS);
    }

    /** The answer, checked against the spec first when validation is on; {@code events} may be null. */
    Object decode(OperationCall operation, feign.Response response, CallEvents events) {
      if (validator != null) {
        validator.check(operation, response, events);
      }
      return operation.decode(response, decoder);
    }

    /** A call of a client with listeners: as {@link #decode} after an exchange, with the call's events. */
    Object observed(OperationCall operation, feign.Request request, CallSettings call) {
      CallEvents events = listeners.start(operation, request, false);
      Object result;
      try {
        result = decode(operation, resilient.execute(operation, request, call, false, events), events);
      } catch (RuntimeException | Error failure) {
        ended(events, failure);
        throw failure;
      }
      events.callEnd(null);
      return result;
    }

    void ended(CallEvents events, Throwable failure) {
      if (failure instanceof ResponseDecodeException && !(failure instanceof ResponseValidationException)) {
        events.decodeFailure((ResponseDecodeException) failure);
      }
      events.callEnd(failure);
    }

    void close() {
      resilient.close();
      if (ownsTransport && transport instanceof Closeable) {
        try {
          ((Closeable) transport).close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }

    /**
     * The circuit breaker records only server errors (5xx) and I/O failures, whatever the given
     * config says: 4xx answers mean the server is healthy and never open it.
     */
    private static ResilienceParts newResilience(ClientSettings settings) {
      CircuitBreaker breaker = settings.circuitBreakerConfig == null ? null
          : CircuitBreaker.of(Resilience.NAME, CircuitBreakerConfig.from(settings.circuitBreakerConfig)
              .recordException(failure -> failure instanceof ServerException || failure instanceof ServiceformIOException)
              .ignoreException(failure -> false)
              .clock(settings.clock)
              .build());
      RateLimiter limiter = settings.rateLimiterConfig == null ? null
          : RateLimiter.of(Resilience.NAME, settings.rateLimiterConfig);
      return new ResilienceParts(breaker, limiter);
    }
  }
}
