package com.serviceform.sdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Validates a JSON value against an OpenAPI 3.0 schema object. The messages follow the wording
 * that swagger-request-validator (the testkit's validator before 0.2) used, so that reports and
 * tests read the same: {@code <prefix>.<keyword>: [Path '/0/duration'] Instance type (string) does
 * not match any allowed primitive type (allowed: ["integer"])}.
 *
 * <p>Keywords checked: {@code $ref}, {@code type}, {@code nullable}, {@code enum}, {@code format}
 * ({@code date-time}, {@code date}, {@code int32}, {@code int64}; other formats are annotations),
 * {@code minLength}, {@code maxLength}, {@code pattern}, {@code minimum}, {@code maximum}, {@code
 * exclusiveMinimum}, {@code exclusiveMaximum}, {@code multipleOf}, {@code items}, {@code
 * minItems}, {@code maxItems}, {@code uniqueItems}, {@code properties}, {@code required}, {@code
 * additionalProperties}, {@code minProperties}, {@code maxProperties}, {@code allOf}, {@code
 * anyOf}, {@code oneOf}, {@code not}. Everything else ({@code description}, {@code example},
 * {@code readOnly}, {@code x-...}) is an annotation. {@link #SUPPORTED} lists them for the test that
 * keeps the packaged spec inside this set.
 */
public final class SchemaCheck {
  /** The schema keywords this class understands, as validation or as annotation. */
  public static final Set<String> SUPPORTED = Set.of(
      "$ref", "type", "nullable", "enum", "format", "minLength", "maxLength", "pattern", "minimum",
      "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "items", "minItems", "maxItems",
      "uniqueItems", "properties", "required", "additionalProperties", "minProperties", "maxProperties",
      "allOf", "anyOf", "oneOf", "not", "description", "title", "example", "default", "readOnly",
      "writeOnly", "deprecated", "discriminator", "xml", "externalDocs");
  private static final Pattern DATE_TIME = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
  private static final int MAX_ECHO = 60;

  private final ApiSpec spec;
  private final String prefix;
  private final List<String> out;

  private SchemaCheck(ApiSpec spec, String prefix, List<String> out) {
    this.spec = spec;
    this.prefix = prefix;
    this.out = out;
  }

  /**
   * Adds a message to {@code out} for each way {@code value} breaks {@code schema}.
   *
   * @param prefix the message key prefix, for example {@code validation.request.body.schema}
   */
  public static void check(ApiSpec spec, JsonNode value, JsonNode schema, String prefix, List<String> out) {
    new SchemaCheck(spec, prefix, out).check(value, schema, "");
  }

  /** Whether {@code value} conforms to {@code schema}. */
  public static boolean conforms(ApiSpec spec, JsonNode value, JsonNode schema) {
    List<String> out = new ArrayList<>();
    check(spec, value, schema, "", out);
    return out.isEmpty();
  }

  private void check(JsonNode value, JsonNode schemaOrRef, String pointer) {
    JsonNode schema = spec.resolve(schemaOrRef);
    if (schema == null || schema.isMissingNode() || !schema.isObject() || schema.isEmpty()) {
      return;
    }
    for (JsonNode sub : schema.path("allOf")) {
      check(value, sub, pointer);
    }
    if (schema.has("anyOf") && count(value, schema.get("anyOf"), pointer) == 0) {
      add("anyOf", pointer, "Instance failed to match at least one required schema among " + schema.get("anyOf").size());
    }
    if (schema.has("oneOf")) {
      int matched = count(value, schema.get("oneOf"), pointer);
      if (matched != 1) {
        add("oneOf", pointer, "Instance failed to match exactly one schema (matched " + matched + " out of "
            + schema.get("oneOf").size() + ")");
      }
    }
    if (schema.has("not") && conforms(spec, value, schema.get("not"))) {
      add("not", pointer, "Instance must not match the schema in \"not\"");
    }
    String kind = kind(value);
    if (value.isNull()) {
      if (schema.has("type") && !schema.path("nullable").asBoolean(false)) {
        typeMismatch(schema, kind, pointer);
      }
      return;
    }
    if (schema.has("type") && !typeAllows(schema.get("type").asText(), kind)) {
      typeMismatch(schema, kind, pointer);
      return;
    }
    if (schema.has("enum")) {
      boolean found = false;
      for (JsonNode allowed : schema.get("enum")) {
        found |= same(allowed, value);
      }
      if (!found) {
        add("enum", pointer, "Instance value (" + echo(value) + ") not found in enum (possible values: "
            + schema.get("enum") + ")");
      }
    }
    switch (kind) {
      case "string":
        string(value.asText(), schema, pointer);
        break;
      case "integer":
      case "number":
        number(value, schema, pointer);
        break;
      case "array":
        array(value, schema, pointer);
        break;
      case "object":
        object(value, schema, pointer);
        break;
      default:
        break;
    }
  }

  private int count(JsonNode value, JsonNode alternatives, String pointer) {
    int matched = 0;
    for (JsonNode alternative : alternatives) {
      List<String> problems = new ArrayList<>();
      new SchemaCheck(spec, prefix, problems).check(value, alternative, pointer);
      if (problems.isEmpty()) {
        matched++;
      }
    }
    return matched;
  }

  private void string(String text, JsonNode schema, String pointer) {
    int length = text.codePointCount(0, text.length());
    if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
      add("minLength", pointer, "String \"" + echo(text) + "\" is too short (length: " + length
          + ", required minimum: " + schema.get("minLength").asInt() + ")");
    }
    if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
      add("maxLength", pointer, "String \"" + echo(text) + "\" is too long (length: " + length
          + ", maximum allowed: " + schema.get("maxLength").asInt() + ")");
    }
    if (schema.has("pattern")) {
      String regex = schema.get("pattern").asText();
      Pattern pattern;
      try {
        pattern = PATTERNS.computeIfAbsent(regex, Pattern::compile);
      } catch (PatternSyntaxException e) {
        add("pattern", pointer, "the spec's pattern \"" + regex + "\" is not a valid regular expression");
        return;
      }
      if (!pattern.matcher(text).find()) {
        add("pattern", pointer, "ECMA 262 regex \"" + regex + "\" does not match input string \"" + echo(text) + "\"");
      }
    }
    String format = schema.path("format").asText("");
    if (format.equals("date-time") && !isDateTime(text)) {
      add("format.date-time", pointer, "String \"" + echo(text)
          + "\" is invalid against requested date-time format (RFC 3339, for example 2024-09-01T10:00:00Z)");
    } else if (format.equals("date") && !isDate(text)) {
      add("format.date", pointer, "String \"" + echo(text)
          + "\" is invalid against requested date format (RFC 3339 full-date, for example 2024-09-01)");
    }
  }

  /** RFC 3339 {@code date-time}: seconds and an offset required, as OpenAPI says. */
  public static boolean isDateTime(String text) {
    if (!DATE_TIME.matcher(text).matches()) {
      return false;
    }
    try {
      OffsetDateTime.parse(text.toUpperCase(Locale.ROOT));
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean isDate(String text) {
    if (!DATE.matcher(text).matches()) {
      return false;
    }
    try {
      java.time.LocalDate.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private void number(JsonNode value, JsonNode schema, String pointer) {
    BigDecimal number = value.decimalValue();
    if (schema.has("minimum")) {
      BigDecimal min = schema.get("minimum").decimalValue();
      boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
      int c = number.compareTo(min);
      if (c < 0 || (exclusive && c == 0)) {
        add("minimum", pointer, exclusive
            ? "Numeric instance is not strictly greater than the required minimum " + plain(min)
            : "Numeric instance is lower than the required minimum (minimum: " + plain(min) + ", found: " + plain(number) + ")");
      }
    }
    if (schema.has("maximum")) {
      BigDecimal max = schema.get("maximum").decimalValue();
      boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
      int c = number.compareTo(max);
      if (c > 0 || (exclusive && c == 0)) {
        add("maximum", pointer, exclusive
            ? "Numeric instance is not strictly lower than the required maximum " + plain(max)
            : "Numeric instance is greater than the required maximum (maximum: " + plain(max) + ", found: " + plain(number) + ")");
      }
    }
    if (schema.has("multipleOf")) {
      BigDecimal step = schema.get("multipleOf").decimalValue();
      if (step.signum() > 0 && number.remainder(step).signum() != 0) {
        add("multipleOf", pointer, "Remainder of division is not zero (" + plain(number) + " / " + plain(step) + ")");
      }
    }
    String format = schema.path("format").asText("");
    if (value.isIntegralNumber() && (format.equals("int32") || format.equals("int64"))) {
      long limitLow = format.equals("int32") ? Integer.MIN_VALUE : Long.MIN_VALUE;
      long limitHigh = format.equals("int32") ? Integer.MAX_VALUE : Long.MAX_VALUE;
      if (number.compareTo(BigDecimal.valueOf(limitLow)) < 0 || number.compareTo(BigDecimal.valueOf(limitHigh)) > 0) {
        add("format." + format, pointer, "Numeric instance " + plain(number) + " is out of the " + format + " range");
      }
    }
  }

  private void array(JsonNode value, JsonNode schema, String pointer) {
    if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
      add("minItems", pointer, "Array is too short: must have at least " + schema.get("minItems").asInt()
          + " elements but instance has " + value.size() + " elements");
    }
    if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
      add("maxItems", pointer, "Array is too long: must have at most " + schema.get("maxItems").asInt()
          + " elements but instance has " + value.size() + " elements");
    }
    if (schema.path("uniqueItems").asBoolean(false)) {
      Set<JsonNode> seen = new HashSet<>();
      for (JsonNode element : value) {
        if (!seen.add(element)) {
          add("uniqueItems", pointer, "Array must not contain duplicate elements");
          break;
        }
      }
    }
    if (schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        check(value.get(i), schema.get("items"), pointer + "/" + i);
      }
    }
  }

  private void object(JsonNode value, JsonNode schema, String pointer) {
    Set<String> missing = new TreeSet<>();
    for (JsonNode name : schema.path("required")) {
      if (!value.has(name.asText())) {
        missing.add(name.asText());
      }
    }
    if (!missing.isEmpty()) {
      add("required", pointer, "Object has missing required properties (" + quoted(missing) + ")");
    }
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.get("additionalProperties");
    Set<String> notAllowed = new TreeSet<>();
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      JsonNode propertySchema = properties.get(field.getKey());
      String at = pointer + "/" + escape(field.getKey());
      if (propertySchema != null) {
        check(field.getValue(), propertySchema, at);
      } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
        notAllowed.add(field.getKey());
      } else if (additional != null && additional.isObject()) {
        check(field.getValue(), additional, at);
      }
    }
    if (!notAllowed.isEmpty()) {
      add("additionalProperties", pointer, "Object instance has properties which are not allowed by the schema: "
          + quoted(notAllowed));
    }
    if (schema.has("minProperties") && value.size() < schema.get("minProperties").asInt()) {
      add("minProperties", pointer, "Object has too few properties (found " + value.size() + " but schema requires at least "
          + schema.get("minProperties").asInt() + ")");
    }
    if (schema.has("maxProperties") && value.size() > schema.get("maxProperties").asInt()) {
      add("maxProperties", pointer, "Object has too many properties (found " + value.size() + " but schema requires at most "
          + schema.get("maxProperties").asInt() + ")");
    }
  }

  private void typeMismatch(JsonNode schema, String kind, String pointer) {
    Set<String> allowed = new TreeSet<>();
    String type = schema.get("type").asText();
    allowed.add(type);
    if (type.equals("number")) {
      allowed.add("integer");
    }
    if (schema.path("nullable").asBoolean(false)) {
      allowed.add("null");
    }
    add("type", pointer, "Instance type (" + kind + ") does not match any allowed primitive type (allowed: "
        + quoted(allowed) + ")");
  }

  private void add(String keyword, String pointer, String message) {
    out.add(prefix + "." + keyword + ": " + (pointer.isEmpty() ? "" : "[Path '" + pointer + "'] ") + message);
  }

  /** The JSON kind of a value, with integers apart from other numbers. */
  public static String kind(JsonNode value) {
    if (value.isObject()) {
      return "object";
    } else if (value.isArray()) {
      return "array";
    } else if (value.isTextual()) {
      return "string";
    } else if (value.isBoolean()) {
      return "boolean";
    } else if (value.isIntegralNumber()) {
      return "integer";
    } else if (value.isNumber()) {
      return "number";
    } else if (value.isNull()) {
      return "null";
    }
    return value.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static boolean typeAllows(String type, String kind) {
    return type.equals(kind) || (type.equals("number") && kind.equals("integer"));
  }

  private static boolean same(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  private static String quoted(Set<String> names) {
    StringBuilder text = new StringBuilder("[");
    for (String name : names) {
      text.append(text.length() > 1 ? "," : "").append('"').append(name).append('"');
    }
    return text.append(']').toString();
  }

  private static String echo(JsonNode value) {
    return value.isTextual() ? "\"" + echo(value.asText()) + "\"" : echo(value.toString());
  }

  /** At most {@value #MAX_ECHO} characters of a value in a message. */
  private static String echo(String text) {
    return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "...";
  }

  private static String plain(BigDecimal number) {
    return number.stripTrailingZeros().toPlainString();
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
