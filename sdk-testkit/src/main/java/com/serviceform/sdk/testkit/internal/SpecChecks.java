package com.serviceform.sdk.testkit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks requests and responses against an {@link ApiSpec}: routing, security, parameters, content
 * types, bodies and statuses. Messages are one line each, {@code <key>: <text>}, with the keys
 * swagger-request-validator used ({@code validation.request.body.schema.required}, ...).
 * Thread-safe.
 */
public final class SpecChecks {
  private final ApiSpec spec;
  /** Chat shapes (see ChatShapes) known to conform to this spec. */
  final Set<String> conformingChatShapes = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public SpecChecks(ApiSpec spec) {
    this.spec = spec;
  }

  public ApiSpec spec() {
    return spec;
  }

  /**
   * The problems of {@code json} read as an array of the spec's schema {@code component} (for
   * example {@code Lead}), with the messages a response body would get.
   */
  public List<String> componentArray(String component, String json) {
    JsonNode schema = spec.root().path("components").path("schemas").path(component);
    if (schema.isMissingNode()) {
      throw new IllegalStateException("the spec has no schema " + component);
    }
    List<String> out = new ArrayList<>();
    JsonNode parsed = parse(json, "validation.response.body.schema.invalidJson", out);
    if (parsed != null) {
      com.fasterxml.jackson.databind.node.ObjectNode array = JsonNodeFactory.instance.objectNode();
      array.put("type", "array");
      array.set("items", schema);
      SchemaCheck.check(spec, parsed, array, "validation.response.body.schema", out);
    }
    return out;
  }

  /** The problems of a request; {@code headers} by case-insensitive name, {@code body} null for none. */
  public List<String> request(String method, String path, Map<String, List<String>> query,
      Map<String, List<String>> headers, String body) {
    List<String> out = new ArrayList<>();
    Optional<ApiSpec.Match> match = spec.match(method, path);
    if (match.isEmpty()) {
      unrouted("request", method, path, out);
      return out;
    }
    request(match.get(), query, caseInsensitive(headers), body, out);
    return out;
  }

  /** The problems of a request already routed to {@code match}. */
  public List<String> request(ApiSpec.Match match, Map<String, List<String>> query,
      Map<String, List<String>> headers, String body) {
    List<String> out = new ArrayList<>();
    request(match, query, caseInsensitive(headers), body, out);
    return out;
  }

  private void request(ApiSpec.Match match, Map<String, List<String>> query, Map<String, List<String>> headers,
      String body, List<String> out) {
    SpecOperation op = match.operation();
    security(op, match.path(), headers, out);
    for (SpecOperation.Parameter p : op.parameters()) {
      switch (p.in) {
        case "path": {
          String value = match.pathParameters().get(p.name);
          if (value != null) {
            SchemaCheck.check(spec, scalar(value, p.schema), p.schema, "validation.request.parameter.schema", out);
          }
          break;
        }
        case "query":
          parameter(p, query.get(p.name), "Query", op, out);
          break;
        case "header":
          parameter(p, headers.get(p.name), "Header", op, out);
          break;
        default:
          break;
      }
    }
    for (String name : query.keySet()) {
      boolean declared = op.parameters().stream().anyMatch(p -> p.in.equals("query") && p.name.equals(name));
      if (!declared) {
        out.add("validation.request.parameter.query.unexpected: Query parameter '" + name
            + "' is unexpected on path \"" + op.template() + "\"");
      }
    }
    boolean hasBody = body != null && !body.isEmpty();
    if (op.requestContent().isEmpty()) {
      if (hasBody) {
        out.add("validation.request.body.unexpected: No request body is expected for " + op.describe() + ".");
      }
      return;
    }
    if (!hasBody) {
      if (op.bodyRequired()) {
        out.add("validation.request.body.missing: A request body is required but none found.");
      }
      return;
    }
    String contentType = first(headers, "Content-Type");
    JsonNode schema = mediaSchema(op.requestContent(), contentType);
    if (schema == null) {
      out.add(contentType == null
          ? "validation.request.contentType.missing: Request Content-Type header is missing; must be one of: "
              + op.requestContent().keySet() + "."
          : "validation.request.contentType.notAllowed: Request Content-Type header '" + contentType
              + "' does not match any allowed types. Must be one of: " + op.requestContent().keySet() + ".");
      return;
    }
    JsonNode parsed = parse(body, "validation.request.body.schema.invalidJson", out);
    if (parsed != null) {
      SchemaCheck.check(spec, parsed, schema, "validation.request.body.schema", out);
    }
  }

  private void security(SpecOperation op, String path, Map<String, List<String>> headers, List<String> out) {
    if (op.security().isEmpty()) {
      return;
    }
    for (List<String> alternative : op.security()) {
      if (alternative.stream().allMatch(name -> first(headers, name) != null)) {
        return;
      }
    }
    out.add("validation.request.security.missing: " + op.method() + " on path '" + path + "' requires security"
        + " parameters. None found.");
  }

