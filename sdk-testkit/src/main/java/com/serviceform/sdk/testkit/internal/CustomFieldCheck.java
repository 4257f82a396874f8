package com.serviceform.sdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.serviceform.sdk.model.FieldOption;
import com.serviceform.sdk.model.Space;
import com.serviceform.sdk.model.SpaceField;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks the custom fields of a create or update body against the space's field definitions
 * ({@code Space.fields}: machine name, type, options). From the vendor: items carry custom fields
 * keyed by the field's machine name, and a select value may be {@code {value, label}}. The rest is
 * the sandbox's conservative reading, listed in docs/testing.md: a machine name the space does not
 * define is refused; {@code text} and {@code email} fields take strings ({@code email} with one
 * {@code @}), {@code number} fields numbers; a {@code select} field takes one of its options, as the
 * option's value or machine name or as {@code {value, label}} with that option's value (and label,
 * when given); {@code null} clears any field; other types are not checked.
 */
final class CustomFieldCheck {
  /** Item properties the server manages; a create or update body cannot set them (they are ignored). */
  static final Set<String> SERVER_MANAGED =
      Set.of("id", "uuid", "uid", "clientId", "last_updater", "space_id", "created", "updated");

  private CustomFieldCheck() {}

  /** One line per problem, each naming the space, the field and what was wrong. */
  static List<String> problems(Space space, ObjectNode body, FieldRelaxations relaxed) {
    List<String> problems = new ArrayList<>();
    String where = "space '" + space.getName() + "' (" + space.getId() + ")";
    List<SpaceField> fields = space.getFields() == null ? List.of() : space.getFields();
    for (Map.Entry<String, JsonNode> entry : body.properties()) {
      String name = entry.getKey();
      JsonNode value = entry.getValue();
      if (name.equals("primary_field") || SERVER_MANAGED.contains(name) || relaxed.isRelaxed(space.getId(), name)) {
        continue;
      }
      SpaceField field = fields.stream().filter(f -> name.equals(f.getMachine())).findFirst().orElse(null);
      if (field == null) {
        problems.add("sandbox.customField.unknown: " + where + " has no field '" + name + "'; its fields are "
            + fields.stream().map(SpaceField::getMachine).filter(m -> !"primary_field".equals(m))
                .collect(Collectors.toList()));
        continue;
      }
      if (value.isNull()) {
        continue;
      }
      String type = field.getType() == null ? "" : field.getType().toLowerCase(Locale.ROOT);
      switch (type) {
        case "text":
          if (!value.isTextual()) {
            problems.add(typeProblem(where, name, "a text field", "a string", value));
          }
          break;
        case "email":
          if (!value.isTextual()) {
            problems.add(typeProblem(where, name, "an email field", "a string", value));
          } else if (!value.asText().matches("[^@\\s]+@[^@\\s]+")) {
            problems.add("sandbox.customField.type: " + where + ": field '" + name + "' is an email field; \""
                + echo(value.asText()) + "\" is not an email address");
          }
          break;
        case "number":
          if (!value.isNumber()) {
            problems.add(typeProblem(where, name, "a number field", "a number", value));
          }
          break;
        case "select":
          select(where, field, value, problems);
          break;
        default:
          break; // A type the vendor does not describe: not checked.
      }
    }
    return problems;
  }

  private static void select(String where, SpaceField field, JsonNode value, List<String> problems) {
    List<FieldOption> options = field.getOptions() == null ? List.of() : field.getOptions();
    List<String> values = options.stream().map(FieldOption::getValue).collect(Collectors.toList());
    String name = field.getMachine();
    if (value.isTextual()) {
      String text = value.asText();
      if (options.stream().noneMatch(o -> text.equals(o.getValue()) || text.equals(o.getMachine()))) {
        problems.add("sandbox.customField.option: " + where + ": field '" + name + "': \"" + echo(text)
            + "\" is not one of its options " + values);
      }
    } else if (value.isObject()) {
      JsonNode given = value.get("value");
      if (given == null || !given.isTextual()) {
        problems.add("sandbox.customField.option: " + where + ": field '" + name
            + "': a select value given as an object needs a string \"value\", one of " + values);
        return;
      }
      FieldOption option = options.stream().filter(o -> given.asText().equals(o.getValue())).findFirst().orElse(null);
      if (option == null) {
        problems.add("sandbox.customField.option: " + where + ": field '" + name + "': \"" + echo(given.asText())
            + "\" is not one of its options " + values);
      } else if (value.has("label") && !value.get("label").asText().equals(option.getLabel())) {
        problems.add("sandbox.customField.option: " + where + ": field '" + name + "': option \"" + option.getValue()
            + "\" has the label \"" + option.getLabel() + "\", not \"" + echo(value.get("label").asText()) + "\"");
      }
    } else {
      problems.add(typeProblem(where, name, "a select field", "one of its options " + values
          + " (as a string or as {\"value\", \"label\"})", value));
    }
  }

  private static String typeProblem(String where, String name, String field, String expected, JsonNode value) {
    return "sandbox.customField.type: " + where + ": field '" + name + "' is " + field + " and takes " + expected
        + ", not " + article(SchemaCheck.kind(value));
  }

  private static String article(String kind) {
    return (kind.startsWith("a") || kind.startsWith("i") || kind.startsWith("o") ? "an " : "a ") + kind;
  }

  private static String echo(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "...";
  }

  /** The fields whose checks a test has relaxed. Thread-safe. */
  static final class FieldRelaxations {
    private final Set<String> relaxed = new HashSet<>();

    synchronized void relax(String spaceId, String machine) {
      relaxed.add(spaceId + '\u0000' + machine);
    }

    synchronized boolean isRelaxed(String spaceId, String machine) {
      return relaxed.contains(spaceId + '\u0000' + machine) || relaxed.contains(spaceId + '\u0000' + "*");
    }

    synchronized void clear() {
      relaxed.clear();
    }
  }
}
