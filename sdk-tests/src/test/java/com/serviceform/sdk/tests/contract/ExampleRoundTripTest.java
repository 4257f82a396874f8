package com.serviceform.sdk.tests.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.serviceform.sdk.internal.ObjectMappers;
import com.serviceform.sdk.model.Item;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example in the spec deserialises into its generated model and serialises back to
 * equivalent JSON: no field lost, custom fields included. Read with the SDK's own mapper.
 */
class ExampleRoundTripTest {
  static final ObjectMapper SDK = ObjectMappers.create();

  static Stream<SpecDocument.Example> examples() {
    return SpecDocument.PACKAGED.examples().stream();
  }

  @Test
  void everyRequestBodyAndEveryOkResponseHasAnExample() {
    List<SpecDocument.Example> examples = SpecDocument.PACKAGED.examples();
    // Every 200 body and every request body of the spec, whatever their number.
    assertFalse(examples.isEmpty());
    for (SpecDocument.Example example : examples) {
      assertFalse(example.value.isMissingNode() || example.value.isNull(), example.where + " has no example");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void exampleRoundTripsThroughItsModel(SpecDocument.Example example) throws Exception {
    JavaType type = javaType(example.schema);
    Object model = SDK.readerFor(type).readValue(SDK.writeValueAsBytes(example.value));
    JsonNode back = SDK.readTree(SDK.writeValueAsBytes(model));
    assertEquivalent(example.where, example.value, back);
  }

  @Test
  void customFieldsSurviveTheRoundTrip() throws Exception {
    JsonNode example = SpecDocument.PACKAGED.examples().stream().filter(e -> e.where.equals("getItem 200"))
        .findFirst().orElseThrow().value;
    Item item = SDK.readerFor(Item.class).readValue(SDK.writeValueAsBytes(example));
    assertEquals(Map.of("value", "open", "label", "Open"), item.getAdditionalProperty("status"));
    assertEquals(15000, item.getAdditionalProperty("budget_eur"));
  }

  private static JavaType javaType(JsonNode schema) throws ClassNotFoundException {
    if (schema.has("$ref")) {
      return SDK.constructType(model(schema.get("$ref").asText()));
    }
    if ("array".equals(schema.path("type").asText())) {
      return SDK.getTypeFactory().constructCollectionType(List.class, javaType(schema.get("items")).getRawClass());
    }
    throw new AssertionError("no model for schema " + schema);
  }

  private static Class<?> model(String ref) throws ClassNotFoundException {
    return Class.forName("com.serviceform.sdk.model." + ref.substring(ref.lastIndexOf('/') + 1));
  }

  /**
   * Everything in the example is in the output with an equal value (numbers by value, so 30 equals
   * 30.0); the output may add only empty lists or maps the model initialises.
   */
  static void assertEquivalent(String where, JsonNode expected, JsonNode actual) {
    if (expected.isNumber() && actual.isNumber()) {
      assertEquals(0, expected.decimalValue().compareTo(actual.decimalValue()), where);
      return;
    }
    if (expected.isObject()) {
      assertTrue(actual.isObject(), where + " is not an object: " + actual);
      Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (!actual.has(field.getKey())) {
          fail(where + "." + field.getKey() + " was lost");
        }
        assertEquivalent(where + "." + field.getKey(), field.getValue(), actual.get(field.getKey()));
      }
      Iterator<Map.Entry<String, JsonNode>> extra = actual.fields();
      while (extra.hasNext()) {
        Map.Entry<String, JsonNode> field = extra.next();
        if (!expected.has(field.getKey())) {
          assertTrue(field.getValue().isContainerNode() && field.getValue().isEmpty(),
              where + "." + field.getKey() + " appeared: " + field.getValue());
        }
      }
      return;
    }
    if (expected.isArray()) {
      assertTrue(actual.isArray(), where + " is not an array: " + actual);
      assertEquals(expected.size(), actual.size(), where + " size");
      for (int i = 0; i < expected.size(); i++) {
        assertEquivalent(where + "[" + i + "]", expected.get(i), actual.get(i));
      }
      return;
    }
    if (expected.isTextual() && actual.isTextual() && isDateTime(expected.asText()) && isDateTime(actual.asText())) {
      // 06:02:10.000Z and 06:02:10Z are the same instant.
      assertEquals(java.time.OffsetDateTime.parse(expected.asText()).toInstant(),
          java.time.OffsetDateTime.parse(actual.asText()).toInstant(), where);
      return;
    }
    assertEquals(expected, actual, where);
  }

  private static boolean isDateTime(String text) {
    try {
      java.time.OffsetDateTime.parse(text);
      return true;
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }
}
