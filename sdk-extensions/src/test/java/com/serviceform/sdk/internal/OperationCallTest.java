package com.serviceform.sdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.RequestOptions;
import com.serviceform.sdk.api.ChatsApi;
import com.serviceform.sdk.api.FlexApi;
import com.serviceform.sdk.api.StatisticsApi;
import com.serviceform.sdk.api.StatisticsApi.GetChatStatisticsParams;
import com.serviceform.sdk.model.ChatQuery;
import com.serviceform.sdk.model.ItemInput;
import feign.Request;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How each generated method's request is built: the URL (path pieces in path order, one encoded
 * segment per argument, query parameters by name, date-times as RFC 3339 with seconds, lists
 * exploded), the headers compiled once, the body, and the one check of required arguments.
 */
class OperationCallTest {
  private static final String BASE = "https://api.example/v1";
  private static final ClientSettings SETTINGS = settings();

  private static ClientSettings settings() {
    ClientSettings.Builder b = ClientSettings.builder();
    b.apiKey = "the-key";
    b.baseUrl = BASE;
    return b.build();
  }

  private static OperationCall call(Class<?> api, String name, Class<?>... parameters) throws Exception {
    for (OperationCall call : OperationCall.compile(api, BASE, "the-key", "ua/1", ObjectMappers.shared())) {
      if (call.method.equals(api.getMethod(name, parameters))) {
        return call;
      }
    }
    throw new AssertionError(name);
  }

  @Test
  void pathArgumentsAreOneEncodedSegmentEachInPathOrder() throws Exception {
    OperationCall getItem = call(FlexApi.class, "getItem", String.class, String.class);
    Request request = getItem.request(new Object[] {"sp/1", "it 2"}, CallSettings.of(SETTINGS));
    assertEquals(Request.HttpMethod.GET, request.httpMethod());
    assertEquals(BASE + "/flex/spaces/sp%2F1/items/it%202", request.url());
    assertNull(request.body());
    assertEquals("getItem", getItem.operationId);
    assertTrue(getItem.retrySafe);
  }

  @Test
  void theHeadersAreTheOperationsPlusKeyAndUserAgent() throws Exception {
    Request request = call(FlexApi.class, "listSpaces").request(null, CallSettings.of(SETTINGS));
    Map<String, Collection<String>> headers = request.headers();
    assertEquals(List.of("the-key"), List.copyOf(headers.get("sf-api-key")));
    assertEquals(List.of("ua/1"), List.copyOf(headers.get("User-Agent")));
    assertEquals(List.of("application/json"), List.copyOf(headers.get("Accept")));
  }

  @Test
  void queryParametersGoByNameDateTimesWithSecondsListsExploded() throws Exception {
    OperationCall stats = call(StatisticsApi.class, "getChatStatistics", GetChatStatisticsParams.class);
    GetChatStatisticsParams params = GetChatStatisticsParams.builder()
        .endTime(OffsetDateTime.parse("2024-09-01T12:30:00+02:00"))
        .addMetric("totalChats").addMetric("chats by source")
        .startTime(OffsetDateTime.parse("2024-08-01T00:00Z"))
        .build();
    Request request = stats.request(new Object[] {params}, CallSettings.of(SETTINGS));
    // The spec's order, whatever order they were set in.
    assertEquals(BASE + "/statistics/chat?startTime=2024-08-01T00%3A00%3A00Z&endTime=2024-09-01T12%3A30%3A00%2B02%3A00"
        + "&metrics=totalChats&metrics=chats%20by%20source", request.url());
    assertEquals(BASE + "/statistics/chat", call(StatisticsApi.class, "getChatStatistics")
        .request(new Object[0], CallSettings.of(SETTINGS)).url(), "the plain form sends no query");
  }

  @Test
  void theBodyIsWrittenAsJsonWithOnlyWhatWasSet() throws Exception {
    ItemInput input = new ItemInput().primaryField("Acme");
    input.putAdditionalProperty("status", "open");
    Request request = call(FlexApi.class, "createItem", String.class, ItemInput.class)
        .request(new Object[] {"sp-1", input}, CallSettings.of(SETTINGS));
    assertEquals(Request.HttpMethod.POST, request.httpMethod());
    assertEquals("{\"primary_field\":\"Acme\",\"status\":\"open\"}", new String(request.body(), StandardCharsets.UTF_8));
    assertEquals(List.of("application/json"), List.copyOf(request.headers().get("Content-Type")));
  }

  @Test
  void requiredArgumentsAreCheckedInOnePlaceNamingTheArgument() throws Exception {
    CallSettings settings = CallSettings.of(SETTINGS);
    assertEquals("itemId is required but was null", assertThrows(IllegalArgumentException.class,
        () -> call(FlexApi.class, "getItem", String.class, String.class).request(new Object[] {"sp", null}, settings))
        .getMessage());
    assertEquals("the request body is required but was null", assertThrows(IllegalArgumentException.class,
        () -> call(ChatsApi.class, "searchChats", ChatQuery.class).request(new Object[] {null}, settings))
        .getMessage());
    assertEquals("params is required but was null: pass GetChatStatisticsParams.builder()...build()",
        assertThrows(IllegalArgumentException.class, () -> call(StatisticsApi.class, "getChatStatistics",
            GetChatStatisticsParams.class).request(new Object[] {null}, settings)).getMessage());
  }

  @Test
  void extraHeadersOfAViewAreAddedToItsRequestsOnly() throws Exception {
    OperationCall listSpaces = call(FlexApi.class, "listSpaces");
    CallSettings view = CallSettings.of(SETTINGS, RequestOptions.builder().header("X-Correlation-Id", "c-42").build());
    assertEquals(List.of("c-42"), List.copyOf(listSpaces.request(null, view).headers().get("X-Correlation-Id")));
    assertNull(listSpaces.request(null, CallSettings.of(SETTINGS)).headers().get("X-Correlation-Id"));
  }
}
