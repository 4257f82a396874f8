package com.serviceform.sdk.errors;

import java.time.OffsetDateTime;

/**
 * The chat-history pager met a time window it cannot split further (one second wide) that still
 * holds at least as many chats as the largest page it may ask for, so chats in it could be
 * missing. Raise the pager's {@code maxPageSize}, or let it report such windows instead of failing.
 */
public class ChatWindowOverflowException extends ServiceformException {
  private static final long serialVersionUID = 1L;

  private final OffsetDateTime windowStart;
  private final OffsetDateTime windowEnd;
  private final int limit;

  public ChatWindowOverflowException(OffsetDateTime windowStart, OffsetDateTime windowEnd, int limit) {
    super("the chat window " + windowStart + " .. " + windowEnd + " returned " + limit
        + " chats, its limit, and cannot be split further: chats may be missing; raise maxPageSize");
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.limit = limit;
  }

  /** The window's startTime. */
  public OffsetDateTime windowStart() {
    return windowStart;
  }

  /** The window's endTime. */
  public OffsetDateTime windowEnd() {
    return windowEnd;
  }

  /** The limit the window filled. */
  public int limit() {
    return limit;
  }
}
