package com.serviceform.sdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** One operation of the spec: method, path template, parameters, body, responses, security. Immutable. */
public final class SpecOperation {
  private final ApiSpec spec;
  private final String operationId;
  private final String method;
  private final String template;
  private final String[] segments;
  private final int literalSegments;
  private final List<Parameter> parameters;
  private final boolean bodyRequired;
  /** Media type (lower case) to schema; empty when the operation takes no body. */
  private final Map<String, JsonNode> requestContent;
  /** Status key as in the spec ({@code 200}, {@code 4XX}, {@code default}) to the resolved response. */
  private final Map<String, JsonNode> responses;
  /** Alternatives; each lists the API-key headers it needs. Empty: no security. */
  private final List<List<String>> security;

  SpecOperation(ApiSpec spec, String method, String template, JsonNode pathItem, JsonNode operation) {
    this.spec = spec;
    this.method = method;
    this.template = template;
    this.operationId = operation.path("operationId").asText(method + " " + template);
    this.segments = template.substring(template.startsWith("/") ? 1 : 0).split("/", -1);
    int literals = 0;
    for (String segment : segments) {
      if (!segment.startsWith("{")) {
        literals++;
      }
    }
    this.literalSegments = literals;
    Map<String, Parameter> params = new LinkedHashMap<>();
    for (JsonNode list : List.of(pathItem.path("parameters"), operation.path("parameters"))) {
      for (JsonNode p : list) {
        Parameter parameter = new Parameter(spec.resolve(p));
        params.put(parameter.in + ":" + parameter.name, parameter);
      }
    }
    this.parameters = List.copyOf(params.values());
    JsonNode body = spec.resolve(operation.path("requestBody"));
    this.bodyRequired = body.path("required").asBoolean(false);
    Map<String, JsonNode> content = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> media : body.path("content").properties()) {
      content.put(media.getKey().toLowerCase(Locale.ROOT), media.getValue().path("schema"));
    }
    this.requestContent = Collections.unmodifiableMap(content);
    Map<String, JsonNode> answers = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> response : operation.path("responses").properties()) {
      answers.put(response.getKey().toUpperCase(Locale.ROOT), spec.resolve(response.getValue()));
    }
    this.responses = Collections.unmodifiableMap(answers);
    JsonNode requirements = operation.has("security") ? operation.get("security") : spec.root().path("security");
    List<List<String>> alternatives = new ArrayList<>();
    for (JsonNode requirement : requirements) {
      List<String> headers = new ArrayList<>();
      for (Map.Entry<String, JsonNode> scheme : requirement.properties()) {
        JsonNode definition = spec.resolve(spec.root().path("components").path("securitySchemes").path(scheme.getKey()));
        if ("apiKey".equals(definition.path("type").asText()) && "header".equals(definition.path("in").asText())) {
          headers.add(definition.path("name").asText());
        }
      }
      alternatives.add(List.copyOf(headers));
    }
    this.security = List.copyOf(alternatives);
  }

  public String operationId() {
    return operationId;
  }

  /** Upper case, for example {@code GET}. */
  public String method() {
    return method;
  }

  /** The path template, for example {@code /flex/spaces/{spaceId}/items}. */
  public String template() {
    return template;
  }

  /** For example {@code POST /chats}. */
  public String describe() {
    return method + " " + template;
  }

  int literalSegments() {
    return literalSegments;
  }

  public ApiSpec spec() {
    return spec;
  }

  public List<Parameter> parameters() {
    return parameters;
  }

  public boolean bodyRequired() {
    return bodyRequired;
  }

  public Map<String, JsonNode> requestContent() {
    return requestContent;
  }

  public Map<String, JsonNode> responses() {
    return responses;
  }

  List<List<String>> security() {
    return security;
  }

  /** The statuses the spec declares, as the spec writes them ({@code 200}, {@code 4XX}, {@code DEFAULT}). */
  public Set<String> declaredStatuses() {
    return new TreeSet<>(responses.keySet());
  }

  /** The response the spec declares for {@code status}: exact, then its range ({@code 4XX}), then default. */
  public JsonNode response(int status) {
    JsonNode exact = responses.get(Integer.toString(status));
    if (exact != null) {
      return exact;
    }
    JsonNode range = responses.get((status / 100) + "XX");
    return range != null ? range : responses.get("DEFAULT");
  }

  /** Whether the spec declares {@code status} exactly or by range (not by {@code default}). */
  public boolean declares(int status) {
    return responses.containsKey(Integer.toString(status)) || responses.containsKey((status / 100) + "XX");
  }

  /** The decoded path parameters by name, or null when the path does not fit the template. */
  Map<String, String> matchPath(String path) {
    if (path == null || !path.startsWith("/")) {
      return null;
    }
    String[] parts = path.substring(1).split("/", -1);
    if (parts.length != segments.length) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < parts.length; i++) {
      String segment = segments[i];
      if (segment.startsWith("{") && segment.endsWith("}")) {
        String value = percentDecode(parts[i]);
        // An empty segment addresses nothing (and every id in the spec has minLength 1).
        if (value == null || value.isEmpty()) {
          return null;
        }
        params.put(segment.substring(1, segment.length() - 1), value);
      } else if (!segment.equals(parts[i])) {
        return null;
      }
    }
    return params;
  }

  /** Percent-decodes a path segment ({@code +} stays a plus); null when malformed. */
  static String percentDecode(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%') {
        if (i + 2 >= segment.length()) {
          return null;
        }
        int hi = Character.digit(segment.charAt(i + 1), 16);
        int lo = Character.digit(segment.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return operationId + " (" + describe() + ")";
  }

  /** A path, query or header parameter. */
  public static final class Parameter {
    final String name;
    final String in;
    final boolean required;
    final JsonNode schema;
    final boolean explode;
    final String style;

    Parameter(JsonNode node) {
      this.name = node.path("name").asText();
      this.in = node.path("in").asText();
      this.required = node.path("required").asBoolean("path".equals(in));
      this.schema = node.path("schema");
      this.style = node.path("style").asText("query".equals(in) ? "form" : "simple");
      this.explode = node.path("explode").asBoolean("form".equals(style));
    }

    public String name() {
      return name;
    }

    public String in() {
      return in;
    }
  }
}
