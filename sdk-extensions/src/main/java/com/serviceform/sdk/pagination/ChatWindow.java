package com.serviceform.sdk.pagination;

import java.time.OffsetDateTime;
import java.util.Objects;

/** A window of {@code POST /chats}: its startTime, endTime and the limit it was asked with. */
public final class ChatWindow {
  private final OffsetDateTime start;
  private final OffsetDateTime end;
  private final int limit;

  ChatWindow(OffsetDateTime start, OffsetDateTime end, int limit) {
    this.start = start;
    this.end = end;
    this.limit = limit;
  }

  public OffsetDateTime start() {
    return start;
  }

  public OffsetDateTime end() {
    return end;
  }

  public int limit() {
    return limit;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ChatWindow)) {
      return false;
    }
    ChatWindow that = (ChatWindow) o;
    return limit == that.limit && start.equals(that.start) && end.equals(that.end);
  }

  @Override
  public int hashCode() {
    return Objects.hash(start, end, limit);
  }

  @Override
  public String toString() {
    return "ChatWindow{" + start + " .. " + end + ", limit=" + limit + "}";
  }
}
