package com.serviceform.sdk.internal;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Which extra request headers a caller may add ({@code RequestOptions}, event listeners): valid
 * names and values, and none of the headers the client sets itself.
 */
public final class HeaderRules {
  /** Headers the client or the transport sets: passing one is refused. */
  static final Set<String> RESERVED = Set.of("sf-api-key", "host", "content-length", "content-type",
      "transfer-encoding", "connection", "upgrade", "expect", "te", "trailer", "keep-alive", "proxy-authorization",
      "user-agent");

  private HeaderRules() {}

  /**
   * Checks one extra header.
   *
   * @param acceptReserved whether {@code Accept} is refused too (it is the operation's own; a
   *     listener must not change what the client can decode)
   * @throws IllegalArgumentException if the name is not a token, is reserved, or the value holds a
   *     control character (a line break would split the request)
   */
  public static void check(String name, String value, boolean acceptReserved) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(value, "value == null");
    if (name.isEmpty() || !name.chars().allMatch(HeaderRules::tokenChar)) {
      throw new IllegalArgumentException("not a valid header name: '" + name + "'");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (RESERVED.contains(lower) || (acceptReserved && lower.equals("accept"))) {
      throw new IllegalArgumentException("the client sets " + name + " itself"
          + (lower.equals("user-agent") ? "; add to it with ServiceformClient.Builder.appInfo(name, version)" : ""));
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw new IllegalArgumentException("the value of header " + name
            + " has a control character at index " + i + " (a line break would split the request)");
      }
    }
  }

  private static boolean tokenChar(int c) {
    return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
  }
}