  private void parameter(SpecOperation.Parameter p, List<String> values, String where, SpecOperation op,
      List<String> out) {
    if (values == null || values.isEmpty()) {
      if (p.required) {
        out.add("validation.request.parameter." + where.toLowerCase(Locale.ROOT) + ".missing: " + where
            + " parameter '" + p.name + "' is required on path '" + op.template() + "' but not found in request.");
      }
      return;
    }
    JsonNode schema = spec.resolve(p.schema);
    JsonNode value;
    if ("array".equals(schema.path("type").asText())) {
      List<String> items = new ArrayList<>();
      for (String v : values) {
        if (p.explode) {
          items.add(v);
        } else {
          Collections.addAll(items, v.split(",", -1));
        }
      }
      com.fasterxml.jackson.databind.node.ArrayNode array = JsonNodeFactory.instance.arrayNode();
      for (String item : items) {
        array.add(scalar(item, schema.path("items")));
      }
      value = array;
    } else {
      value = scalar(values.get(0), schema);
    }
    SchemaCheck.check(spec, value, schema, "validation.request.parameter.schema", out);
  }

  /** A parameter's text as the JSON value its schema's type expects; text when it does not convert. */
  private JsonNode scalar(String text, JsonNode schemaOrRef) {
    JsonNode schema = spec.resolve(schemaOrRef);
    String type = schema.path("type").asText("string");
    try {
      switch (type) {
        case "integer":
          return JsonNodeFactory.instance.numberNode(new BigDecimal(text).toBigIntegerExact());
        case "number":
          return JsonNodeFactory.instance.numberNode(new BigDecimal(text));
        case "boolean":
          if (text.equals("true") || text.equals("false")) {
            return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(text));
          }
          break;
        default:
          break;
      }
    } catch (NumberFormatException | ArithmeticException e) {
      // Left as text: the type check reports it.
    }
    return JsonNodeFactory.instance.textNode(text);
  }

  /**
   * The problems of a response to {@code method} on {@code path}: an undeclared status, a content
   * type the spec does not list, a missing body, a body that breaks the schema.
   */
  public List<String> response(String method, String path, int status, Map<String, List<String>> headers, String body) {
    List<String> out = new ArrayList<>();
    Optional<ApiSpec.Match> match = spec.match(method, path);
    if (match.isEmpty()) {
      unrouted("response", method, path, out);
      return out;
    }
    response(match.get().operation(), path, status, caseInsensitive(headers), body, out);
    return out;
  }

  private void response(SpecOperation op, String path, int status, Map<String, List<String>> headers, String body,
      List<String> out) {
    JsonNode declared = op.response(status);
    if (declared == null) {
      out.add("validation.response.status.unknown: Response status " + status + " not defined for path '" + path + "'.");
      return;
    }
    JsonNode content = declared.path("content");
    boolean hasBody = body != null && !body.isEmpty();
    if (content.isEmpty()) {
      return;
    }
    if (!hasBody) {
      out.add("validation.response.body.missing: A response body is expected but none found.");
      return;
    }
    Map<String, JsonNode> media = new TreeMap<>();
    content.properties().forEach(e -> media.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().path("schema")));
    String contentType = first(headers, "Content-Type");
    JsonNode schema = mediaSchema(media, contentType);
    if (schema == null) {
      out.add(contentType == null
          ? "validation.response.contentType.missing: Response Content-Type header is missing; must be one of: "
              + media.keySet() + "."
          : "validation.response.contentType.notAllowed: Response Content-Type header '" + contentType
              + "' does not match any allowed types. Must be one of: " + media.keySet() + ".");
      return;
    }
    JsonNode parsed = parse(body, "validation.response.body.schema.invalidJson", out);
    if (parsed != null) {
      SchemaCheck.check(spec, parsed, schema, "validation.response.body.schema", out);
    }
  }

  private void unrouted(String side, String method, String path, List<String> out) {
    Set<String> allowed = spec.allowedMethods(path);
    if (allowed.isEmpty()) {
      out.add("validation." + side + ".path.missing: No API path found that matches request '" + path + "'.");
    } else {
      out.add("validation." + side + ".operation.notAllowed: " + method.toUpperCase(Locale.ROOT)
          + " operation not allowed on path '" + path + "'.");
    }
  }

  /** The schema for the media type of {@code contentType} (parameters ignored); null when not listed. */
  private static JsonNode mediaSchema(Map<String, JsonNode> content, String contentType) {
    if (contentType == null) {
      return null;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    JsonNode exact = content.get(type);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, JsonNode> entry : content.entrySet()) {
      String listed = entry.getKey();
      if (listed.equals("*/*") || (listed.endsWith("/*") && type.startsWith(listed.substring(0, listed.length() - 1)))) {
        return entry.getValue();
      }
    }
    return null;
  }

  private static JsonNode parse(String body, String key, List<String> out) {
    try {
      return Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      out.add(key + ": Unable to parse JSON - " + e.getOriginalMessage().replaceAll("\\s+", " "));
      return null;
    }
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static Map<String, List<String>> caseInsensitive(Map<String, List<String>> headers) {
    Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> map.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
    return map;
  }
}
