package com.serviceform.sdk.pagination;

import com.serviceform.sdk.api.ChatsApi;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.ChatQuery;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Every chat of a time range, each exactly once, fetched lazily through {@code POST /chats}.
 * Immutable: each {@code with}-style method returns a copy; each {@link #stream()} or {@link
 * #iterator()} is an independent export.
 *
 * <pre>{@code
 * try (Stream<Chat> chats = client.chatHistory(new ChatQuery().showMessages(true))
 *     .from(start).to(end).pageSize(500).stream()) {
 *   chats.forEach(exporter::write);
 * }
 * }</pre>
 *
 * <p>The API has no page tokens, and the order of its results is not documented. The pager asks
 * for the whole range with {@code limit = pageSize}; a window that comes back full is split in
 * halves (at whole seconds) and each half asked again, until no window is full. It never relies
 * on the order of results. Neighbouring windows share their boundary second, so a chat on a
 * boundary is not lost whichever end the server treats as inclusive; it is yielded once (chats are
 * de-duplicated by {@code cid} against the previous window). A one-second window that is still
 * full is asked again with twice the limit, up to {@link #maxPageSize(int)}; if it is full even
 * then, the {@link OverflowPolicy} decides (by default the export fails rather than miss chats).
 *
 * <p>Only one window's chats are held in memory at a time. The other filters of the query ({@code
 * uid}, {@code chatbot}, {@code showMessages}) are sent with every window; each window is one call
 * of the client, with its retries and call timeout.
 */
public final class ChatHistory implements Iterable<Chat> {
  /** The page size unless set: the {@code limit} of each window. */
  public static final int DEFAULT_PAGE_SIZE = 200;

  private final ChatsApi chats;
  private final ChatQuery filters;
  private final OffsetDateTime start;
  private final OffsetDateTime end;
  private final int pageSize;
  private final int maxPageSize;
  private final OverflowPolicy overflowPolicy;

  private ChatHistory(ChatsApi chats, ChatQuery filters, OffsetDateTime start, OffsetDateTime end, int pageSize,
      int maxPageSize, OverflowPolicy overflowPolicy) {
    this.chats = chats;
    this.filters = filters;
    this.start = start;
    this.end = end;
    this.pageSize = pageSize;
    this.maxPageSize = maxPageSize;
    this.overflowPolicy = overflowPolicy;
  }

  /**
   * A pager over {@code chats} with the filters of {@code query}: its {@code uid}, {@code chatbot}
   * and {@code showMessages} go with every window, its {@code startTime}/{@code endTime} are the
   * range unless {@link #from}/{@link #to} set one, its {@code limit} is ignored (see {@link
   * #pageSize}).
   */
  public static ChatHistory of(ChatsApi chats, ChatQuery query) {
    Objects.requireNonNull(chats, "chats == null");
    Objects.requireNonNull(query, "query == null");
    ChatQuery filters = new ChatQuery().uid(query.getUid()).chatbot(query.getChatbot())
        .showMessages(query.getShowMessages());
    return new ChatHistory(chats, filters, query.getStartTime(), query.getEndTime(), DEFAULT_PAGE_SIZE,
        DEFAULT_PAGE_SIZE * 4, OverflowPolicy.FAIL);
  }

  /** The start of the range (the first window's startTime). */
  public ChatHistory from(OffsetDateTime start) {
    return new ChatHistory(chats, filters, Objects.requireNonNull(start, "start == null"), end, pageSize,
        maxPageSize, overflowPolicy);
  }

  /** The start of the range. */
  public ChatHistory from(Instant start) {
    return from(Objects.requireNonNull(start, "start == null").atOffset(ZoneOffset.UTC));
  }

  /** The end of the range (the last window's endTime). */
  public ChatHistory to(OffsetDateTime end) {
    return new ChatHistory(chats, filters, start, Objects.requireNonNull(end, "end == null"), pageSize,
        maxPageSize, overflowPolicy);
  }

  /** The end of the range. */
  public ChatHistory to(Instant end) {
    return to(Objects.requireNonNull(end, "end == null").atOffset(ZoneOffset.UTC));
  }

  /**
   * The {@code limit} of each window (default {@value #DEFAULT_PAGE_SIZE}): at most this many
   * chats are held in memory, and a window returning this many is split. Also sets {@link
   * #maxPageSize} to four times this unless it is already larger.
   */
  public ChatHistory pageSize(int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1, was " + pageSize);
    }
    return new ChatHistory(chats, filters, start, end, pageSize, Math.max(maxPageSize, multiply(pageSize, 4)),
        overflowPolicy);
  }

  /** The largest limit a one-second window that keeps coming back full is asked with. */
  public ChatHistory maxPageSize(int maxPageSize) {
    if (maxPageSize < pageSize) {
      throw new IllegalArgumentException("maxPageSize (" + maxPageSize + ") is below pageSize (" + pageSize + ")");
    }
    return new ChatHistory(chats, filters, start, end, pageSize, maxPageSize, overflowPolicy);
  }

  /** What to do with a window that is full even at {@link #maxPageSize}; default {@link OverflowPolicy#FAIL}. */
  public ChatHistory onOverflow(OverflowPolicy overflowPolicy) {
    return new ChatHistory(chats, filters, start, end, pageSize, maxPageSize,
        Objects.requireNonNull(overflowPolicy, "overflowPolicy == null"));
  }

  /**
   * Starts an export. Nothing is fetched until the first {@code hasNext()}.
   *
   * @throws IllegalArgumentException if the range has no start or end, or ends before it starts
   */
  @Override
  public ChatHistoryCursor iterator() {
    if (start == null || end == null) {
      throw new IllegalArgumentException("the range needs a start and an end: call from(...) and to(...)");
    }
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("the range ends (" + end + ") before it starts (" + start + ")");
    }
    return new ChatHistoryCursor(chats, filters, start, end, pageSize, maxPageSize, overflowPolicy);
  }

  /** A lazy, sequential stream of the range's chats; close it to stop early. */
  public Stream<Chat> stream() {
    ChatHistoryCursor cursor = iterator();
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(cursor,
        Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT), false).onClose(cursor::close);
  }

  private static int multiply(int a, int b) {
    long product = (long) a * b;
    return product > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) product;
  }

  @Override
  public String toString() {
    return "ChatHistory{" + start + " .. " + end + ", pageSize=" + pageSize + ", maxPageSize=" + maxPageSize
        + ", onOverflow=" + overflowPolicy + "}";
  }
}
