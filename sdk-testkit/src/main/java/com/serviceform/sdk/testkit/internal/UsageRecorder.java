package com.serviceform.sdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a consumer's tests used of the API: per operation, the calls, the statuses answered, the
 * names of the path and query parameters sent, and the field paths of the request and success
 * response bodies ({@code status}, {@code history[].message}, {@code [].id} for an array answer). Names
 * only, never values: map keys that are data (a {@code chatsBySource} source) are written {@code
 * *}, and so is any key that is not a plain identifier. Thread-safe.
 *
 * <p>The file ({@code serviceform-usage/1}) is the input of the spec gate's upgrade-impact report
 * (docs/versioning.md). Writing merges with what the file already holds (several test classes,
 * several JVMs), under a file lock.
 */
public final class UsageRecorder {
  /** The format name written into every file. */
  public static final String FORMAT = "serviceform-usage/1";
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]{0,63}");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ApiSpec spec;
  private final Path file;
  private final Map<String, OperationUsage> operations = new TreeMap<>();

  /** @param file where {@link #write()} writes, or null to keep the usage in memory only */
  public UsageRecorder(ApiSpec spec, Path file) {
    this.spec = spec;
    this.file = file;
  }

  public Path file() {
    return file;
  }

  private static final class OperationUsage {
    String method;
    String path;
    long calls;
    final Set<Integer> statuses = new TreeSet<>();
    final Set<String> pathParameters = new TreeSet<>();
    final Set<String> queryParameters = new TreeSet<>();
    final Set<String> requestFields = new TreeSet<>();
    final Set<String> responseFields = new TreeSet<>();
  }

  /** Records one exchange of {@code operation}. */
  void record(SpecOperation operation, ApiSpec.Match match, Map<String, List<String>> query, SandboxRequest request,
      Reply reply) {
    Set<String> requestFields = new TreeSet<>();
    JsonNode requestBody = parse(request.body());
    if (requestBody != null) {
      JsonNode schema = operation.requestContent().getOrDefault("application/json", NODES.missingNode());
      fields(requestBody, schema, "", requestFields);
    }
    Set<String> responseFields = new TreeSet<>();
    // Success bodies only: error bodies have no documented shape (UndocumentedError).
    if (!reply.isConnectionReset() && reply.status() / 100 == 2) {
      JsonNode responseBody = parse(reply.body());
      JsonNode declared = operation.response(reply.status());
      if (responseBody != null && declared != null) {
        fields(responseBody, declared.path("content").path("application/json").path("schema"), "", responseFields);
      }
    }
    synchronized (this) {
      OperationUsage usage = operations.computeIfAbsent(operation.operationId(), id -> new OperationUsage());
      usage.method = operation.method();
      usage.path = operation.template();
      usage.calls++;
      if (!reply.isConnectionReset()) {
        usage.statuses.add(reply.status());
      }
      usage.pathParameters.addAll(match.pathParameters().keySet());
      for (String name : query.keySet()) {
        usage.queryParameters.add(IDENTIFIER.matcher(name).matches() ? name : "*");
      }
      usage.requestFields.addAll(requestFields);
      usage.responseFields.addAll(responseFields);
    }
  }

  /** The field paths of {@code value}, guided by {@code schema} to tell fields from data keys. */
  private void fields(JsonNode value, JsonNode schemaOrRef, String prefix, Set<String> out) {
    JsonNode schema = schemaOrRef.isMissingNode() ? schemaOrRef : spec.resolve(schemaOrRef);
    if (value.isArray()) {
      String path = prefix + "[]";
      out.add(path);
      JsonNode items = schema.path("items");
      for (JsonNode element : value) {
        fields(element, items, path, out);
      }
    } else if (value.isObject()) {
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        String name = field.getKey();
        JsonNode childSchema = property(schema, name);
        String key;
        if (childSchema != null) {
          key = name;
        } else {
          JsonNode additional = schema.path("additionalProperties");
          if (additional.isObject()) {
            key = "*";
            childSchema = additional;
          } else {
            key = IDENTIFIER.matcher(name).matches() ? name : "*";
            childSchema = NODES.missingNode();
          }
        }
        String path = prefix.isEmpty() ? key : prefix + "." + key;
        out.add(path);
        fields(field.getValue(), childSchema, path, out);
      }
    }
  }

  /** The declared schema of property {@code name}, also through {@code allOf}; null when undeclared. */
  private JsonNode property(JsonNode schema, String name) {
    JsonNode declared = schema.path("properties").get(name);
    if (declared != null) {
      return declared;
    }
    for (JsonNode part : schema.path("allOf")) {
      JsonNode found = property(spec.resolve(part), name);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  /** The usage as the file's JSON. */
  public synchronized byte[] toJson() {
    return Json.bytes(merge(NODES.objectNode()));
  }

  /** This recorder's usage added to {@code existing} (a file's JSON, or an empty object). */
  private synchronized ObjectNode merge(ObjectNode existing) {
    ObjectNode root = NODES.objectNode();
    root.put("format", FORMAT);
    ObjectNode specInfo = root.putObject("spec");
    specInfo.put("title", spec.root().path("info").path("title").asText(""));
    specInfo.put("version", spec.version());
    ObjectNode ops = root.putObject("operations");
    Map<String, JsonNode> all = new TreeMap<>();
    existing.path("operations").properties().forEach(e -> all.put(e.getKey(), e.getValue()));
    operations.keySet().forEach(id -> all.putIfAbsent(id, NODES.objectNode()));
    for (Map.Entry<String, JsonNode> entry : all.entrySet()) {
      JsonNode old = entry.getValue();
      OperationUsage now = operations.get(entry.getKey());
      ObjectNode op = ops.putObject(entry.getKey());
      op.put("method", now != null ? now.method : old.path("method").asText());
      op.put("path", now != null ? now.path : old.path("path").asText());
      op.put("calls", old.path("calls").asLong(0) + (now == null ? 0 : now.calls));
      Set<Integer> statuses = new TreeSet<>();
      old.path("statuses").forEach(s -> statuses.add(s.asInt()));
      if (now != null) {
        statuses.addAll(now.statuses);
      }
      ArrayNode statusArray = op.putArray("statuses");
      statuses.forEach(statusArray::add);
      union(op, old, "pathParameters", now == null ? Set.of() : now.pathParameters);
      union(op, old, "queryParameters", now == null ? Set.of() : now.queryParameters);
      union(op, old, "requestFields", now == null ? Set.of() : now.requestFields);
      union(op, old, "responseFields", now == null ? Set.of() : now.responseFields);
    }
    return root;
  }

  private static void union(ObjectNode op, JsonNode old, String key, Set<String> now) {
    Set<String> all = new TreeSet<>(now);
    old.path(key).forEach(v -> all.add(v.asText()));
    ArrayNode array = op.putArray(key);
    all.forEach(array::add);
  }

  /**
   * Adds this recorder's usage to the file (creating it and its folder), under a lock that other
   * JVMs writing the same file respect. No-op without a file.
   */
  public void write() {
    if (file == null) {
      return;
    }
    try {
      Path absolute = file.toAbsolutePath();
      Files.createDirectories(absolute.getParent());
      Path lockFile = absolute.resolveSibling(absolute.getFileName() + ".lock");
      try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
           FileLock lock = channel.lock()) {
        ObjectNode existing = NODES.objectNode();
        if (Files.isRegularFile(absolute)) {
          JsonNode read = Json.MAPPER.readTree(absolute.toFile());
          if (read != null && read.isObject() && FORMAT.equals(read.path("format").asText())) {
            existing = (ObjectNode) read;
          }
        }
        Path temp = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
        Files.write(temp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(merge(existing)));
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the usage file " + file, e);
    }
  }
}
