package com.serviceform.sdk.specgate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The upgrade-impact report: which changes between two specs touch what a consumer's tests used,
 * as the testkit recorded it ({@code serviceform-usage.json}: operations, parameter names, field
 * paths, statuses).
 *
 * <p>{@code UpgradeImpact <old spec> <new spec> <usage file>} prints every change, those that touch
 * the consumer first ("2 of 3 changes touch what you use"), and exits 1 when a breaking change
 * touches it, 0 otherwise (2 for bad input). Breaking is judged as the spec gate judges it: on the
 * wire, or for code compiled against the generated SDK (a removed property, a new parameter).
 *
 * <p>A change touches the consumer when it concerns an operation the tests called and, for a
 * field, parameter or status, one the tests sent or received. Response fields are those the
 * sandbox sent, which is more than the consumer's code may read: the report errs on the side of
 * listing a change. Additions (a new operation, a new optional property, a new response status)
 * touch no one.
 */
public final class UpgradeImpact {
  private static final ObjectMapper JSON = new ObjectMapper();

  private UpgradeImpact() {}

  /** One change between the specs. */
  public static final class Change {
    final String description;
    final boolean breaking;
    /** Why it touches the consumer; empty when it does not. */
    final List<String> touches;

    Change(String description, boolean breaking, List<String> touches) {
      this.description = description;
      this.breaking = breaking;
      this.touches = List.copyOf(touches);
    }

    public String description() {
      return description;
    }

    public boolean breaking() {
      return breaking;
    }

    public boolean touches() {
      return !touches.isEmpty();
    }

    public List<String> why() {
      return touches;
    }

    @Override
    public String toString() {
      return (breaking ? "BREAKING " : "compatible ") + description;
    }
  }

  /** What a consumer used of one operation, from the usage file. */
  static final class Used {
    final String operationId;
    final long calls;
    final Set<Integer> statuses = new TreeSet<>();
    final Set<String> queryParameters = new TreeSet<>();
    final Set<String> requestFields = new TreeSet<>();
    final Set<String> responseFields = new TreeSet<>();

    Used(String operationId, JsonNode node) {
      this.operationId = operationId;
      this.calls = node.path("calls").asLong();
      node.path("statuses").forEach(s -> statuses.add(s.asInt()));
      node.path("queryParameters").forEach(s -> queryParameters.add(s.asText()));
      node.path("requestFields").forEach(s -> requestFields.add(s.asText()));
      node.path("responseFields").forEach(s -> responseFields.add(s.asText()));
    }
  }

  /** The report: every change, and what touches the consumer. */
  public static final class Report {
    final List<Change> changes;
    final String oldVersion;
    final String newVersion;
    final int operationsUsed;
    final long callsRecorded;

    Report(List<Change> changes, String oldVersion, String newVersion, int operationsUsed, long callsRecorded) {
      this.changes = List.copyOf(changes);
      this.oldVersion = oldVersion;
      this.newVersion = newVersion;
      this.operationsUsed = operationsUsed;
      this.callsRecorded = callsRecorded;
    }

    public List<Change> changes() {
      return changes;
    }

    public List<Change> touching() {
      return changes.stream().filter(Change::touches).collect(java.util.stream.Collectors.toList());
    }

    /** True when a breaking change touches what the consumer uses. */
    public boolean failed() {
      return changes.stream().anyMatch(c -> c.breaking && c.touches());
    }

