package com.serviceform.sdk.tests.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.serviceform.sdk.testkit.SpecValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The packaged spec read as plain JSON: the operations, their documented statuses, their examples. */
final class SpecDocument {
  static final SpecDocument PACKAGED = new SpecDocument(SpecValidator.packagedSpecText());

  final JsonNode root;

  private SpecDocument(String yaml) {
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** operationId to its documented status codes. */
  Map<String, TreeSet<Integer>> statusesByOperation() {
    Map<String, TreeSet<Integer>> result = new TreeMap<>();
    forEachOperation((path, method, operation) -> {
      TreeSet<Integer> statuses = new TreeSet<>();
      operation.path("responses").fieldNames().forEachRemaining(code -> statuses.add(Integer.parseInt(code)));
      result.put(operation.path("operationId").asText(), statuses);
    });
    return result;
  }

  /** One example body: where it is, its schema and its value. */
  static final class Example {
    final String where;
    final JsonNode schema;
    final JsonNode value;

    Example(String where, JsonNode schema, JsonNode value) {
      this.where = where;
      this.schema = schema;
      this.value = value;
    }

    @Override
    public String toString() {
      return where;
    }
  }

  /** Every request-body example and every 200 example. */
  List<Example> examples() {
    List<Example> examples = new ArrayList<>();
    forEachOperation((path, method, operation) -> {
      String id = operation.path("operationId").asText();
      JsonNode request = operation.path("requestBody").path("content").path("application/json");
      if (!request.isMissingNode()) {
        examples.add(new Example(id + " request", request.path("schema"), request.path("example")));
      }
      JsonNode ok = operation.path("responses").path("200").path("content").path("application/json");
      if (!ok.isMissingNode()) {
        examples.add(new Example(id + " 200", ok.path("schema"), ok.path("example")));
      }
    });
    return examples;
  }

  interface OperationVisitor {
    void visit(String path, String method, JsonNode operation);
  }

  void forEachOperation(OperationVisitor visitor) {
    Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
      while (methods.hasNext()) {
        Map.Entry<String, JsonNode> method = methods.next();
        if (method.getValue().has("operationId")) {
          visitor.visit(path.getKey(), method.getKey(), method.getValue());
        }
      }
    }
  }
}
