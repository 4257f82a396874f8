package com.serviceform.sdk.testkit.internal;

import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.ChatMessage;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/**
 * One held chat, immutable: its model (never handed out, only copies of it) and its JSON with and
 * without messages, serialized once so that a query of thousands of chats only concatenates bytes.
 */
public final class ChatEntry {
  /** The sandbox's answer order: by a hash of the cid, so that it says nothing about time. */
  public static final Comparator<ChatEntry> ANSWER_ORDER =
      Comparator.comparingLong((ChatEntry e) -> e.orderKey ^ Long.MIN_VALUE).thenComparing(e -> e.cid);

  private final String cid;
  private final Long changed;
  private final String uid;
  private final boolean chatbot;
  private final long orderKey;
  private final Chat chat;
  private final byte[] withMessages;
  private final byte[] withoutMessages;

  private ChatEntry(Chat given) {
    this.withMessages = Json.bytes(given);
    // Reading the JSON back is the deep copy: the caller keeps no handle on the held model.
    this.chat = Json.read(withMessages, Chat.class);
    List<ChatMessage> history = chat.getHistory();
    chat.setHistory(null);
    this.withoutMessages = Json.bytes(chat);
    chat.setHistory(history);
    this.cid = chat.getCid();
    this.changed = chat.getChanged();
    this.uid = chat.getUid();
    this.chatbot = hasChatbotInteraction(chat);
    this.orderKey = orderKey(cid);
  }

  /** An entry for a copy of {@code chat}. */
  public static ChatEntry of(Chat chat) {
    return new ChatEntry(chat);
  }

  /**
   * Whether a chat had chatbot interactions: its last sender is {@code bot}, or one of its messages
   * has type {@code bot}. The vendor does not define it; this is the sandbox's rule.
   */
  static boolean hasChatbotInteraction(Chat chat) {
    if ("bot".equalsIgnoreCase(chat.getLastSender())) {
      return true;
    }
    if (chat.getHistory() != null) {
      for (ChatMessage message : chat.getHistory()) {
        if (message != null && "bot".equalsIgnoreCase(message.getType())) {
          return true;
        }
      }
    }
    return false;
  }

  /** FNV-1a over the cid's UTF-8 bytes, then a 64-bit finalizer so that similar cids scatter. */
  static long orderKey(String cid) {
    long h = 0xcbf29ce484222325L;
    for (byte b : cid.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  public String cid() {
    return cid;
  }

  /** {@code changed} in epoch seconds, or null. */
  public Long changed() {
    return changed;
  }

  public String uid() {
    return uid;
  }

  public boolean chatbot() {
    return chatbot;
  }

  /** The held model: read it, never change it or hand it out. */
  public Chat model() {
    return chat;
  }

  /** A copy of the chat, messages included. */
  public Chat copy() {
    return Json.read(withMessages, Chat.class);
  }

  public byte[] json(boolean withMessages) {
    return withMessages ? this.withMessages : this.withoutMessages;
  }
}
