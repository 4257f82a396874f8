package com.serviceform.sdk.pagination;

import com.serviceform.sdk.api.ChatsApi;
import com.serviceform.sdk.errors.ChatWindowOverflowException;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.ChatQuery;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * One export of a {@link ChatHistory}: an iterator that fetches windows as it is consumed. Not
 * thread-safe. After {@link #close()} it fetches nothing more.
 */
public final class ChatHistoryCursor implements Iterator<Chat>, AutoCloseable {
  private final ChatsApi chats;
  private final ChatQuery filters;
  private final int maxPageSize;
  private final OverflowPolicy overflowPolicy;
  private final Deque<ChatWindow> pending = new ArrayDeque<>();
  private final List<ChatWindow> overflowed = new ArrayList<>();
  private Iterator<Chat> page = Collections.emptyIterator();
  private Set<String> previousPageCids = Set.of();
  private int requests;
  private boolean closed;

  ChatHistoryCursor(ChatsApi chats, ChatQuery filters, OffsetDateTime start, OffsetDateTime end, int pageSize,
      int maxPageSize, OverflowPolicy overflowPolicy) {
    this.chats = chats;
    this.filters = filters;
    this.maxPageSize = maxPageSize;
    this.overflowPolicy = overflowPolicy;
    pending.add(new ChatWindow(start, end, pageSize));
  }

  @Override
  public boolean hasNext() {
    while (!page.hasNext()) {
      if (closed || pending.isEmpty()) {
        return false;
      }
      fetch(pending.pollFirst());
    }
    return true;
  }

  @Override
  public Chat next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return page.next();
  }

  /** How many {@code POST /chats} requests this export has made so far. */
  public int requestCount() {
    return requests;
  }

  /** Windows that were still full at the largest page, under {@link OverflowPolicy#REPORT}. */
  public List<ChatWindow> overflowedWindows() {
    return List.copyOf(overflowed);
  }

  /** Stops the export: nothing more is fetched. */
  @Override
  public void close() {
    closed = true;
    pending.clear();
    page = Collections.emptyIterator();
  }

  private void fetch(ChatWindow window) {
    ChatQuery query = new ChatQuery().uid(filters.getUid()).chatbot(filters.getChatbot())
        .showMessages(filters.getShowMessages()).startTime(window.start()).endTime(window.end())
        .limit(window.limit());
    requests++;
    List<Chat> result = chats.searchChats(query);
    if (result.size() >= window.limit()) {
      OffsetDateTime middle = middle(window.start(), window.end());
      if (middle != null) {
        // Left half first, so windows are consumed in time order; both share the middle second.
        pending.addFirst(new ChatWindow(middle, window.end(), window.limit()));
        pending.addFirst(new ChatWindow(window.start(), middle, window.limit()));
        return;
      }
      if (window.limit() < maxPageSize) {
        int larger = (int) Math.min(maxPageSize, (long) window.limit() * 2);
        pending.addFirst(new ChatWindow(window.start(), window.end(), larger));
        return;
      }
      if (overflowPolicy == OverflowPolicy.FAIL) {
        close();
        throw new ChatWindowOverflowException(window.start(), window.end(), window.limit());
      }
      overflowed.add(window);
    }
    Set<String> cids = new HashSet<>(result.size() * 2);
    List<Chat> fresh = new ArrayList<>(result.size());
    for (Chat chat : result) {
      String cid = chat.getCid();
      if (cid == null || (!previousPageCids.contains(cid) && cids.add(cid))) {
        fresh.add(chat);
      }
    }
    previousPageCids = cids;
    page = fresh.iterator();
  }

  /** The whole second halfway through the window, or null when it is one second wide or less. */
  static OffsetDateTime middle(OffsetDateTime start, OffsetDateTime end) {
    Duration width = Duration.between(start, end);
    if (width.compareTo(Duration.ofSeconds(1)) <= 0) {
      return null;
    }
    OffsetDateTime middle = start.plusSeconds(Math.max(1, width.getSeconds() / 2)).truncatedTo(ChronoUnit.SECONDS)
        .withOffsetSameInstant(ZoneOffset.UTC);
    if (!middle.isAfter(start) || !middle.isBefore(end)) {
      return null;
    }
    return middle;
  }
}
