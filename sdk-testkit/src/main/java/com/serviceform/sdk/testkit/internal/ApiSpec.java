package com.serviceform.sdk.testkit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parts of an OpenAPI 3.0 document that the sandbox and {@code SpecValidator} use: operations
 * with their parameters, bodies, responses and security, and local {@code $ref} resolution.
 * Immutable once parsed; thread-safe.
 */
public final class ApiSpec {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private final JsonNode root;
  private final String version;
  private final List<SpecOperation> operations;
  private final Map<String, SpecOperation> byId;

  private ApiSpec(JsonNode root) {
    this.root = root;
    this.version = root.path("info").path("version").asText("");
    List<SpecOperation> ops = new ArrayList<>();
    Map<String, SpecOperation> ids = new LinkedHashMap<>();
    JsonNode paths = root.path("paths");
    for (Map.Entry<String, JsonNode> path : paths.properties()) {
      JsonNode pathItem = resolve(path.getValue());
      for (Map.Entry<String, JsonNode> entry : pathItem.properties()) {
        if (!METHODS.contains(entry.getKey())) {
          continue;
        }
        SpecOperation op = new SpecOperation(this, entry.getKey().toUpperCase(Locale.ROOT), path.getKey(),
            pathItem, entry.getValue());
        if (ids.put(op.operationId(), op) != null) {
          throw new IllegalArgumentException("the spec has operationId '" + op.operationId() + "' twice");
        }
        ops.add(op);
      }
    }
    this.operations = List.copyOf(ops);
    this.byId = Collections.unmodifiableMap(ids);
  }

  /**
   * Reads an OpenAPI 3.0 document in YAML or JSON.
   *
   * @throws IllegalArgumentException if the text is not such a document
   */
  public static ApiSpec parse(String text) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the spec is not YAML or JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject() || !root.path("openapi").asText("").startsWith("3.")) {
      throw new IllegalArgumentException("the spec is not an OpenAPI 3 document (no 'openapi: 3.x')");
    }
    return new ApiSpec(root);
  }

  public JsonNode root() {
    return root;
  }

  /** The spec's {@code info.version}. */
  public String version() {
    return version;
  }

  /** Every operation, in the spec's order. */
  public List<SpecOperation> operations() {
    return operations;
  }

  public Optional<SpecOperation> operation(String operationId) {
    return Optional.ofNullable(byId.get(operationId));
  }

  /** The operation with that id, or an {@link IllegalArgumentException} that lists the known ones. */
  public SpecOperation requireOperation(String operationId) {
    SpecOperation op = operationId == null ? null : byId.get(operationId);
    if (op == null) {
      throw new IllegalArgumentException("unknown operationId '" + operationId + "'; the spec has " + byId.keySet());
    }
    return op;
  }

  /** Follows a local {@code $ref} ({@code #/...}) until a node without one; other nodes as they are. */
  public JsonNode resolve(JsonNode node) {
    JsonNode current = node;
    for (int hops = 0; current != null && current.has("$ref"); hops++) {
      if (hops > 32) {
        throw new IllegalArgumentException("$ref loop at " + node.get("$ref").asText());
      }
      String ref = current.get("$ref").asText();
      if (!ref.startsWith("#/")) {
        throw new IllegalArgumentException("only local $refs (#/...) are supported, not " + ref);
      }
      JsonNode target = root.at(ref.substring(1));
      if (target.isMissingNode()) {
        throw new IllegalArgumentException("$ref " + ref + " points nowhere");
      }
      current = target;
    }
    return current == null ? MissingNode.getInstance() : current;
  }

  /** A matched operation and its decoded path parameters by name. */
  public static final class Match {
    private final SpecOperation operation;
    private final Map<String, String> pathParameters;
    private final String path;

    Match(SpecOperation operation, Map<String, String> pathParameters, String path) {
      this.operation = operation;
      this.pathParameters = Collections.unmodifiableMap(pathParameters);
      this.path = path;
    }

    /** The raw request path that matched. */
    public String path() {
      return path;
    }

    public SpecOperation operation() {
      return operation;
    }

    public Map<String, String> pathParameters() {
      return pathParameters;
    }
  }

  /**
   * The operation that {@code method} on the raw {@code path} addresses. When templates overlap,
   * the one with more literal segments wins ({@code /leads/export} before {@code /leads/{id}}).
   */
  public Optional<Match> match(String method, String rawPath) {
    String m = method.toUpperCase(Locale.ROOT);
    Match best = null;
    int bestLiterals = -1;
    for (SpecOperation op : operations) {
      if (!op.method().equals(m)) {
        continue;
      }
      Map<String, String> params = op.matchPath(rawPath);
      if (params != null && op.literalSegments() > bestLiterals) {
        best = new Match(op, params, rawPath);
        bestLiterals = op.literalSegments();
      }
    }
    return Optional.ofNullable(best);
  }

  /** The methods the spec has on {@code rawPath}, sorted; empty when no path template fits. */
  public Set<String> allowedMethods(String rawPath) {
    Set<String> methods = new TreeSet<>();
    for (SpecOperation op : operations) {
      if (op.matchPath(rawPath) != null) {
        methods.add(op.method());
      }
    }
    return methods;
  }
}
