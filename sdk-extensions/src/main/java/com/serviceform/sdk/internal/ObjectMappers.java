package com.serviceform.sdk.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one Jackson configuration the SDK reads and writes the API's JSON with. */
public final class ObjectMappers {
  /**
   * One mapper for every client of the JVM: its configuration never changes after it is built,
   * and sharing it shares Jackson's per-type caches, so a second client costs no warm-up.
   */
  private static final ObjectMapper SHARED = create();

  private ObjectMappers() {}

  /** The mapper all clients read and write with; do not reconfigure it. */
  public static ObjectMapper shared() {
    return SHARED;
  }

  /**
   * A new mapper: unknown properties are ignored (or kept, on models with additional properties),
   * unknown enum values read as null, unset fields are not written, date-times keep the offset the
   * server sent and are written as ISO 8601 strings, and trailing garbage after the JSON value is
   * an error.
   */
  public static ObjectMapper create() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .build();
  }
}