    /** The report as printed. */
    public String text(String oldLabel, String newLabel, String usageLabel) {
      StringBuilder sb = new StringBuilder();
      sb.append("Upgrade impact\n");
      sb.append("  from:  ").append(oldLabel).append(" (info.version ").append(oldVersion).append(")\n");
      sb.append("  to:    ").append(newLabel).append(" (info.version ").append(newVersion).append(")\n");
      sb.append("  usage: ").append(usageLabel).append(" (").append(operationsUsed).append(" operations, ")
          .append(callsRecorded).append(" calls)\n");
      List<Change> touching = touching();
      if (changes.isEmpty()) {
        sb.append("No changes between the specs.\n");
      } else {
        sb.append(touching.size()).append(" of ").append(changes.size()).append(changes.size() == 1 ? " change" : " changes")
            .append(touching.size() == 1 ? " touches" : " touch").append(" what you use")
            .append(touching.isEmpty() ? ".\n" : ":\n");
        for (Change change : touching) {
          sb.append("  - ").append(change.breaking ? "BREAKING   " : "compatible ").append(change.description).append('\n');
          for (String why : change.touches) {
            sb.append("      ").append(why).append('\n');
          }
        }
        if (touching.size() < changes.size()) {
          sb.append("Changes that do not touch what you use:\n");
          for (Change change : changes) {
            if (!change.touches()) {
              sb.append("  - ").append(change.breaking ? "BREAKING   " : "compatible ").append(change.description).append('\n');
            }
          }
        }
      }
      long breaking = touching.stream().filter(c -> c.breaking).count();
      sb.append(breaking > 0
          ? "FAILED: " + breaking + " breaking " + (breaking == 1 ? "change touches" : "changes touch")
              + " what you use; adapt your code (docs/versioning.md) before upgrading.\n"
          : "PASSED: no breaking change touches what you use.\n");
      return sb.toString();
    }
  }

  /**
   * Compares the specs and intersects the changes with the usage.
   *
   * @throws IllegalArgumentException if a spec or the usage file cannot be read
   */
  public static Report analyse(Path oldSpec, Path newSpec, Path usageFile) {
    OpenAPI before = SpecGate.parse(oldSpec);
    OpenAPI after = SpecGate.parse(newSpec);
    Map<String, Used> usage = readUsage(usageFile);
    List<Change> changes = new Analysis(before, after, usage).changes();
    long calls = usage.values().stream().mapToLong(u -> u.calls).sum();
    return new Report(changes, version(before), version(after), usage.size(), calls);
  }

  private static String version(OpenAPI api) {
    return api.getInfo() == null ? "?" : String.valueOf(api.getInfo().getVersion());
  }

