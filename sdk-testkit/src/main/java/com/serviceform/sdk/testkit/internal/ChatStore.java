package com.serviceform.sdk.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The held chats by cid, with a lazily sorted view in answer order. Not thread-safe. */
public final class ChatStore {
  private final Map<String, ChatEntry> byCid = new HashMap<>();
  private ChatEntry[] sorted = new ChatEntry[0];
  private boolean dirty;

  /** Adds or replaces (by cid) entries. */
  public void putAll(Collection<ChatEntry> entries) {
    for (ChatEntry entry : entries) {
      byCid.put(entry.cid(), entry);
    }
    dirty = true;
  }

  public void clear() {
    byCid.clear();
    sorted = new ChatEntry[0];
    dirty = false;
  }

  public int size() {
    return byCid.size();
  }

  /** The entries in answer order; the array must not be changed. */
  public ChatEntry[] inAnswerOrder() {
    if (dirty) {
      ChatEntry[] array = byCid.values().toArray(new ChatEntry[0]);
      Arrays.sort(array, ChatEntry.ANSWER_ORDER);
      sorted = array;
      dirty = false;
    }
    return sorted;
  }

  /** The query's filters, already checked and converted. */
  public static final class Filter {
    final long fromSecond;
    final long toSecond;
    final boolean timeBounded;
    final String uid;
    final boolean chatbotOnly;

    /**
     * @param fromSecond the first epoch second included
     * @param toSecond the last epoch second included
     * @param timeBounded whether either bound was given; chats without {@code changed} then never match
     */
    public Filter(long fromSecond, long toSecond, boolean timeBounded, String uid, boolean chatbotOnly) {
      this.fromSecond = fromSecond;
      this.toSecond = toSecond;
      this.timeBounded = timeBounded;
      this.uid = uid;
      this.chatbotOnly = chatbotOnly;
    }

    public boolean matches(ChatEntry entry) {
      if (timeBounded) {
        Long changed = entry.changed();
        if (changed == null || changed < fromSecond || changed > toSecond) {
          return false;
        }
      }
      if (uid != null && !uid.equals(entry.uid())) {
        return false;
      }
      return !chatbotOnly || entry.chatbot();
    }
  }

  /** The matching entries in answer order, at most {@code limit} of them. */
  public List<ChatEntry> select(Filter filter, int limit) {
    List<ChatEntry> result = new ArrayList<>();
    for (ChatEntry entry : inAnswerOrder()) {
      if (result.size() >= limit) {
        break;
      }
      if (filter.matches(entry)) {
        result.add(entry);
      }
    }
    return result;
  }

  /** A JSON array of the entries' pre-serialized forms. */
  public static byte[] toJsonArray(List<ChatEntry> entries, boolean withMessages) {
    int size = 2;
    for (ChatEntry entry : entries) {
      size += entry.json(withMessages).length + 1;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    out.write('[');
    for (int i = 0; i < entries.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      byte[] json = entries.get(i).json(withMessages);
      out.write(json, 0, json.length);
    }
    out.write(']');
    return out.toByteArray();
  }
}
