package com.serviceform.sdk.pagination;

import com.serviceform.sdk.api.ChatsApi;
import com.serviceform.sdk.internal.ChatStreams;
import com.serviceform.sdk.internal.ChatWindowSource;
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
 * for the whole range with {@code limit = pageSize}; while windows come back full it narrows them,
 * and once it has seen how densely chats lie it sizes each next window to hold a little less than
 * a page. It never relies on the order of results. Neighbouring windows share their boundary
 * second, so a chat on a boundary is not lost whichever end the server treats as inclusive; each
 * {@code cid} is returned once. A one-second window that is still full is asked again with twice
 * the limit, up to {@link #maxPageSize(int)}; if it is full even then, the {@link OverflowPolicy}
 * decides (by default the export fails rather than miss chats). A server that silently returns
 * fewer chats than asked is detected on the first window that is neither full nor empty (see
 * {@link #serverPageCap(int)}).
 *
 * <p>Memory holds at most {@link #concurrency(int)} windows' chats (each at most {@code
 * maxPageSize}), plus the {@code cid}s that can still come back. Through {@code
 * ServiceformClient.chatHistory} each answer is decoded element by element and reading stops at the
 * window's limit, so a server that ignores {@code limit} costs no memory (the window counts as
 * full). The other filters of the query ({@code uid}, {@code chatbot}, {@code showMessages}) are
 * sent with every window; each window is one call of the client, with its retries and call timeout.
 */
public final class ChatHistory implements Iterable<Chat> {
  /** The page size unless set: the {@code limit} of each window. */
  public static final int DEFAULT_PAGE_SIZE = 200;

  private final ChatWindowSource source;
  private final ChatQuery filters;
  private final OffsetDateTime start;
  private final OffsetDateTime end;
  private final int pageSize;
  private final int maxPageSize;
  private final OverflowPolicy overflowPolicy;
  private final int serverPageCap;
  private final int maxRequests;
  private final int concurrency;

  private ChatHistory(ChatWindowSource source, ChatQuery filters, OffsetDateTime start, OffsetDateTime end,
      int pageSize, int maxPageSize, OverflowPolicy overflowPolicy, int serverPageCap, int maxRequests,
      int concurrency) {
    this.source = source;
    this.filters = filters;
    this.start = start;
    this.end = end;
    this.pageSize = pageSize;
    this.maxPageSize = maxPageSize;
    this.overflowPolicy = overflowPolicy;
    this.serverPageCap = serverPageCap;
    this.maxRequests = maxRequests;
    this.concurrency = concurrency;
  }

  /**
   * A pager over {@code chats} with the filters of {@code query}: its {@code uid}, {@code chatbot}
   * and {@code showMessages} go with every window, its {@code startTime}/{@code endTime} are the
   * range unless {@link #from}/{@link #to} set one, its {@code limit} is ignored (see {@link
   * #pageSize}). With the client's own {@code ChatsApi} (as {@code client.chatHistory(query)}
   * passes it) answers are decoded element by element; any other {@code ChatsApi} decodes each
   * answer whole before the pager reads its first {@code limit} chats.
   */
  public static ChatHistory of(ChatsApi chats, ChatQuery query) {
    Objects.requireNonNull(chats, "chats == null");
    Objects.requireNonNull(query, "query == null");
    ChatQuery filters = new ChatQuery().uid(query.getUid()).chatbot(query.getChatbot())
        .showMessages(query.getShowMessages());
    return new ChatHistory(ChatStreams.decodedWhole(chats), filters, query.getStartTime(), query.getEndTime(),
        DEFAULT_PAGE_SIZE, DEFAULT_PAGE_SIZE * 4, OverflowPolicy.FAIL, 0, Integer.MAX_VALUE, 1);
  }

  /** The start of the range (the first window's startTime). */
  public ChatHistory from(OffsetDateTime start) {
    return new ChatHistory(source, filters, Objects.requireNonNull(start, "start == null"), end, pageSize,
        maxPageSize, overflowPolicy, serverPageCap, maxRequests, concurrency);
  }

  /** The start of the range. */
  public ChatHistory from(Instant start) {
    return from(Objects.requireNonNull(start, "start == null").atOffset(ZoneOffset.UTC));
  }

  /** The end of the range (the last window's endTime). */
  public ChatHistory to(OffsetDateTime end) {
    return new ChatHistory(source, filters, start, Objects.requireNonNull(end, "end == null"), pageSize,
        maxPageSize, overflowPolicy, serverPageCap, maxRequests, concurrency);
  }

  /** The end of the range. */
  public ChatHistory to(Instant end) {
    return to(Objects.requireNonNull(end, "end == null").atOffset(ZoneOffset.UTC));
  }

  /**
   * The {@code limit} of each window (default {@value #DEFAULT_PAGE_SIZE}): a window returning this
   * many is full and is narrowed. Also sets {@link #maxPageSize} to four times this unless it is
   * already larger.
   */
  public ChatHistory pageSize(int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1, was " + pageSize);
    }
    return new ChatHistory(source, filters, start, end, pageSize, Math.max(maxPageSize, multiply(pageSize, 4)),
        overflowPolicy, serverPageCap, maxRequests, concurrency);
  }

  /** The largest limit a one-second window that keeps coming back full is asked with. */
  public ChatHistory maxPageSize(int maxPageSize) {
    if (maxPageSize < pageSize) {
      throw new IllegalArgumentException("maxPageSize (" + maxPageSize + ") is below pageSize (" + pageSize + ")");
    }
    return new ChatHistory(source, filters, start, end, pageSize, maxPageSize, overflowPolicy, serverPageCap,
        maxRequests, concurrency);
  }

  /** What to do with a window that is full even at {@link #maxPageSize}; default {@link OverflowPolicy#FAIL}. */
  public ChatHistory onOverflow(OverflowPolicy overflowPolicy) {
    return new ChatHistory(source, filters, start, end, pageSize, maxPageSize,
        Objects.requireNonNull(overflowPolicy, "overflowPolicy == null"), serverPageCap, maxRequests, concurrency);
  }

  /**
   * The most chats the server returns for one request, if you know it: a window that returns this
   * many counts as full, even when it asked for more, and no request asks for more. Setting it
   * also skips the detection: unset, the pager checks the first window that is neither full nor
   * empty by asking for its two halves (two more requests), and learns the cap if they hold chats
   * the window did not return. A cap above every limit the pager asks with is harmless; a cap at
   * or above {@code pageSize} that shows only when a crowded second is asked with a larger limit
   * cannot be told from a second holding exactly that many chats: set it here.
   */
  public ChatHistory serverPageCap(int serverPageCap) {
    if (serverPageCap < 1) {
      throw new IllegalArgumentException("serverPageCap must be at least 1, was " + serverPageCap);
    }
    return new ChatHistory(source, filters, start, end, pageSize, maxPageSize, overflowPolicy, serverPageCap,
        maxRequests, concurrency);
  }

  /**
   * The most {@code POST /chats} requests one export may make (default: no limit). When it is
   * reached the export fails with {@link com.serviceform.sdk.errors.ChatRequestBudgetException}
   * (under {@link OverflowPolicy#FAIL}) or ends early and says so in {@link
   * ChatHistoryCursor#requestBudgetReached()} (under {@link OverflowPolicy#REPORT}); either way
   * after every chat of the windows before the one it could not fetch.
   */
  public ChatHistory maxRequests(int maxRequests) {
    if (maxRequests < 1) {
      throw new IllegalArgumentException("maxRequests must be at least 1, was " + maxRequests);
    }
    return new ChatHistory(source, filters, start, end, pageSize, maxPageSize, overflowPolicy, serverPageCap,
        maxRequests, concurrency);
  }

  /**
   * How many windows may be fetched at once (default 1: a window is fetched only when the previous
   * one is used up). With {@code k > 1}, up to {@code k} windows are in flight or waiting to be
   * read, on threads of the export's own that end with it, over the client's connection pool (keep
   * {@code maxConnections} at least {@code k}). Chats still come in window order; closing the
   * stream cancels what is in flight; a window that fails ends the export after every chat of the
   * windows before it.
   */
  public ChatHistory concurrency(int concurrency) {
    if (concurrency < 1 || concurrency > 64) {
      throw new IllegalArgumentException("concurrency must be between 1 and 64, was " + concurrency);
    }
    return new ChatHistory(source, filters, start, end, pageSize, maxPageSize, overflowPolicy, serverPageCap,
        maxRequests, concurrency);
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
    return new ChatHistoryCursor(source, filters, start, end, pageSize, maxPageSize, overflowPolicy, serverPageCap,
        maxRequests, concurrency);
  }

  /**
   * A lazy, sequential stream of the range's chats; close it to stop early. It is not declared
   * {@code DISTINCT}: chats without a {@code cid} are not de-duplicated.
   */
  public Stream<Chat> stream() {
    ChatHistoryCursor cursor = iterator();
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(cursor,
        Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(cursor::close);
  }

  private static int multiply(int a, int b) {
    long product = (long) a * b;
    return product > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) product;
  }

  @Override
  public String toString() {
    return "ChatHistory{" + start + " .. " + end + ", pageSize=" + pageSize + ", maxPageSize=" + maxPageSize
        + ", onOverflow=" + overflowPolicy + (serverPageCap > 0 ? ", serverPageCap=" + serverPageCap : "")
        + (maxRequests < Integer.MAX_VALUE ? ", maxRequests=" + maxRequests : "")
        + ", concurrency=" + concurrency + "}";
  }
}
