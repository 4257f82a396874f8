package com.serviceform.sdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The spec's success response schemas, read from {@code com/serviceform/sdk/api/response-schemas.json}
 * (written at build time by the SDK's generator from the curated spec: no OpenAPI parser at run
 * time). Read once per JVM, when a client first needs it.
 */
public final class ResponseSchemas {
  /** Beside the generated {@code ServiceformOperation}, in serviceform-sdk-generated's own package. */
  static final String RESOURCE = "response-schemas.json";

  /** One operation's success answer. */
  public static final class Response {
    public final String operationId;
    public final String method;
    public final String path;
    /** Null when the operation documents no JSON answer. */
    public final Shape schema;
    public final boolean emptyBodyAllowed;

    Response(String operationId, String method, String path, Shape schema, boolean emptyBodyAllowed) {
      this.operationId = operationId;
      this.method = method;
      this.path = path;
      this.schema = schema;
      this.emptyBodyAllowed = emptyBodyAllowed;
    }
  }

  /**
   * A schema as validation needs it. {@code type} null accepts anything (the spec gives none).
   * {@link #additional}: {@link #ADDITIONAL_UNSAID} (extra properties are reported as undocumented),
   * {@link #ADDITIONAL_ALLOWED}, {@link #ADDITIONAL_FORBIDDEN}, or {@link #ADDITIONAL_SCHEMA} (each
   * checked against {@link #additionalSchema}).
   */
  public static final class Shape {
    public static final int ADDITIONAL_UNSAID = 0;
    public static final int ADDITIONAL_ALLOWED = 1;
    public static final int ADDITIONAL_FORBIDDEN = 2;
    public static final int ADDITIONAL_SCHEMA = 3;
    static final int[] NO_CURATIONS = new int[0];

    String type;
    String format;
    boolean nullable;
    String[] required = new String[0];
    Map<String, Shape> properties = Map.of();
    /** Each property's path segment ({@code .name}), made once. */
    Map<String, String> segments = Map.of();
    int additional;
    Shape additionalSchema;
    Shape items;
    /** A component this stands for, resolved after reading. */
    String ref;
    Shape target;
    int[] curations = NO_CURATIONS;

    /** This shape, or the component it refers to. */
    Shape resolved() {
      return target != null ? target : this;
    }

    /** What the spec expects here, for reports: {@code integer/int64}, {@code array}, {@code any}. */
    String describe() {
      Shape s = resolved();
      return s.type == null ? "any" : s.format == null ? s.type : s.type + "/" + s.format;
    }
  }

  private static volatile ResponseSchemas loaded;

  private final String specVersion;
  private final Map<String, String> curationTitles;
  private final Map<String, Response> responses;

  private ResponseSchemas(String specVersion, Map<String, String> curationTitles, Map<String, Response> responses) {
    this.specVersion = specVersion;
    this.curationTitles = curationTitles;
    this.responses = responses;
  }

  /** The schemas of the spec the SDK was generated from. */
  public static ResponseSchemas load() {
    ResponseSchemas current = loaded;
    if (current == null) {
      // Read through a class of the generated module: on the module path a resource is found in
      // the module of the class asked, and the automatic module com.serviceform.sdk.generated opens it.
      try (InputStream in = com.serviceform.sdk.api.ServiceformOperation.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " is missing: serviceform-sdk-generated is not the one this SDK was built with");
        }
        loaded = current = read(ObjectMappers.shared().readTree(in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return current;
  }

  /** Reads a description in the generator's format. */
  public static ResponseSchemas read(JsonNode root) {
    Map<String, Shape> components = new HashMap<>();
    root.path("schemas").fields().forEachRemaining(e -> components.put(e.getKey(), shape(e.getValue())));
    Map<String, Response> responses = new LinkedHashMap<>();
    root.path("operations").fields().forEachRemaining(e -> {
      JsonNode op = e.getValue();
      Shape schema = op.has("schema") ? shape(op.get("schema")) : null;
      responses.put(e.getKey(), new Response(e.getKey(), op.path("method").asText(), op.path("path").asText(), schema,
          op.path("emptyBodyAllowed").asBoolean(false)));
    });
    Set<Shape> seen = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Shape component : components.values()) {
      resolve(component, components, seen);
    }
    for (Response response : responses.values()) {
      if (response.schema != null) {
        resolve(response.schema, components, seen);
      }
    }
    Map<String, String> titles = new TreeMap<>((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
    root.path("curations").fields().forEachRemaining(e -> titles.put(e.getKey(), e.getValue().asText()));
    return new ResponseSchemas(root.path("specVersion").asText(""), Collections.unmodifiableMap(titles),
        Collections.unmodifiableMap(responses));
  }

  private static Shape shape(JsonNode node) {
    Shape shape = new Shape();
    shape.ref = node.has("$ref") ? node.get("$ref").asText() : null;
    shape.type = node.has("type") ? node.get("type").asText() : null;
    shape.format = node.has("format") ? node.get("format").asText() : null;
    shape.nullable = node.path("nullable").asBoolean(false);
    if (node.has("required")) {
      Set<String> required = new LinkedHashSet<>();
      node.get("required").forEach(name -> required.add(name.asText()));
      shape.required = required.toArray(new String[0]);
    }
    if (node.has("properties")) {
      Map<String, Shape> properties = new HashMap<>();
      Map<String, String> segments = new HashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.get("properties").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> property = it.next();
        properties.put(property.getKey(), shape(property.getValue()));
        segments.put(property.getKey(), "." + property.getKey());
      }
      shape.properties = properties;
      shape.segments = segments;
    }
    JsonNode additional = node.get("additionalProperties");
    if (additional == null) {
      shape.additional = Shape.ADDITIONAL_UNSAID;
    } else if (additional.isBoolean()) {
      shape.additional = additional.asBoolean() ? Shape.ADDITIONAL_ALLOWED : Shape.ADDITIONAL_FORBIDDEN;
    } else {
      shape.additional = Shape.ADDITIONAL_SCHEMA;
      shape.additionalSchema = shape(additional);
    }
    if (node.has("items")) {
      shape.items = shape(node.get("items"));
    }
    if (node.has("curation")) {
      int[] numbers = new int[node.get("curation").size()];
      for (int i = 0; i < numbers.length; i++) {
        numbers[i] = node.get("curation").get(i).asInt();
      }
      shape.curations = numbers;
    }
    return shape;
  }

  private static void resolve(Shape shape, Map<String, Shape> components, Set<Shape> seen) {
    if (shape == null || !seen.add(shape)) {
      return;
    }
    if (shape.ref != null) {
      shape.target = components.get(shape.ref);
      if (shape.target == null) {
        throw new IllegalStateException("response schemas: $ref " + shape.ref + " names no schema");
      }
    }
    for (Shape property : shape.properties.values()) {
      resolve(property, components, seen);
    }
    resolve(shape.additionalSchema, components, seen);
    resolve(shape.items, components, seen);
  }

  /** The success answer of an operation, or null when the spec has none. */
  public Response response(String operationId) {
    return responses.get(operationId);
  }

  /** Every operation, in the spec's order. */
  public Map<String, Response> responses() {
    return responses;
  }

  /** The short titles of the curation decisions, by number (as text), in order. */
  public Map<String, String> curationTitles() {
    return curationTitles;
  }

  /** The {@code info.version} of the spec. */
  public String specVersion() {
    return specVersion;
  }
}