  static Map<String, Used> readUsage(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the usage file " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !"serviceform-usage/1".equals(root.path("format").asText())) {
      throw new IllegalArgumentException(file + " is not a usage file of the testkit (format serviceform-usage/1)");
    }
    Map<String, Used> usage = new TreeMap<>();
    root.path("operations").properties().forEach(e -> usage.put(e.getKey(), new Used(e.getKey(), e.getValue())));
    return usage;
  }

  /** The diff, with each change's effect on the recorded usage. */
  private static final class Analysis {
    final OpenAPI before;
    final OpenAPI after;
    final Map<String, Used> usage;
    final List<Change> changes = new ArrayList<>();

    Analysis(OpenAPI before, OpenAPI after, Map<String, Used> usage) {
      this.before = before;
      this.after = after;
      this.usage = usage;
    }

    List<Change> changes() {
      operations();
      models();
      return changes;
    }

    private void add(String description, boolean breaking, List<String> touches) {
      changes.add(new Change(description, breaking, touches));
    }

    private Used used(Operation op) {
      return op == null || op.getOperationId() == null ? null : usage.get(op.getOperationId());
    }

    private static String where(String method, String path, Operation op) {
      return method + " " + path + (op.getOperationId() == null ? "" : " (" + op.getOperationId() + ")");
    }

    private static List<String> calls(Used used) {
      return used == null ? List.of() : List.of("you call " + used.operationId + " (" + used.calls
          + (used.calls == 1 ? " call" : " calls") + " recorded)");
    }

    // ------------------------------------------------------------ operations

    private void operations() {
      Map<String, PathItem> oldPaths = before.getPaths() == null ? Map.of() : before.getPaths();
      Map<String, PathItem> newPaths = after.getPaths() == null ? Map.of() : after.getPaths();
      for (Map.Entry<String, PathItem> path : oldPaths.entrySet()) {
        Map<PathItem.HttpMethod, Operation> newOps =
            newPaths.containsKey(path.getKey()) ? newPaths.get(path.getKey()).readOperationsMap() : Map.of();
        for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().readOperationsMap().entrySet()) {
          Operation now = newOps.get(op.getKey());
          String where = where(op.getKey().name(), path.getKey(), op.getValue());
          if (now == null) {
            add(where + ": operation removed", true, calls(used(op.getValue())));
          } else {
            operation(where, path.getValue(), op.getValue(), newPaths.get(path.getKey()), now);
          }
        }
      }
      for (Map.Entry<String, PathItem> path : newPaths.entrySet()) {
        Map<PathItem.HttpMethod, Operation> oldOps =
            oldPaths.containsKey(path.getKey()) ? oldPaths.get(path.getKey()).readOperationsMap() : Map.of();
        for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().readOperationsMap().entrySet()) {
          if (!oldOps.containsKey(op.getKey())) {
            add(where(op.getKey().name(), path.getKey(), op.getValue()) + ": new operation", false, List.of());
          }
        }
      }
    }

    private void operation(String where, PathItem oldPath, Operation old, PathItem newPath, Operation now) {
      Used used = used(old);
      if (!Objects.equals(old.getOperationId(), now.getOperationId())) {
        add(where + ": operationId changed to '" + now.getOperationId() + "' (the generated method is renamed)", true,
            calls(used));
      }
      List<Parameter> oldParams = SdkChanges.parameters(oldPath, old);
      List<Parameter> newParams = SdkChanges.parameters(newPath, now);
      for (Parameter p : newParams) {
        Parameter was = find(oldParams, p);
        if (was == null) {
          boolean required = Boolean.TRUE.equals(p.getRequired());
          add(where + ": new " + (required ? "required " : "optional ") + p.getIn() + " parameter '" + p.getName() + "'"
              + (required ? "" : " (the generated method gains a parameter)"), true, calls(used));
        } else {
          if (!Boolean.TRUE.equals(was.getRequired()) && Boolean.TRUE.equals(p.getRequired())) {
            boolean sent = used != null && used.queryParameters.contains(p.getName());
            add(where + ": " + p.getIn() + " parameter '" + p.getName() + "' is now required", true,
                used == null ? List.of() : List.of(sent
                    ? "you call " + used.operationId + " and your tests send '" + p.getName() + "'"
                    : "you call " + used.operationId + " and your tests do not send '" + p.getName() + "'"));
          }
          String oldType = SdkChanges.signature(was.getSchema());
          String newType = SdkChanges.signature(p.getSchema());
          if (!oldType.equals(newType)) {
            add(where + ": " + p.getIn() + " parameter '" + p.getName() + "' changed type from " + oldType + " to " + newType,
                true, used != null && (used.queryParameters.contains(p.getName()) || "path".equals(p.getIn()))
                    ? List.of("your tests send '" + p.getName() + "' to " + used.operationId) : List.of());
          }
        }
      }
      for (Parameter p : oldParams) {
        if (find(newParams, p) == null) {
          add(where + ": " + p.getIn() + " parameter '" + p.getName() + "' removed (the generated method loses it)", true,
              calls(used));
        }
      }
      if (old.getRequestBody() == null && now.getRequestBody() != null) {
        boolean required = Boolean.TRUE.equals(now.getRequestBody().getRequired());
        add(where + ": " + (required ? "required" : "optional") + " request body added", true, calls(used));
      } else if (old.getRequestBody() != null && now.getRequestBody() != null
          && !Boolean.TRUE.equals(old.getRequestBody().getRequired()) && Boolean.TRUE.equals(now.getRequestBody().getRequired())) {
        add(where + ": the request body is now required", true, calls(used));
      }
      Map<String, ApiResponse> oldResponses = old.getResponses() == null ? Map.of() : old.getResponses();
      Map<String, ApiResponse> newResponses = now.getResponses() == null ? Map.of() : now.getResponses();
      for (String status : oldResponses.keySet()) {
        if (!newResponses.containsKey(status)) {
          boolean seen = used != null && status.matches("\\d{3}") && used.statuses.contains(Integer.parseInt(status));
          add(where + ": response " + status + " removed", true,
              seen ? List.of("your tests saw " + status + " from " + used.operationId) : List.of());
        }
      }
      for (String status : newResponses.keySet()) {
        if (!oldResponses.containsKey(status)) {
          // An addition: calls that worked keep working (the SDK maps any status to its exception).
          add(where + ": new response " + status, false, List.of());
        }
      }
      String oldReturn = SdkChanges.successSchema(old);
      String newReturn = SdkChanges.successSchema(now);
      if (oldReturn != null && !oldReturn.equals(newReturn)) {
        add(where + ": success response changed from " + oldReturn + " to " + newReturn
            + " (the generated method's return type changes)", true, calls(used));
      }
    }

    private static Parameter find(List<Parameter> params, Parameter p) {
      for (Parameter candidate : params) {
        if (Objects.equals(candidate.getName(), p.getName()) && Objects.equals(candidate.getIn(), p.getIn())) {
          return candidate;
        }
      }
      return null;
    }

    // ------------------------------------------------------------ models

    /** Where each model sits in each operation's bodies of the old spec: operationId -> model -> paths. */
    private Map<String, Map<String, Set<String>>> placesInResponses() {
      return places(true);
    }

    private Map<String, Map<String, Set<String>>> placesInRequests() {
      return places(false);
    }

    private Map<String, Map<String, Set<String>>> places(boolean responses) {
      Map<String, Map<String, Set<String>>> places = new TreeMap<>();
      if (before.getPaths() == null) {
        return places;
      }
      before.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
        if (op.getOperationId() == null) {
          return;
        }
        Map<String, Set<String>> models = places.computeIfAbsent(op.getOperationId(), k -> new TreeMap<>());
        List<Schema<?>> roots = new ArrayList<>();
        if (responses && op.getResponses() != null) {
          op.getResponses().values().forEach(r -> schemas(r.getContent(), roots));
        } else if (!responses && op.getRequestBody() != null) {
          schemas(op.getRequestBody().getContent(), roots);
        }
        for (Schema<?> root : roots) {
          walk(root, "", models, new HashSet<>());
        }
      }));
      return places;
    }

    private static void schemas(Content content, List<Schema<?>> out) {
      if (content != null) {
        content.values().forEach(mt -> {
          if (mt.getSchema() != null) {
            out.add(mt.getSchema());
          }
        });
      }
    }

    /** Records where each referenced model sits below {@code prefix}. */
    private void walk(Schema<?> schema, String prefix, Map<String, Set<String>> models, Set<String> visiting) {
      if (schema == null) {
        return;
      }
      if (schema.get$ref() != null) {
        String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
        models.computeIfAbsent(name, k -> new TreeSet<>()).add(prefix);
        if (visiting.add(name)) {
          walk(schemas(before).get(name), prefix, models, visiting);
          visiting.remove(name);
        }
        return;
      }
      if (schema.getItems() != null) {
        walk(schema.getItems(), prefix + "[]", models, visiting);
      }
      if (schema.getProperties() != null) {
        schema.getProperties().forEach((name, property) ->
            walk(property, prefix.isEmpty() ? name : prefix + "." + name, models, visiting));
      }
      if (schema.getAdditionalProperties() instanceof Schema) {
        walk((Schema<?>) schema.getAdditionalProperties(), prefix.isEmpty() ? "*" : prefix + ".*", models, visiting);
      }
      if (schema.getAllOf() != null) {
        schema.getAllOf().forEach(part -> walk(part, prefix, models, visiting));
      }
    }

    @SuppressWarnings("rawtypes")
    private static Map<String, Schema> schemas(OpenAPI api) {
      return api.getComponents() == null || api.getComponents().getSchemas() == null
          ? Collections.emptyMap() : api.getComponents().getSchemas();
    }

    @SuppressWarnings("rawtypes")
    private void models() {
      Map<String, Schema> oldModels = schemas(before);
      Map<String, Schema> newModels = schemas(after);
      Map<String, Map<String, Set<String>>> inResponses = placesInResponses();
      Map<String, Map<String, Set<String>>> inRequests = placesInRequests();
      for (Map.Entry<String, Schema> entry : oldModels.entrySet()) {
        String model = entry.getKey();
        Schema<?> old = entry.getValue();
        Schema<?> now = newModels.get(model);
        if (now == null) {
          add("model " + model + ": removed (its generated class disappears)", true,
              usesOfModel(model, inResponses, inRequests));
          continue;
        }
        Map<String, Schema> oldProps = old.getProperties() == null ? Map.of() : old.getProperties();
        Map<String, Schema> newProps = now.getProperties() == null ? Map.of() : now.getProperties();
        Set<String> oldRequired = new HashSet<>(old.getRequired() == null ? List.of() : old.getRequired());
        Set<String> newRequired = new HashSet<>(now.getRequired() == null ? List.of() : now.getRequired());
        for (Map.Entry<String, Schema> p : oldProps.entrySet()) {
          Schema<?> np = newProps.get(p.getKey());
          if (np == null) {
            add("model " + model + ": property '" + p.getKey() + "' removed (its getter and setter disappear)", true,
                usesOfProperty(model, p.getKey(), inResponses, inRequests));
          } else if (!SdkChanges.signature(p.getValue()).equals(SdkChanges.signature(np))) {
            add("model " + model + ": property '" + p.getKey() + "' changed type from " + SdkChanges.signature(p.getValue())
                + " to " + SdkChanges.signature(np), true, usesOfProperty(model, p.getKey(), inResponses, inRequests));
          }
        }
        for (String p : newProps.keySet()) {
          if (!oldProps.containsKey(p)) {
            boolean required = newRequired.contains(p);
            add("model " + model + ": " + (required ? "required" : "optional") + " property '" + p + "' added", required,
                required ? sendersOf(model, inRequests) : List.of());
          }
        }
        for (String p : newRequired) {
          if (!oldRequired.contains(p) && oldProps.containsKey(p)) {
            add("model " + model + ": property '" + p + "' is now required", true, sendersOf(model, inRequests));
          }
        }
        for (String p : oldRequired) {
          if (!newRequired.contains(p) && newProps.containsKey(p)) {
            add("model " + model + ": property '" + p + "' is no longer required (answers may lack it)", true,
                usesOfProperty(model, p, inResponses, Map.of()));
          }
        }
      }
      for (String model : newModels.keySet()) {
        if (!oldModels.containsKey(model)) {
          add("model " + model + ": new", false, List.of());
        }
      }
    }

    /** The recorded fields that are property {@code property} of {@code model}, by operation. */
    private List<String> usesOfProperty(String model, String property, Map<String, Map<String, Set<String>>> inResponses,
        Map<String, Map<String, Set<String>>> inRequests) {
      List<String> why = new ArrayList<>();
      for (Used used : usage.values()) {
        Set<String> received = matching(inResponses, used.operationId, model, property, used.responseFields);
        if (!received.isEmpty()) {
          why.add("your tests received " + String.join(", ", received) + " from " + used.operationId);
        }
        Set<String> sent = matching(inRequests, used.operationId, model, property, used.requestFields);
        if (!sent.isEmpty()) {
          why.add("your tests sent " + String.join(", ", sent) + " to " + used.operationId);
        }
      }
      return why;
    }

    private static Set<String> matching(Map<String, Map<String, Set<String>>> places, String operationId, String model,
        String property, Set<String> recorded) {
      Set<String> found = new LinkedHashSet<>();
      for (String prefix : places.getOrDefault(operationId, Map.of()).getOrDefault(model, Set.of())) {
        String path = prefix.isEmpty() ? property : prefix + "." + property;
        if (recorded.contains(path)) {
          found.add(path);
        }
      }
      return found;
    }

    private List<String> usesOfModel(String model, Map<String, Map<String, Set<String>>> inResponses,
        Map<String, Map<String, Set<String>>> inRequests) {
      List<String> why = new ArrayList<>();
      for (Used used : usage.values()) {
        if (inResponses.getOrDefault(used.operationId, Map.of()).containsKey(model)
            || inRequests.getOrDefault(used.operationId, Map.of()).containsKey(model)) {
          why.add("you call " + used.operationId + ", whose bodies hold " + model);
        }
      }
      return why;
    }

    private List<String> sendersOf(String model, Map<String, Map<String, Set<String>>> inRequests) {
      List<String> why = new ArrayList<>();
      for (Used used : usage.values()) {
        if (inRequests.getOrDefault(used.operationId, Map.of()).containsKey(model)) {
          why.add("your tests send " + model + " to " + used.operationId);
        }
      }
      return why;
    }
  }

  /**
   * {@code UpgradeImpact <old spec> <new spec> <usage file>}: prints the report; exits 1 when a
   * breaking change touches what the consumer uses, 2 for bad arguments or unreadable input.
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 3) {
      err.println("usage: UpgradeImpact <old spec> <new spec> <usage file (serviceform-usage.json)>");
      return 2;
    }
    Report report;
    try {
      report = analyse(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
    } catch (IllegalArgumentException e) {
      err.println("upgrade impact: " + e.getMessage());
      return 2;
    }
    out.print(report.text(SpecGate.label(Path.of(args[0])), SpecGate.label(Path.of(args[1])),
        SpecGate.label(Path.of(args[2]))));
    out.flush();
    return report.failed() ? 1 : 0;
  }
}
