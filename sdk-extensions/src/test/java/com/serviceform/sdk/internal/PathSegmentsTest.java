package com.serviceform.sdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A path parameter is exactly one segment, and never one that names another path. */
class PathSegmentsTest {
  @Test
  void unreservedCharactersPassEverythingElseIsEncoded() {
    assertEquals("AZaz09-._~", PathSegments.encode("id", "AZaz09-._~"));
    assertEquals("a%2Fb", PathSegments.encode("id", "a/b"));
    assertEquals("a%252Fb", PathSegments.encode("id", "a%2Fb"));
    assertEquals("a%20b%3Fc%23d", PathSegments.encode("id", "a b?c#d"));
    assertEquals("%C3%A4", PathSegments.encode("id", "\u00e4"));
    assertEquals("...", PathSegments.encode("id", "..."));
  }

  @ParameterizedTest
  @ValueSource(strings = {".", "..", "%2E", "%2e%2E", "%252E%252E", "%25252e"})
  void dotSegmentsInAnyEncodingAreRefused(String value) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PathSegments.encode("itemId", value));
    assertTrue(e.getMessage().startsWith("itemId is a dot segment"), e.getMessage());
  }

  @Test
  void anEmptyValueIsRefused() {
    assertEquals("spaceId is empty; a path parameter needs a value",
        assertThrows(IllegalArgumentException.class, () -> PathSegments.encode("spaceId", "")).getMessage());
  }
}
