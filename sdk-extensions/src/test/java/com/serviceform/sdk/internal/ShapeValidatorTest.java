package com.serviceform.sdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.serviceform.sdk.events.MismatchKind;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The response validator's core against the spec's own response schemas (response-schemas.json). */
class ShapeValidatorTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final ResponseSchemas SCHEMAS = ResponseSchemas.load();

  static ShapeValidator.Result validate(String operationId, String body) throws Exception {
    JsonNode tree = JSON.readTree(body.replace('\'', '"'));
    return ShapeValidator.validate(SCHEMAS.response(operationId).schema, tree, name -> name.replace("SECRET", "<redacted>"));
  }

  static List<String> describe(ShapeValidator.Result result) {
    return result.findings.stream()
        .map(f -> f.path + " " + f.kind + " " + f.expected + " / " + f.actual + " " + Arrays.toString(f.curations))
        .collect(Collectors.toList());
  }

  @Test
  void theGeneratedDescriptionCoversEveryOperationAndNamesTheCurations() {
    assertEquals(List.of("listSpaces", "listItems", "createItem", "getItem", "updateItem", "deleteItem", "listLeads",
        "searchChats", "getChatStatistics"), List.copyOf(SCHEMAS.responses().keySet()));
    assertEquals("listSpaces answers an array of Space", SCHEMAS.curationTitles().get("1"));
    assertTrue(SCHEMAS.response("createItem").emptyBodyAllowed);
    assertEquals("1.0.1", SCHEMAS.specVersion());
  }

  @Test
  void aDocumentThatMatchesHasNoFindingsAndSaysWhichDecisionsItReached() throws Exception {
    ShapeValidator.Result result = validate("searchChats", "[{'cid':'c1','changed':1700000000,'agentName':null,"
        + "'livechat':1,'history':[{'id':'m','timestamp':1700000001}]}]");
    assertEquals(List.of(), describe(result));
    assertEquals(List.of(9, 10, 15, 16), result.curationsExercised);
  }

  @Test
  void isoDatesWhereEpochSecondsAreDocumentedRefuteDecisionNine() throws Exception {
    ShapeValidator.Result result = validate("searchChats",
        "[{'cid':'c1','changed':'2024-08-01T10:00:00Z'},{'cid':'c2','changed':'2024-08-01T11:00:00Z',"
            + "'history':[{'timestamp':'1700000000'}]}]");
    assertEquals(List.of("$[*].changed TYPE_MISMATCH integer/int64 / string(date-time) [9]",
        "$[*].history[*].timestamp TYPE_MISMATCH integer/int64 / string(integer) [9]"), describe(result),
        "each place once however many chats hit it");
  }

  @Test
  void anObjectWhereTheSpecSaysArrayRefutesDecisionOne() throws Exception {
    assertEquals(List.of("$ TYPE_MISMATCH array / object [1]"), describe(validate("listSpaces", "{'id':'s1'}")));
  }

  @Test
  void undocumentedFieldsAreReportedExceptWhereExtraPropertiesAreDocumented() throws Exception {
    assertEquals(List.of("$[*].colour UNDOCUMENTED_FIELD a declared property / string []"),
        describe(validate("listSpaces", "[{'id':'s1','colour':'red'}]")));
    assertEquals(List.of(), describe(validate("listItems", "[{'id':'i1','status':{'value':'open'},'budget_eur':5}]")),
        "custom fields of an item are documented (decision 7)");
    assertEquals(List.of(7, 15), validate("listItems", "[{'id':'i1'}]").curationsExercised);
  }

  @Test
  void missingRequiredFieldsUnexpectedNullsAndFormats() throws Exception {
    assertEquals(List.of("$[*].id MISSING_REQUIRED present / absent [15]"),
        describe(validate("listLeads", "[{'email':'a@b.c'}]")));
    assertEquals(List.of("$[*].changed UNEXPECTED_NULL not null / null [9]"),
        describe(validate("searchChats", "[{'cid':'c','changed':null}]")));
    assertEquals(List.of("$.created FORMAT_MISMATCH string/date-time / string [14]"),
        describe(validate("getItem", "{'id':'i','created':'yesterday'}")));
    assertEquals(List.of("$[*].livechat FORMAT_MISMATCH integer/int32 / integer(out of range) [10]",
        "$[*].changed FORMAT_MISMATCH integer/int64 / number(fraction) [9]"),
        describe(validate("searchChats", "[{'cid':'c','livechat':10000000000,'changed':1.5}]")));
    assertEquals(List.of("$.chatsBySource.* TYPE_MISMATCH integer/int64 / string []"),
        describe(validate("getChatStatistics", "{'chatsBySource':{'web':'many','app':3}}")));
  }

  @Test
  void findingsHoldPathsAndTypesButNeverValuesAndNamesAreMadeSafe() throws Exception {
    ShapeValidator.Result result = validate("listSpaces",
        "[{'id':42,'name':'Customer Jane Doe +358401234567','SECRET-field':'x'}]");
    String all = describe(result).toString();
    assertEquals(List.of("$[*].id TYPE_MISMATCH string / integer [15]",
        "$[*]['<redacted>-field'] UNDOCUMENTED_FIELD a declared property / string []").toString(), all);
    assertFalse(all.contains("Jane") || all.contains("358") || all.contains("42 ") || all.contains("SECRET"));
  }

  @Test
  void aHostileDocumentGivesABoundedReport() throws Exception {
    StringBuilder body = new StringBuilder("[{'id':'s'");
    for (int i = 0; i < 500; i++) {
      body.append(",'f").append(i).append("':1");
    }
    body.append("}]");
    assertEquals(ShapeValidator.MAX_FINDINGS, validate("listSpaces", body.toString()).findings.size());
    String longName = "n".repeat(1000);
    String path = validate("listSpaces", "[{'id':'s','" + longName + "':1}]").findings.get(0).path;
    assertTrue(path.length() < 100, path);
  }
}
