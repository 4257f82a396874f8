package com.serviceform.sdk.testkit;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.Item;
import com.serviceform.sdk.model.Lead;
import com.serviceform.sdk.model.Space;
import com.serviceform.sdk.api.ApiOperation;
import com.serviceform.sdk.testkit.internal.SandboxEngine;
import com.serviceform.sdk.testkit.internal.SandboxHttpServer;
import com.serviceform.sdk.testkit.internal.UsageRecorder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A stateful fake of the Serviceform Public API on loopback, for tests and demos.
 *
 * <pre>{@code
 * try (ServiceformSandbox sandbox = ServiceformSandbox.start();
 *      ServiceformClient client = sandbox.newClient()) {
 *   List<Space> spaces = client.flex().listSpaces();
 *   sandbox.assertNoViolations();
 * }
 * }</pre>
 *
 * <p>Every operation of the spec is served. The spec's operations work on data held in memory:
 * items are created, read, listed, updated and deleted per space, their custom fields checked
 * against the space's field definitions; leads are listed; chats are queried; statistics are
 * computed from the held chats. An operation the sandbox has no handler for (one added to the spec
 * later) is answered from the spec's example, and the log says so. Every request is validated
 * against the spec packaged in this jar ({@link SpecValidator}): a request that breaks it is
 * answered with the status the spec documents for the operation (422 for {@code createItem} and for
 * a bad {@code updateItem} body, 400 otherwise) and recorded in {@link #violations()}. A missing or
 * wrong {@code sf-api-key} is answered 403 (401 where the spec declares it, as for {@code GET
 * /leads}); an unknown path 404, a method the path lacks 405, both recorded. Every answer but an
 * injected fault is validated too, its status included: the sandbox answers only what the spec
 * declares.
 *
 * <p>Chat queries filter on each chat's {@code changed} time (the vendor does not say which time it
 * uses), with both {@code startTime} and {@code endTime} inclusive; chats match {@code chatbot:
 * true} when their {@code lastSender} or one of their messages has type {@code bot} ({@code false}
 * does not filter); {@code limit} cuts after filtering; messages ({@code history}) are included only
 * with {@code showMessages: true}. Answers come in an order derived from a hash of each {@code cid},
 * deliberately not chronological: clients must not rely on order.
 *
 * <p>Thread-safe. {@link #reset()} restores the seed and clears faults, counts, violations and
 * relaxed field checks.
 */
public final class ServiceformSandbox implements AutoCloseable {
  /**
   * The system property naming a file to record usage to (see {@link Builder#recordUsage}), for
   * example {@code target/serviceform-usage.json}: set it in the test runner's configuration and
   * every sandbox of the run records, the extension's included.
   */
  public static final String USAGE_FILE_PROPERTY = "serviceform.sandbox.usageFile";

  /** The API key the sandbox accepts unless another is configured. */
  public static final String DEFAULT_API_KEY = "sandbox-key";

  /** Pass as the field to {@link #relaxCustomFieldChecks} to relax every field of a space. */
  public static final String ANY_FIELD = "*";

  private final SandboxHttpServer server;
  private final SandboxEngine engine;
  private final String apiKey;
  private final SandboxFaults faults;
  private final String baseUrl;

  private ServiceformSandbox(Builder builder) {
    this.apiKey = builder.apiKey;
    UsageRecorder usage = builder.usageFile != null || builder.usageInMemory
        ? new UsageRecorder(builder.spec.checks().spec(), builder.usageFile) : null;
    this.engine = new SandboxEngine(builder.spec.checks(), apiKey, builder.clock, builder.seed, builder.violationListener,
        usage);
    this.faults = new SandboxFaults(engine.faults());
    try {
      this.server = SandboxHttpServer.start(builder.port, engine::handle, builder.limits);
    } catch (IOException e) {
      throw new IllegalStateException("the sandbox cannot listen on 127.0.0.1:" + builder.port + ": " + e.getMessage(), e);
    }
    this.baseUrl = "http://127.0.0.1:" + server.port();
  }

  /** Starts a sandbox with the defaults: a free port, {@value #DEFAULT_API_KEY}, the default seed. */
  public static ServiceformSandbox start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** For example {@code http://127.0.0.1:41234}. */
  public String baseUrl() {
    return baseUrl;
  }

  public int port() {
    return server.port();
  }

  /** The key the sandbox accepts in {@code sf-api-key}. */
  public String apiKey() {
    return apiKey;
  }

  /** A new client for this sandbox; close it when done. */
  public ServiceformClient newClient() {
    return ServiceformClient.builder().apiKey(apiKey).baseUrl(baseUrl).build();
  }

  /** Fault injection: latency, error statuses, connection resets. */
  public SandboxFaults faults() {
    return faults;
  }

  /** Restores the seed data and clears faults, request counts and violations. */
  public void reset() {
    engine.reset();
  }

  /**
   * Replaces all held data with {@code data} (checked against the spec first). {@link #reset()}
   * still returns to the seed the sandbox was built with.
   *
   * @throws IllegalArgumentException if a record does not conform to the spec
   */
  public void load(SandboxData data) {
    engine.load(Objects.requireNonNull(data, "data == null"));
  }

  /** Adds spaces, replacing held ones with the same id (their items stay). */
  public void addSpaces(Collection<Space> spaces) {
    engine.addSpaces(spaces);
  }

  /**
   * Adds items, replacing held ones with the same id in the same space.
   *
   * @throws IllegalArgumentException if an item's {@code space_id} names no held space
   */
  public void addItems(Collection<Item> items) {
    engine.addItems(items);
  }

  /** Adds leads, replacing held ones with the same id. */
  public void addLeads(Collection<Lead> leads) {
    engine.addLeads(leads);
  }

  /**
   * Adds chats, replacing held ones with the same {@code cid}. Each chat is checked against the spec
   * and serialized once here, so that queries over many thousands of chats stay fast.
   *
   * @throws IllegalArgumentException if a chat has no {@code cid} or does not conform to the spec
   */
  public void addChats(Collection<Chat> chats) {
    engine.addChats(chats);
  }

  /** Copies of the held spaces, in the order they were added. */
  public List<Space> spaces() {
    return engine.spaces();
  }

  /**
   * Copies of the items of a space, in the order they were created.
   *
   * @throws IllegalArgumentException if the sandbox holds no such space
   */
  public List<Item> items(String spaceId) {
    List<Item> items = engine.items(Objects.requireNonNull(spaceId, "spaceId == null"));
    if (items == null) {
      throw new IllegalArgumentException("the sandbox holds no space '" + spaceId + "'");
    }
    return items;
  }

  /** Copies of the held leads. */
  public List<Lead> leads() {
    return engine.leads();
  }

  /** Copies of the held chats with their messages, in the sandbox's (hash) answer order. */
  public List<Chat> chats() {
    return engine.chats();
  }

  /**
   * How many requests addressed the operation since the start or the last reset, whatever the
   * answer (faults, rejections and key failures included).
   *
   * @throws IllegalArgumentException if the spec has no such operationId
   */
  public int requestCount(String operationId) {
    return engine.requestCount(engine.spec().requireOperation(operationId));
  }

  /** {@link #requestCount(String)} for an operation named by its generated constant. */
  public int requestCount(ApiOperation operation) {
    return requestCount(Objects.requireNonNull(operation, "operation == null").operationId());
  }

  /**
   * Stops checking one custom field of a space against the space's field definitions, until the
   * next {@link #reset()}: values of any type, and a machine name the space does not define, are
   * then stored as sent. {@value #ANY_FIELD} relaxes every field of the space. See docs/testing.md
   * for which checks come from the vendor's documentation and which are the sandbox's reading.
   */
  public void relaxCustomFieldChecks(String spaceId, String fieldMachineName) {
    Objects.requireNonNull(spaceId, "spaceId == null");
    Objects.requireNonNull(fieldMachineName, "fieldMachineName == null");
    engine.relaxFieldChecks(spaceId, fieldMachineName);
  }

  /** The violations seen since the start or the last reset (the first 1000 are kept). */
  public List<SpecViolation> violations() {
    return engine.violations();
  }

  /**
   * Throws if any request or response since the start or the last reset broke the spec.
   *
   * @throws AssertionError listing the violations
   */
  public void assertNoViolations() {
    long count = engine.violationCount();
    if (count == 0) {
      return;
    }
    StringBuilder message = new StringBuilder()
        .append(count).append(count == 1 ? " exchange" : " exchanges")
        .append(" with the Serviceform sandbox violated the API spec:");
    for (SpecViolation violation : engine.violations()) {
      message.append("\n  - ").append(violation);
    }
    if (count > engine.violations().size()) {
      message.append("\n  ... and ").append(count - engine.violations().size()).append(" more");
    }
    throw new AssertionError(message.toString());
  }

  /** The operationIds of the packaged spec, in its order: every one of them is served. */
  public static List<String> operationIds() {
    return SpecValidator.packaged().operationIds();
  }

  public boolean isRunning() {
    return server.isRunning();
  }

  /** Whether the operation has a handler (else it is answered from the spec's example). */
  boolean isModelled(String operationId) {
    return engine.isModelled(engine.spec().requireOperation(operationId));
  }

  /** Connections open right now; for the testkit's own tests of its limits. */
  int openConnections() {
    return server.openConnections();
  }

  /** Stops the server and closes its connections; writes the usage file if one was set. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (!server.isRunning()) {
        return;
      }
      server.close();
    }
    if (engine.usage() != null) {
      engine.usage().write();
    }
  }

  @Override
  public String toString() {
    return "ServiceformSandbox{baseUrl=" + baseUrl + ", apiKey=<redacted>}";
  }

  /** Configures a sandbox. Not thread-safe. */
  public static final class Builder {
    private int port;
    private String apiKey = DEFAULT_API_KEY;
    private SandboxData seed;
    private Clock clock = Clock.systemUTC();
    private Consumer<SpecViolation> violationListener;
    private SpecValidator spec;
    private SandboxHttpServer.Limits limits = SandboxHttpServer.Limits.DEFAULTS;
    private Path usageFile = defaultUsageFile();
    private boolean usageInMemory;

    private Builder() {}

    private static Path defaultUsageFile() {
      String file = System.getProperty(USAGE_FILE_PROPERTY);
      return file == null || file.isBlank() ? null : Path.of(file);
    }

    /** The port on 127.0.0.1; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0-65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /** The key to accept (default {@value ServiceformSandbox#DEFAULT_API_KEY}). */
    public Builder apiKey(String apiKey) {
      Objects.requireNonNull(apiKey, "apiKey == null");
      if (apiKey.isEmpty() || apiKey.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
        throw new IllegalArgumentException("apiKey must be non-empty, without whitespace or control characters");
      }
      this.apiKey = apiKey;
      return this;
    }

    /** The data to start with and return to on {@link #reset()} (default {@link SandboxData#defaults()}). */
    public Builder seed(SandboxData seed) {
      this.seed = Objects.requireNonNull(seed, "seed == null");
      return this;
    }

    /** The clock for items' {@code created}/{@code updated} (default the system clock, UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Records what the tests used of the API (operations, parameter names, field paths, statuses;
     * never values) and adds it to {@code file} when the sandbox is closed, for the spec gate's
     * upgrade-impact report (docs/versioning.md). Default: the file named by the system property
     * {@value ServiceformSandbox#USAGE_FILE_PROPERTY}, else none.
     */
    public Builder recordUsage(Path file) {
      this.usageFile = Objects.requireNonNull(file, "file == null");
      return this;
    }

    /** Records usage even without a file, for {@code GET /__sandbox/usage}. */
    Builder recordUsageInMemory() {
      this.usageInMemory = true;
      return this;
    }

    /** The spec to serve and check against (default {@link SpecValidator#packaged()}). */
    Builder spec(SpecValidator spec) {
      this.spec = Objects.requireNonNull(spec, "spec == null");
      return this;
    }

    /** How long a request may take to arrive, from its first byte to its last (default 10 s; then 408). */
    Builder requestTimeout(Duration timeout) {
      this.limits = limits.withRequestTimeout(timeout);
      return this;
    }

    /** The largest request body accepted (default 1 MiB; larger is 413). */
    Builder maxRequestBytes(int bytes) {
      this.limits = limits.withMaxBodyBytes(bytes);
      return this;
    }

    /** The most connections served at once (default 200; more are answered 503). */
    Builder maxConnections(int connections) {
      this.limits = limits.withMaxConnections(connections);
      return this;
    }

    /** Called on the serving thread for each violation as it happens (the standalone sandbox prints them). */
    Builder violationListener(Consumer<SpecViolation> listener) {
      this.violationListener = listener;
      return this;
    }

    /**
     * Starts the sandbox.
     *
     * @throws IllegalArgumentException if the seed does not conform to the spec
     * @throws IllegalStateException if the port cannot be bound
     */
    public ServiceformSandbox start() {
      if (seed == null) {
        seed = SandboxData.defaults();
      }
      if (spec == null) {
        spec = SpecValidator.packaged();
      }
      return new ServiceformSandbox(this);
    }

    @Override
    public String toString() {
      return "ServiceformSandbox.Builder{port=" + port + ", apiKey=<redacted>}";
    }
  }
}
