package com.serviceform.sdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.serviceform.sdk.events.MismatchKind;
import com.serviceform.sdk.internal.ResponseSchemas.Shape;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Checks a JSON document against a {@link Shape}: types, formats ({@code date-time}, {@code date},
 * {@code int32}, {@code int64}), required and undocumented properties, nulls. Findings name a
 * path and types only, never a value. Array elements share the path {@code [*]} and the entries of a
 * map-like object {@code .*}, so each place is reported once per document however many records hit
 * it.
 *
 * <p>Small on purpose (Jackson's tree model, no other dependency): what the SDK's response
 * validation and the drift probe need, not a general JSON Schema validator.
 */
public final class ShapeValidator {
  /** A place where a document differs from its schema. */
  public static final class Finding {
    public final String path;
    public final MismatchKind kind;
    public final String expected;
    public final String actual;
    public final int[] curations;

    Finding(String path, MismatchKind kind, String expected, String actual, int[] curations) {
      this.path = path;
      this.kind = kind;
      this.expected = expected;
      this.actual = actual;
      this.curations = curations;
    }

    @Override
    public String toString() {
      return path + " " + kind + " (expected " + expected + ", got " + actual + ")";
    }
  }

  /** What one document gave: its findings, each path and kind once, and the curations its places carry. */
  public static final class Result {
    public final List<Finding> findings;
    public final List<Integer> curationsExercised;

    Result(List<Finding> findings, List<Integer> curationsExercised) {
      this.findings = findings;
      this.curationsExercised = curationsExercised;
    }
  }

  /** Field names in paths are cut here: they come from the server. */
  static final int MAX_NAME = 64;
  /** A document's findings stop here: a hostile body must not make the report unbounded. */
  static final int MAX_FINDINGS = 100;

  private final UnaryOperator<String> safeName;
  private final Map<String, Finding> findings = new LinkedHashMap<>();
  private final TreeSet<Integer> exercised = new TreeSet<>();
  private final List<String> path = new ArrayList<>();

  private ShapeValidator(UnaryOperator<String> safeName) {
    this.safeName = safeName;
  }

  /**
   * Checks {@code document} against {@code schema}.
   *
   * @param safeName applied to every property name a path takes from the document (the SDK passes
   *     its redactor: a name could hold a piece of the API key)
   */
  public static Result validate(Shape schema, JsonNode document, UnaryOperator<String> safeName) {
    ShapeValidator validator = new ShapeValidator(safeName);
    validator.check(schema, document);
    return new Result(List.copyOf(validator.findings.values()), List.copyOf(validator.exercised));
  }

  private void check(Shape declared, JsonNode value) {
    Shape shape = declared.resolved();
    note(declared.curations);
    if (shape != declared) {
      note(shape.curations);
    }
    if (value == null || value.isNull() || value.isMissingNode()) {
      if (!shape.nullable && !declared.nullable && shape.type != null) {
        report(MismatchKind.UNEXPECTED_NULL, "not null", "null", declared, shape);
      }
      return;
    }
    if (shape.type == null) {
      return;
    }
    switch (shape.type) {
      case "object":
        if (!value.isObject()) {
          report(MismatchKind.TYPE_MISMATCH, "object", typeOf(value), declared, shape);
          return;
        }
        checkObject(shape, value);
        return;
      case "array":
        if (!value.isArray()) {
          report(MismatchKind.TYPE_MISMATCH, "array", typeOf(value), declared, shape);
          return;
        }
        if (shape.items != null) {
          path.add("[*]");
          for (JsonNode element : value) {
            check(shape.items, element);
          }
          path.remove(path.size() - 1);
        }
        return;
      case "string":
        if (!value.isTextual()) {
          report(MismatchKind.TYPE_MISMATCH, shape.describe(), typeOf(value), declared, shape);
        } else if (shape.format != null && !formatHolds(shape.format, value.textValue())) {
          report(MismatchKind.FORMAT_MISMATCH, shape.describe(), typeOf(value), declared, shape);
        }
        return;
      case "integer":
        if (!value.isNumber()) {
          report(MismatchKind.TYPE_MISMATCH, shape.describe(), typeOf(value), declared, shape);
        } else if (!value.isIntegralNumber()) {
          report(MismatchKind.FORMAT_MISMATCH, shape.describe(), "number(fraction)", declared, shape);
        } else if (("int32".equals(shape.format) && !value.canConvertToInt()) || !value.canConvertToLong()) {
          report(MismatchKind.FORMAT_MISMATCH, shape.describe(), "integer(out of range)", declared, shape);
        }
        return;
      case "number":
        if (!value.isNumber()) {
          report(MismatchKind.TYPE_MISMATCH, shape.describe(), typeOf(value), declared, shape);
        }
        return;
      case "boolean":
        if (!value.isBoolean()) {
          report(MismatchKind.TYPE_MISMATCH, "boolean", typeOf(value), declared, shape);
        }
        return;
      default:
        // A type this validator does not know says nothing about the document.
    }
  }

  private void checkObject(Shape shape, JsonNode value) {
    for (String name : shape.required) {
      if (!value.has(name)) {
        Shape property = shape.properties.get(name);
        path.add(segment(name, false));
        report(MismatchKind.MISSING_REQUIRED, "present", "absent", property == null ? shape : property,
            property == null ? shape : property.resolved());
        path.remove(path.size() - 1);
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      Shape property = shape.properties.get(field.getKey());
      if (property != null) {
        path.add(shape.segments.get(field.getKey()));
        check(property, field.getValue());
        path.remove(path.size() - 1);
      } else if (shape.additional == Shape.ADDITIONAL_SCHEMA) {
        path.add(".*");
        check(shape.additionalSchema, field.getValue());
        path.remove(path.size() - 1);
      } else if (shape.additional != Shape.ADDITIONAL_ALLOWED) {
        path.add(segment(field.getKey(), true));
        report(MismatchKind.UNDOCUMENTED_FIELD, "a declared property", typeOf(field.getValue()), shape, shape);
        path.remove(path.size() - 1);
      }
    }
  }

  /** A path segment for a property; a name from the document is made safe and cut. */
  private String segment(String name, boolean fromDocument) {
    String safe = fromDocument ? safeName.apply(name) : name;
    if (safe.length() > MAX_NAME) {
      safe = safe.substring(0, MAX_NAME) + "...";
    }
    boolean plain = !safe.isEmpty();
    for (int i = 0; i < safe.length() && plain; i++) {
      char c = safe.charAt(i);
      plain = Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }
    return plain ? "." + safe : "['" + safe.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }

  private void note(int[] curations) {
    for (int number : curations) {
      exercised.add(number);
    }
  }

  private void report(MismatchKind kind, String expected, String actual, Shape declared, Shape shape) {
    if (findings.size() >= MAX_FINDINGS) {
      return;
    }
    String where = path.isEmpty() ? "$" : "$" + String.join("", path);
    String key = where + " " + kind;
    if (!findings.containsKey(key)) {
      findings.put(key, new Finding(where, kind, expected, actual, curations(declared, shape)));
    }
  }

  private static int[] curations(Shape declared, Shape shape) {
    if (declared == shape || shape.curations.length == 0) {
      return declared.curations;
    }
    if (declared.curations.length == 0) {
      return shape.curations;
    }
    TreeSet<Integer> both = new TreeSet<>();
    for (int n : declared.curations) {
      both.add(n);
    }
    for (int n : shape.curations) {
      both.add(n);
    }
    return both.stream().mapToInt(Integer::intValue).toArray();
  }

  private static boolean formatHolds(String format, String text) {
    try {
      switch (format) {
        case "date-time":
          OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
          return true;
        case "date":
          LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
          return true;
        default:
          return true;
      }
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /**
   * The JSON type of a value, and for a string the format it looks like: {@code string(date-time)},
   * {@code string(integer)}, {@code string(number)}. Never the value itself.
   */
  static String typeOf(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "null";
    }
    if (value.isObject()) {
      return "object";
    }
    if (value.isArray()) {
      return "array";
    }
    if (value.isBoolean()) {
      return "boolean";
    }
    if (value.isIntegralNumber()) {
      return "integer";
    }
    if (value.isNumber()) {
      return "number";
    }
    if (value.isTextual()) {
      String text = value.textValue();
      if (text.isEmpty()) {
        return "string(empty)";
      }
      if (formatHolds("date-time", text) && text.length() > 10) {
        return "string(date-time)";
      }
      if (text.length() == 10 && formatHolds("date", text)) {
        return "string(date)";
      }
      if (text.matches("-?\\d{1,30}")) {
        return "string(integer)";
      }
      if (text.matches("-?\\d{1,30}\\.\\d{1,30}")) {
        return "string(number)";
      }
      return "string";
    }
    return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
