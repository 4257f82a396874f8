package com.serviceform.sdk.testkit;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.serviceform.sdk.testkit.internal.Routes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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

  private static final Object LOCK = new Object();
  private static SpecValidator packaged;

  private final OpenApiInteractionValidator validator;

  private SpecValidator(OpenApiInteractionValidator validator) {
    this.validator = validator;
  }

  /**
   * The validator for the packaged spec, parsed once per class loader (parsing takes about a
   * second, so it is shared).
   */
  public static SpecValidator packaged() {
    synchronized (LOCK) {
      if (packaged == null) {
        try {
          packaged = new SpecValidator(
              OpenApiInteractionValidator.createForInlineApiSpecification(packagedSpecText())
                  // OpenAPI's default is additionalProperties: true; the validator would otherwise
                  // treat every undeclared property as an error.
                  .withLevelResolver(LevelResolver.create()
                      .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                      .build())
                  .build());
        } catch (OpenApiInteractionValidator.ApiLoadException e) {
          throw new IllegalStateException("the packaged spec does not parse: " + e.getParseMessages(), e);
        }
      }
      return packaged;
    }
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
   * query) address, if any. Only the nine operations of the packaged spec are known.
   */
  public Optional<String> operationId(String method, String path) {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(path, "path == null");
    return Routes.match(method, path).map(Routes.Match::operationId);
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
   */
  public List<String> validateRequest(
      String method, String path, Map<String, List<String>> query, Map<String, List<String>> headers,
      String body) {
    Request.Method m = method(method);
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(query, "query == null");
    Objects.requireNonNull(headers, "headers == null");
    SimpleRequest.Builder request = new SimpleRequest.Builder(m, path);
    query.forEach(request::withQueryParam);
    headers.forEach(request::withHeader);
    if (body != null && !body.isEmpty()) {
      request.withBody(body, StandardCharsets.UTF_8);
    }
    return messages(validator.validateRequest(request.build()));
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
   */
  public List<String> validateResponse(
      String method, String path, int status, Map<String, List<String>> headers, String body) {
    Request.Method m = method(method);
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(headers, "headers == null");
    SimpleResponse.Builder response = new SimpleResponse.Builder(status);
    headers.forEach(response::withHeader);
    if (body != null && !body.isEmpty()) {
      response.withBody(body, StandardCharsets.UTF_8);
    }
    return messages(validator.validateResponse(path, m, response.build()));
  }

  private static Request.Method method(String method) {
    Objects.requireNonNull(method, "method == null");
    try {
      return Request.Method.valueOf(method.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an HTTP method the spec can describe: " + method, e);
    }
  }

  private static List<String> messages(ValidationReport report) {
    if (!report.hasErrors()) {
      return List.of();
    }
    List<String> messages = new ArrayList<>();
    for (ValidationReport.Message message : report.getMessages()) {
      if (message.getLevel() != ValidationReport.Level.ERROR) {
        continue;
      }
      messages.add(format(message));
    }
    return Collections.unmodifiableList(messages);
  }

  private static String format(ValidationReport.Message message) {
    StringBuilder text = new StringBuilder(message.getKey()).append(": ")
        .append(message.getMessage().strip().replaceAll("\\s+", " "));
    for (ValidationReport.Message nested : message.getNestedMessages()) {
      text.append(" | ").append(nested.getMessage().strip().replaceAll("\\s+", " "));
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return "SpecValidator{" + SPEC_RESOURCE + "}";
  }
}
