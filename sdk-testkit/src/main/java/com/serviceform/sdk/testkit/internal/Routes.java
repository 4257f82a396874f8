package com.serviceform.sdk.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The nine operations of the spec by method and path template; a test checks it against the spec. */
public final class Routes {
  /** The operationIds, in the spec's order. */
  public static final List<String> OPERATION_IDS = List.of(
      "listSpaces", "listItems", "createItem", "getItem", "updateItem", "deleteItem",
      "listLeads", "searchChats", "getChatStatistics");

  private static final List<Route> ROUTES = List.of(
      new Route("GET", "/flex/spaces", "listSpaces"),
      new Route("GET", "/flex/spaces/{spaceId}/items", "listItems"),
      new Route("POST", "/flex/spaces/{spaceId}/items", "createItem"),
      new Route("GET", "/flex/spaces/{spaceId}/items/{itemId}", "getItem"),
      new Route("PUT", "/flex/spaces/{spaceId}/items/{itemId}", "updateItem"),
      new Route("DELETE", "/flex/spaces/{spaceId}/items/{itemId}", "deleteItem"),
      new Route("GET", "/leads", "listLeads"),
      new Route("POST", "/chats", "searchChats"),
      new Route("GET", "/statistics/chat", "getChatStatistics"));

  private Routes() {}

  /** A matched operation with its decoded path parameters in template order. */
  public static final class Match {
    private final String operationId;
    private final List<String> pathParameters;

    Match(String operationId, List<String> pathParameters) {
      this.operationId = operationId;
      this.pathParameters = List.copyOf(pathParameters);
    }

    public String operationId() {
      return operationId;
    }

    public List<String> pathParameters() {
      return pathParameters;
    }
  }

  /** The operation {@code method} on the raw {@code path} addresses, if any. */
  public static Optional<Match> match(String method, String path) {
    String m = method.toUpperCase(Locale.ROOT);
    for (Route route : ROUTES) {
      if (route.method.equals(m)) {
        List<String> params = route.match(path);
        if (params != null) {
          return Optional.of(new Match(route.operationId, params));
        }
      }
    }
    return Optional.empty();
  }

  /** The methods the spec allows on {@code path}; empty when the path is unknown. */
  public static Set<String> allowedMethods(String path) {
    Set<String> methods = new TreeSet<>();
    for (Route route : ROUTES) {
      if (route.match(path) != null) {
        methods.add(route.method);
      }
    }
    return methods;
  }

  /** Method and path template of an operation, for example {@code POST /chats}. */
  public static String describe(String operationId) {
    for (Route route : ROUTES) {
      if (route.operationId.equals(operationId)) {
        return route.method + " " + route.template;
      }
    }
    throw new IllegalArgumentException("unknown operationId: " + operationId);
  }

  /** Throws a clear error for an operationId the spec does not have. */
  public static String requireKnown(String operationId) {
    if (operationId == null || !OPERATION_IDS.contains(operationId)) {
      throw new IllegalArgumentException(
          "unknown operationId '" + operationId + "'; the spec has " + OPERATION_IDS);
    }
    return operationId;
  }

  private static final class Route {
    final String method;
    final String template;
    final String operationId;
    final String[] segments;

    Route(String method, String template, String operationId) {
      this.method = method;
      this.template = template;
      this.operationId = operationId;
      this.segments = template.substring(1).split("/");
    }

    /** The decoded path parameters, or null when the path does not fit the template. */
    List<String> match(String path) {
      if (path == null || !path.startsWith("/")) {
        return null;
      }
      String[] parts = path.substring(1).split("/", -1);
      if (parts.length != segments.length) {
        return null;
      }
      List<String> params = new ArrayList<>(2);
      for (int i = 0; i < parts.length; i++) {
        if (segments[i].startsWith("{")) {
          String value = percentDecode(parts[i]);
          // minLength: 1 in the spec; an empty segment addresses nothing.
          if (value == null || value.isEmpty()) {
            return null;
          }
          params.add(value);
        } else if (!segments[i].equals(parts[i])) {
          return null;
        }
      }
      return params;
    }
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
}
