package com.serviceform.sdk.pagination;

import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.ChatMessage;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code cid}s an export has returned that a later window can still return: those of the
 * previous window (they share a boundary second), and those of chats with a timestamp at or after
 * the current window's start (a server may filter on any of a chat's times). Everything else is
 * forgotten, so memory does not grow with the export.
 */
final class SeenChats {
  private final Map<String, long[]> byCid = new HashMap<>();
  private long window;

  /** The chats of the next window (starting at {@code start}) that were not returned before. */
  Iterator<Chat> fresh(OffsetDateTime start, List<Chat> chats) {
    window++;
    long startSecond = start.toEpochSecond();
    long previous = window - 1;
    byCid.values().removeIf(seen -> seen[0] < startSecond && seen[1] < previous);
    List<Chat> fresh = new ArrayList<>(chats.size());
    for (Chat chat : chats) {
      String cid = chat.getCid();
      if (cid == null || byCid.putIfAbsent(cid, new long[] {horizon(chat), window}) == null) {
        fresh.add(chat);
      }
    }
    return fresh.iterator();
  }

  /** How many cids are remembered. */
  int size() {
    return byCid.size();
  }

  /** The latest of the chat's times (epoch seconds); without any, it is remembered to the end. */
  static long horizon(Chat chat) {
    long latest = Long.MIN_VALUE;
    latest = max(latest, chat.getChanged());
    latest = max(latest, chat.getLastMessageTime());
    latest = max(latest, chat.getLastLiveMsg());
    latest = max(latest, chat.getAgentJoinedTime());
    latest = max(latest, chat.getLivechatStarted());
    if (chat.getHistory() != null) {
      for (ChatMessage message : chat.getHistory()) {
        if (message != null) {
          latest = max(latest, message.getTimestamp());
        }
      }
    }
    return latest == Long.MIN_VALUE ? Long.MAX_VALUE : latest;
  }

  private static long max(long latest, Long time) {
    return time == null ? latest : Math.max(latest, time);
  }
}
