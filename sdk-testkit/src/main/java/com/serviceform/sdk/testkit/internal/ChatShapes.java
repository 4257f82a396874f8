package com.serviceform.sdk.testkit.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks chats against the spec by shape, so that loading ten thousand chats costs milliseconds
 * instead of seconds of schema validation.
 *
 * <p>The spec's Chat and ChatMessage schemas constrain only which properties exist, their JSON
 * types, {@code nullable}, and that {@code cid} is required: no enums, patterns, lengths or bounds
 * (ChatShapesTest fails if that changes). Whether a chat conforms therefore depends only on its
 * shape: the set of (property, JSON kind) pairs at the top and within its messages. Each shape is
 * validated once with the real validator, on the first chat that has it.
 */
final class ChatShapes {

  private ChatShapes() {}

  /**
   * Throws unless the chat's JSON conforms to the spec as an element of a {@code searchChats}
   * answer.
   */
  static void check(SpecChecks validator, ChatEntry entry) {
    byte[] json = entry.json(true);
    String shape = shape(json);
    if (validator.conformingChatShapes.contains(shape)) {
      return;
    }
    String array = "[" + new String(json, StandardCharsets.UTF_8) + "]";
    List<String> problems = validator.componentArray("Chat", array);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("seed data: chat '" + entry.cid() + "' does not conform to the spec: "
          + String.join("; ", problems));
    }
    validator.conformingChatShapes.add(shape);
  }

  /** The (property, kind) pairs of the chat and of its messages, as one string. */
  static String shape(byte[] json) {
    Set<String> top = new TreeSet<>();
    Set<String> messages = new TreeSet<>();
    try (JsonParser parser = Json.MAPPER.getFactory().createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return "<not an object>";
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        top.add(name + ":" + kind(value));
        if (name.equals("history") && value == JsonToken.START_ARRAY) {
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() == JsonToken.START_OBJECT) {
              while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                messages.add(field + ":" + kind(parser.nextToken()));
                parser.skipChildren();
              }
            } else {
              messages.add("<" + kind(parser.currentToken()) + ">");
              parser.skipChildren();
            }
          }
        } else {
          parser.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return top + "|" + messages;
  }

  private static String kind(JsonToken token) {
    switch (token) {
      case VALUE_NUMBER_INT:
        return "integer";
      case VALUE_NUMBER_FLOAT:
        return "number";
      case VALUE_STRING:
        return "string";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "boolean";
      case VALUE_NULL:
        return "null";
      case START_OBJECT:
        return "object";
      case START_ARRAY:
        return "array";
      default:
        return token.name();
    }
  }
}
