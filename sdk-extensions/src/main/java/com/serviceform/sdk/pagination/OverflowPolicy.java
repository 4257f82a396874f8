package com.serviceform.sdk.pagination;

/** What the chat-history pager does with a one-second window that is still full at the largest page. */
public enum OverflowPolicy {
  /** Throw {@link com.serviceform.sdk.errors.ChatWindowOverflowException}: never miss chats silently. The default. */
  FAIL,
  /** Yield what the window returned and record it in {@link ChatHistoryCursor#overflowedWindows()}. */
  REPORT
}
