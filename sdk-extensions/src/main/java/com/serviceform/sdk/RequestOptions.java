package com.serviceform.sdk;

import com.serviceform.sdk.internal.HeaderRules;
import com.serviceform.sdk.retry.RetryPolicy;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings for some calls only: a longer timeout for one large query, a correlation header, no
 * retries for one call. Immutable; build with {@link #builder()} and apply with {@link
 * ServiceformClient#withOptions(RequestOptions)}, which returns a view of the client that shares its
 * connection pool:
 *
 * <pre>{@code
 * RequestOptions slow = RequestOptions.builder()
 *     .callTimeout(Duration.ofMinutes(10))
 *     .header("X-Correlation-Id", correlationId)
 *     .build();
 * List<Chat> chats = client.withOptions(slow).chats().searchChats(query);
 * }</pre>
 *
 * <p>What is not set here is the client's own setting. Options applied on a view of a view are
 * merged, the later winning per setting; headers are merged by name.
 */
public final class RequestOptions {
  private static final RequestOptions NONE = new Builder().build();

  private final Duration callTimeout;
  private final boolean callTimeoutSet;
  private final Duration readTimeout;
  private final RetryPolicy retryPolicy;
  private final Map<String, String> headers;

  private RequestOptions(Builder builder) {
    this.callTimeout = builder.callTimeout;
    this.callTimeoutSet = builder.callTimeoutSet;
    this.readTimeout = builder.readTimeout;
    this.retryPolicy = builder.retryPolicy;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
  }

  /** No options: every call uses the client's settings. */
  public static RequestOptions none() {
    return NONE;
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options, to derive others. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.callTimeout = callTimeout;
    builder.callTimeoutSet = callTimeoutSet;
    builder.readTimeout = readTimeout;
    builder.retryPolicy = retryPolicy;
    builder.headers.putAll(headers);
    return builder;
  }

  /**
   * Whether a call timeout is set here (then {@link #callTimeout()} is it, empty meaning none);
   * otherwise the client's applies.
   */
  public boolean hasCallTimeout() {
    return callTimeoutSet;
  }

  /** The call timeout set here; empty when none is set, or when it was set to none. */
  public Optional<Duration> callTimeout() {
    return Optional.ofNullable(callTimeout);
  }

  /** The read timeout set here, if any. */
  public Optional<Duration> readTimeout() {
    return Optional.ofNullable(readTimeout);
  }

  /** The retry policy set here, if any ({@link RetryPolicy#none()} when retries are off). */
  public Optional<RetryPolicy> retryPolicy() {
    return Optional.ofNullable(retryPolicy);
  }

  /** Extra request headers, by name as given, in the order they were set. */
  public Map<String, String> headers() {
    return headers;
  }

  /** These options with {@code later}'s settings over them; headers are merged by name. */
  public RequestOptions merge(RequestOptions later) {
    Objects.requireNonNull(later, "later == null");
    Builder merged = toBuilder();
    if (later.callTimeoutSet) {
      merged.callTimeout = later.callTimeout;
      merged.callTimeoutSet = true;
    }
    if (later.readTimeout != null) {
      merged.readTimeout = later.readTimeout;
    }
    if (later.retryPolicy != null) {
      merged.retryPolicy = later.retryPolicy;
    }
    later.headers.forEach(merged::header);
    return merged.build();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RequestOptions)) {
      return false;
    }
    RequestOptions that = (RequestOptions) o;
    return callTimeoutSet == that.callTimeoutSet && Objects.equals(callTimeout, that.callTimeout)
        && Objects.equals(readTimeout, that.readTimeout) && Objects.equals(retryPolicy, that.retryPolicy)
        && headers.equals(that.headers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(callTimeout, callTimeoutSet, readTimeout, retryPolicy, headers);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("RequestOptions{");
    if (callTimeoutSet) {
      out.append("callTimeout=").append(callTimeout == null ? "none" : callTimeout).append(", ");
    }
    if (readTimeout != null) {
      out.append("readTimeout=").append(readTimeout).append(", ");
    }
    if (retryPolicy != null) {
      out.append("retryPolicy=").append(retryPolicy).append(", ");
    }
    // Header names only: a value may be a token of the caller's.
    out.append("headers=").append(headers.keySet()).append('}');
    return out.toString();
  }

  /** Builds {@link RequestOptions}. Not thread-safe. */
  public static final class Builder {
    private Duration callTimeout;
    private boolean callTimeoutSet;
    private Duration readTimeout;
    private RetryPolicy retryPolicy;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Builder() {}

    /** The most these calls may take, across all attempts and waits; null for none. */
    public Builder callTimeout(Duration callTimeout) {
      this.callTimeout = callTimeout == null ? null : positive(callTimeout, "callTimeout");
      this.callTimeoutSet = true;
      return this;
    }

    /** How long to wait for the server, for the response and on each read of a body. */
    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = positive(readTimeout, "readTimeout");
      return this;
    }

    /** How these calls are retried; {@link RetryPolicy#none()} turns retries off. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
      return this;
    }

    /** No retries for these calls. */
    public Builder noRetries() {
      return retryPolicy(RetryPolicy.none());
    }

    /**
     * An extra request header (replacing one of the same name set here before).
     *
     * @throws IllegalArgumentException if the name is not a valid header name, is one the client
     *     sets itself ({@code sf-api-key}, {@code Host}, {@code Content-Type}, {@code User-Agent},
     *     ...), or the value holds a line break or another control character
     */
    public Builder header(String name, String value) {
      HeaderRules.check(name, value, false);
      headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
      headers.put(name, value);
      return this;
    }

    public RequestOptions build() {
      return new RequestOptions(this);
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name + " == null");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + value);
      }
      return value;
    }
  }
}
