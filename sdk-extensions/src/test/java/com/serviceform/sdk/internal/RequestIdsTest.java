package com.serviceform.sdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.serviceform.sdk.errors.NotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestIdsTest {
  @Test
  void theFirstKnownHeaderInOrderWinsWhateverTheCase() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("CF-Ray", List.of("ray-1"));
    headers.put("X-Correlation-Id", List.of("corr-1"));
    assertEquals("corr-1", RequestIds.find(headers));
    headers.put("x-REQUEST-id", List.of("  req-1 "));
    assertEquals("req-1", RequestIds.find(headers));
  }

  @Test
  void noneEmptyControlCharactersAndOverlongValues() {
    assertNull(RequestIds.find(Map.of()));
    assertNull(RequestIds.find(null));
    assertNull(RequestIds.find(Map.of("x-request-id", List.of(" "))));
    assertNull(RequestIds.find(Map.of("x-request-id", List.of("a\u0001b"))));
    assertEquals(RequestIds.MAX_LENGTH, RequestIds.find(Map.of("request-id", List.of("r".repeat(1000)))).length());
    assertEquals("ray", RequestIds.find(Map.of("x-request-id", List.of(""), "cf-ray", List.of("ray"))));
  }

  @Test
  void apiExceptionsCarryIt() {
    NotFoundException e = new NotFoundException(404, Map.of("x-amz-cf-id", List.of("cf-1")), "", "GET", "http://h/x", 1);
    assertEquals("cf-1", e.requestId().orElseThrow());
    assertEquals(RequestIds.HEADERS, com.serviceform.sdk.errors.ServiceformException.REQUEST_ID_HEADERS);
  }
}
