package com.serviceform.sdk.internal;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encodes a path parameter as exactly one path segment, and refuses values that would
 * name a different path.
 *
 * <p>Every byte outside RFC 3986's unreserved set ({@code A-Z a-z 0-9 - . _ ~}) is encoded,
 * {@code %} included, so {@code a/b} becomes {@code a%2Fb} and {@code a%2Fb} becomes {@code
 * a%252Fb}: the server decodes back exactly the id the caller gave.
 */
final class PathSegments {
  private PathSegments() {}

  /**
   * The encoded segment for {@code value}.
   *
   * @throws IllegalArgumentException if the value is empty, or is {@code .} or {@code ..} as given
   *     or once percent-decoded (any number of times), which would address a different path
   */
  public static String encode(String name, String value) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException(name + " is empty; a path parameter needs a value");
    }
    if (isDotSegment(value)) {
      throw new IllegalArgumentException(
          name + " is a dot segment ('.' or '..' in some encoding), which would address another path");
    }
    return PercentEncoding.encode(value);
  }

  /** True if the value, or any repeated percent-decoding of it, is "." or "..". */
  static boolean isDotSegment(String value) {
    String current = value;
    for (int round = 0; round < 8; round++) {
      if (current.equals(".") || current.equals("..")) {
        return true;
      }
      String decoded = percentDecode(current);
      if (decoded.equals(current)) {
        return false;
      }
      current = decoded;
    }
    return false;
  }

  private static String percentDecode(String value) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    byte[] out = new byte[value.length()];
    int n = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      int high = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
      int low = i + 2 < value.length() ? Character.digit(value.charAt(i + 2), 16) : -1;
      if (c == '%' && high >= 0 && low >= 0) {
        out[n++] = (byte) (high * 16 + low);
        i += 2;
      } else if (c < 0x80) {
        out[n++] = (byte) c;
      } else {
        // Non-ASCII cannot spell a dot segment; keep a placeholder so the result is not "." or "..".
        out[n++] = (byte) '?';
      }
    }
    return new String(out, 0, n, StandardCharsets.ISO_8859_1);
  }
}
