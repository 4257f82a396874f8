package com.serviceform.sdk.internal;

import com.serviceform.sdk.api.ChatsApi;
import com.serviceform.sdk.model.ApiResponse;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.ChatQuery;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Bounded reading of {@code POST /chats} answers: for the pager and {@code streamChats}. */
public final class ChatStreams {
  private ChatStreams() {}

  /**
   * The client's {@link ChatsApi} for the pager: its generated methods go to {@code delegate}; as
   * a {@link ChatWindowSource} it opens each answer as a stream decoded element by element.
   */
  static ChatsApi windowSource(ChatsApi delegate, Function<ChatQuery, JsonArrayIterator<Chat>> opener) {
    return new StreamingChats(delegate, opener);
  }

  /** A source over any {@link ChatsApi}: each answer is decoded whole by it, then read as a list. */
  public static ChatWindowSource decodedWhole(ChatsApi chats) {
    Objects.requireNonNull(chats, "chats == null");
    if (chats instanceof ChatWindowSource) {
      return (ChatWindowSource) chats;
    }
    return query -> of(chats.searchChats(query).iterator(), () -> { });
  }

  /**
   * The stream of {@code elements}, ended after {@code limit} elements (when not null): the rest of
   * an answer from a server that ignored the limit is not decoded, and its connection is discarded.
   */
  static Stream<Chat> limited(JsonArrayIterator<Chat> elements, Integer limit) {
    Iterator<Chat> iterator = limit == null ? elements : new Iterator<Chat>() {
      private int returned;

      @Override
      public boolean hasNext() {
        if (returned >= limit) {
          elements.close();
          return false;
        }
        return elements.hasNext();
      }

      @Override
      public Chat next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        returned++;
        return elements.next();
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL),
        false).onClose(elements::close);
  }

  private static ChatWindowSource.Chats of(Iterator<Chat> iterator, Runnable close) {
    return new ChatWindowSource.Chats() {
      @Override
      public boolean hasNext() {
        return iterator.hasNext();
      }

      @Override
      public Chat next() {
        return iterator.next();
      }

      @Override
      public void close() {
        close.run();
      }
    };
  }

  private static final class StreamingChats implements ChatsApi, ChatWindowSource {
    private final ChatsApi delegate;
    private final Function<ChatQuery, JsonArrayIterator<Chat>> opener;

    StreamingChats(ChatsApi delegate, Function<ChatQuery, JsonArrayIterator<Chat>> opener) {
      this.delegate = Objects.requireNonNull(delegate, "delegate == null");
      this.opener = Objects.requireNonNull(opener, "opener == null");
    }

    @Override
    public List<Chat> searchChats(ChatQuery chatQuery) {
      return delegate.searchChats(chatQuery);
    }

    @Override
    public ApiResponse<List<Chat>> searchChatsWithHttpInfo(ChatQuery chatQuery) {
      return delegate.searchChatsWithHttpInfo(chatQuery);
    }

    @Override
    public Chats open(ChatQuery query) {
      JsonArrayIterator<Chat> elements = opener.apply(query);
      return of(elements, elements::close);
    }

    @Override
    public String toString() {
      return "ChatsApi (streaming windows)";
    }
  }
}
