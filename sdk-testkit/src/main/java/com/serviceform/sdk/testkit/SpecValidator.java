package com.serviceform.sdk.testkit;

import com.serviceform.sdk.testkit.internal.ApiSpec;
import com.serviceform.sdk.testkit.internal.SpecChecks;
import com.serviceform.sdk.testkit.internal.SpecOperation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Validates HTTP requests and responses against the Serviceform Public API spec that ships inside
 * this jar (the project's {@code openapi/serviceform-public-api.yaml}). Thread-safe.
 *
 * <p>Each method returns the problems it found as readable one-line messages, for example {@code
 * validation.request.body.schema.required: Object has missing required properties
 * (["primary_field"])}; an empty list means the exchange conforms. The sandbox runs every exchange
 * through {@link #packaged()}; contract tests can use the same instance on exchanges with the real
 * API.
 *
 * <p>The key check follows the spec's per-operation {@code security}: a request without an {@code
 * sf-api-key} header is reported; whether the key is <em>right</em> is not the spec's business.
 * Properties a schema does not declare are allowed, as OpenAPI says when {@code
 * additionalProperties} is absent; query parameters the spec does not declare are reported (the
 * vendor documents no paging, so an invented {@code ?page=} is caught).
 */
public final class SpecValidator {
  /** Where the spec lies on the classpath. */
  public static final String SPEC_RESOURCE = "/com/serviceform/sdk/testkit/serviceform-public-api.yaml";
  private static final Set<String> METHODS = Set.of("GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE");

  private static final Object LOCK = new Object();
  private static SpecValidator packaged;

  private final SpecChecks checks;
  private final String source;

  private SpecValidator(SpecChecks checks, String source) {
    this.checks = checks;
    this.source = source;
  }

  /** The validator for the packaged spec, parsed once per class loader and shared. */
  public static SpecValidator packaged() {
    synchronized (LOCK) {
      if (packaged == null) {
        try {
          packaged = new SpecValidator(new SpecChecks(ApiSpec.parse(packagedSpecText())), SPEC_RESOURCE);
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException("the packaged spec does not parse: " + e.getMessage(), e);
        }
      }
      return packaged;
    }
  }

  /**
   * A validator for another spec (YAML or JSON), for tests of the sandbox against a changed spec.
   *
   * @throws IllegalArgumentException if the text is not an OpenAPI 3 document
   */
  static SpecValidator of(String specText) {
    Objects.requireNonNull(specText, "specText == null");
    return new SpecValidator(new SpecChecks(ApiSpec.parse(specText)), "a spec given as text");
  }

  SpecChecks checks() {
    return checks;
  }

  /** The text of the packaged spec. */
  public static String packagedSpecText() {
    try (InputStream in = SpecValidator.class.getResourceAsStream(SPEC_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the spec is missing from the classpath: " + SPEC_RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The {@code operationId} of the spec operation that {@code method} and {@code path} (without
   * query) address, if any.
   */
  public Optional<String> operationId(String method, String path) {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(path, "path == null");
    return checks.spec().match(method, path).map(match -> match.operation().operationId());
  }

  /** The operationIds of the spec, in its order. */
  List<String> operationIds() {
    return checks.spec().operations().stream().map(SpecOperation::operationId).collect(
        java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), Collections::unmodifiableList));
  }

  /**
   * Validates a request.
   *
   * @param method the HTTP method, for example {@code POST}
   * @param path the raw (still percent-encoded) path without query, for example {@code /chats}
   * @param query decoded query parameters (empty map for none)
   * @param headers request headers; names are matched case-insensitively
   * @param body the body as text, or null for none
   * @return the problems found, empty when the request conforms
   * @throws IllegalArgumentException if {@code method} is not one of the eight methods OpenAPI describes
   */
  public List<String> validateRequest(
      String method, String path, Map<String, List<String>> query, Map<String, List<String>> headers,
      String body) {
    String m = method(method);
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(query, "query == null");
    Objects.requireNonNull(headers, "headers == null");
    return Collections.unmodifiableList(checks.request(m, path, query, headers, body));
  }

  /**
   * Validates a response to a request of {@code method} on {@code path}.
   *
   * @param method the request's HTTP method
   * @param path the request's raw path without query
   * @param status the response status
   * @param headers response headers (at least {@code Content-Type} when there is a body)
   * @param body the body as text, or null for none
   * @return the problems found, empty when the response conforms
   * @throws IllegalArgumentException if {@code method} is not one of the eight methods OpenAPI describes
   */
  public List<String> validateResponse(
      String method, String path, int status, Map<String, List<String>> headers, String body) {
    String m = method(method);
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(headers, "headers == null");
    return Collections.unmodifiableList(checks.response(m, path, status, headers, body));
  }

  private static String method(String method) {
    Objects.requireNonNull(method, "method == null");
    String upper = method.toUpperCase(Locale.ROOT);
    if (!METHODS.contains(upper)) {
      throw new IllegalArgumentException("not an HTTP method the spec can describe (GET, PUT, POST, DELETE,"
          + " OPTIONS, HEAD, PATCH, TRACE)");
    }
    return upper;
  }

  @Override
  public String toString() {
    return "SpecValidator{" + source + "}";
  }
}
