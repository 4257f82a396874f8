package com.serviceform.sdk.internal;

import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.ChatQuery;
import java.util.Iterator;

/**
 * Where the chat-history pager gets the chats of one window. The client's own source decodes the
 * response element by element, so the pager can stop after its limit however many chats a server
 * sends. Implementations are thread-safe: a concurrent export opens several windows at once.
 */
public interface ChatWindowSource {
  /** Sends {@code query} and opens its answer; the caller reads what it needs and closes it. */
  Chats open(ChatQuery query);

  /** The chats of one answer. Closing it early discards the rest of the response. */
  interface Chats extends Iterator<Chat>, AutoCloseable {
    @Override
    void close();
  }
}
