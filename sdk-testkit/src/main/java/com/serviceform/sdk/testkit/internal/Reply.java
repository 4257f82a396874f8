package com.serviceform.sdk.testkit.internal;

import com.serviceform.sdk.testkit.SandboxFault;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the engine answers: a status, headers and a JSON body, or a connection reset. */
public final class Reply {
  private final int status;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final byte[] body;
  private final boolean reset;
  private Duration delay = Duration.ZERO;
  private String validateAs;
  private List<String> requestProblems = List.of();

  private Reply(int status, byte[] body, boolean reset) {
    this.status = status;
    this.body = body;
    this.reset = reset;
    if (!reset) {
      headers.put("Content-Type", "application/json");
    }
  }

  public static Reply json(int status, byte[] body) {
    return new Reply(status, body, false);
  }

  public static Reply error(int status, String message) {
    return new Reply(status, Json.error(message), false);
  }

  public static Reply fault(SandboxFault fault) {
    if (fault.isConnectionReset()) {
      return new Reply(0, new byte[0], true);
    }
    Reply reply = error(fault.status(), "fault injected by the sandbox (HTTP " + fault.status() + ")");
    fault.headers().forEach(reply::header);
    return reply;
  }

  /** An answer with no body. */
  public static Reply empty(int status) {
    Reply reply = new Reply(status, new byte[0], false);
    reply.headers.remove("Content-Type");
    return reply;
  }

  /**
   * Validate this answer against the spec as if its body were {@code body}: for answers whose
   * parts were each checked when they were loaded (chats), so that only the envelope is left.
   */
  Reply validateAs(String body) {
    this.validateAs = body;
    return this;
  }

  /** The body the spec check sees. */
  String validationBody() {
    return validateAs != null ? validateAs : bodyText();
  }

  /** Problems of the request that the handler found (custom fields), recorded as violations. */
  Reply requestProblems(List<String> problems) {
    this.requestProblems = List.copyOf(problems);
    return this;
  }

  List<String> requestProblems() {
    return requestProblems;
  }

  public Reply header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  Reply delay(Duration delay) {
    this.delay = delay;
    return this;
  }

  public int status() {
    return status;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public byte[] body() {
    return body;
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Whether to reset the connection instead of answering. */
  public boolean isConnectionReset() {
    return reset;
  }

  public Duration delay() {
    return delay;
  }
}
