package com.serviceform.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.retry.RetryPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Per-request options: what may be set, and how views merge them. */
class RequestOptionsTest {
  @ParameterizedTest
  @ValueSource(strings = {"sf-api-key", "SF-API-KEY", "Host", "Content-Length", "Content-Type", "User-Agent",
      "Transfer-Encoding", "Connection"})
  void headersTheClientSetsItselfAreRefused(String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RequestOptions.builder().header(name, "x"));
    assertTrue(e.getMessage().contains("sets " + name + " itself"), e.getMessage());
  }

  @Test
  void headerNamesMustBeTokensAndValuesHoldNoLineBreak() {
    assertThrows(IllegalArgumentException.class, () -> RequestOptions.builder().header("Bad Name", "x"));
    assertThrows(IllegalArgumentException.class, () -> RequestOptions.builder().header("", "x"));
    IllegalArgumentException split = assertThrows(IllegalArgumentException.class,
        () -> RequestOptions.builder().header("X-Id", "a\r\nsf-api-key: stolen"));
    assertTrue(split.getMessage().contains("control character at index 1"), split.getMessage());
  }

  @Test
  void laterOptionsWinPerSettingAndHeadersMergeByName() {
    RequestOptions first = RequestOptions.builder().callTimeout(Duration.ofSeconds(5)).header("X-A", "1")
        .header("X-B", "1").build();
    RequestOptions second = RequestOptions.builder().noRetries().header("x-b", "2").build();
    RequestOptions merged = first.merge(second);
    assertEquals(Optional.of(Duration.ofSeconds(5)), merged.callTimeout());
    assertEquals(Optional.of(RetryPolicy.none()), merged.retryPolicy());
    assertEquals(Map.of("X-A", "1", "x-b", "2"), merged.headers());

    RequestOptions unbounded = merged.merge(RequestOptions.builder().callTimeout(null).build());
    assertTrue(unbounded.hasCallTimeout());
    assertEquals(Optional.empty(), unbounded.callTimeout(), "set to none");
    assertFalse(RequestOptions.none().hasCallTimeout());
  }

  @Test
  void toStringShowsHeaderNamesNotValues() {
    String text = RequestOptions.builder().header("Authorization-Token", "secret-value").build().toString();
    assertTrue(text.contains("Authorization-Token"), text);
    assertFalse(text.contains("secret-value"), text);
  }
}
