package com.serviceform.sdk.errors;

import java.time.OffsetDateTime;

/**
 * The chat-history pager used up its request budget ({@code maxRequests}) before it covered the
 * range. Every chat up to {@link #completedThrough()} was returned; an export started there, with
 * a larger budget, carries on.
 */
public class ChatRequestBudgetException extends ServiceformException {
  private static final long serialVersionUID = 1L;

  private final int maxRequests;
  private final OffsetDateTime completedThrough;

  public ChatRequestBudgetException(int maxRequests, OffsetDateTime completedThrough) {
    super("the chat export used its budget of " + maxRequests + " requests before covering the range"
        + (completedThrough == null ? "" : "; every chat up to " + completedThrough + " was returned")
        + ": raise maxRequests, or a server that answers every window full is ignoring the time range", null, 0);
    this.maxRequests = maxRequests;
    this.completedThrough = completedThrough;
  }

  /** The budget that was reached. */
  public int maxRequests() {
    return maxRequests;
  }

  /** The end of the last window whose chats were all returned; null when none was. */
  public OffsetDateTime completedThrough() {
    return completedThrough;
  }
}
