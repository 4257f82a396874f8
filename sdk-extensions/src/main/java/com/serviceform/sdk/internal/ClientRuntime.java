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
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  private final Core core;
  private final CallSettings call;
  private final boolean view;
  private final FlexApi flex;
  private final LeadsApi leads;
  private final ChatsApi chats;
  private final StatisticsApi statistics;

  private ClientRuntime(Core core, CallSettings call, boolean view) {
    this.core = core;
    this.call = call;
    this.view = view;
    this.flex = proxy(FlexApi.class);
    this.leads = proxy(LeadsApi.class);
    this.chats = proxy(ChatsApi.class);
    this.statistics = proxy(StatisticsApi.class);
  }

  /** Assembles a client's parts from checked settings. */
  public static ClientRuntime start(ClientSettings settings) {
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
    return flex;
  }

  public LeadsApi leads() {
    return leads;
  }

  public ChatsApi chats() {
    return chats;
  }

  public StatisticsApi statistics() {
    return statistics;
  }

  public Resilience resilience() {
    return core.resilience;
  }

  /** {@code listItems}, decoded element by element. */
  public StreamingResponse<Item> streamItems(String spaceId) {
    return stream(core.listItems, spaceId);
  }

  /** {@code listLeads}, decoded element by element. */
  public StreamingResponse<Lead> streamLeads() {
    return stream(core.listLeads);
  }

  /**
   * {@code searchChats}, decoded element by element, and no further than the query's {@code
   * limit}: the rest of an answer from a server that ignores it is not decoded.
   */
  public StreamingResponse<Chat> streamChats(ChatQuery query) {
    Integer limit = query == null ? null : query.getLimit();
    return stream(core.searchChats, elements -> ChatStreams.limited(elements, limit), query);
  }

  /**
   * The chats API as the pager needs it: its generated methods as usual, and as a {@link
   * ChatWindowSource} each window's answer decoded element by element, so the pager can stop
   * after its limit however many chats a server sends.
   */
  public ChatsApi chatWindows() {
    return ChatStreams.windowSource(chats, query -> this.<Chat>open(core.searchChats, query).elements);
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
    Map<Method, OperationCall> calls = core.calls.get(api);
    InvocationHandler handler = (proxy, method, args) -> {
      OperationCall operation = calls.get(method);
      if (operation != null) {
        feign.Request request = operation.request(args, call);
        if (core.listeners != null) {
          return core.observed(operation, request, call);
        }
        return core.decode(operation, core.resilient.execute(operation, request, call, false, null), null);
      }
      return objectMethod(api, proxy, method, args);
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

  /** The parts one client and all its views share. */
  private static final class Core {
    final ClientSettings settings;
    final Redactor redactor;
    final feign.Client transport;
    final boolean ownsTransport;
    final Resilience resilience;
    final ResilientClient resilient;
    final JsonDecoder decoder;
    /** Null when the client has no event listeners. */
    final Listeners listeners;
    /** Null when response validation is off. */
    final ResponseValidator validator;
    final Map<Class<?>, Map<Method, OperationCall>> calls = new HashMap<>();
    final OperationCall listItems;
    final OperationCall listLeads;
    final OperationCall searchChats;

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
      ObjectMapper mapper = ObjectMappers.shared();
      String userAgent = settings.userAgent();
      for (Class<?> api : List.of(FlexApi.class, LeadsApi.class, ChatsApi.class, StatisticsApi.class)) {
        Map<Method, OperationCall> byMethod = new HashMap<>();
        for (OperationCall operation : OperationCall.compile(api, settings.baseUrl, settings.apiKey, userAgent, mapper)) {
          byMethod.put(operation.method, operation);
        }
        calls.put(api, byMethod);
      }
      this.listItems = find(FlexApi.class, "listItems", String.class);
      this.listLeads = find(LeadsApi.class, "listLeads");
      this.searchChats = find(ChatsApi.class, "searchChats", ChatQuery.class);
    }

    /** A generated method's call, found once at assembly (the streaming methods reuse them). */
    private OperationCall find(Class<?> api, String name, Class<?>... parameters) {
      try {
        return calls.get(api).get(api.getMethod(name, parameters));
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(api.getSimpleName() + "." + name + " is not generated any more", e);
      }
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
    private static Resilience newResilience(ClientSettings settings) {
      CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
      if (settings.circuitBreakerConfig != null) {
        breakers.circuitBreaker(Resilience.NAME, CircuitBreakerConfig.from(settings.circuitBreakerConfig)
            .recordException(failure -> failure instanceof ServerException || failure instanceof ServiceformIOException)
            .ignoreException(failure -> false)
            .clock(settings.clock)
            .build());
      }
      RateLimiterRegistry limiters = RateLimiterRegistry.ofDefaults();
      if (settings.rateLimiterConfig != null) {
        limiters.rateLimiter(Resilience.NAME, settings.rateLimiterConfig);
      }
      return new Resilience(RetryRegistry.ofDefaults(), breakers, limiters);
    }
  }
}
