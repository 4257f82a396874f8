package com.serviceform.sdk.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import feign.RequestTemplate;
import feign.codec.Encoder;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/** Writes request bodies as UTF-8 JSON bytes. */
public final class JsonEncoder implements Encoder {
  private final ObjectWriter writer;

  public JsonEncoder(ObjectMapper mapper) {
    this.writer = mapper.writer();
  }

  @Override
  public void encode(Object object, Type bodyType, RequestTemplate template) {
    try {
      template.body(writer.writeValueAsBytes(object), StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "the request body cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }
}
