package com.serviceform.sdk.internal;

import java.nio.charset.StandardCharsets;

/** Percent-encodes every byte outside RFC 3986's unreserved set ({@code A-Z a-z 0-9 - . _ ~}), {@code %} included. */
final class PercentEncoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PercentEncoding() {}

  static String encode(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = null;
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      boolean unreserved = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
          || b == '-' || b == '.' || b == '_' || b == '~';
      if (unreserved) {
        if (out != null) {
          out.append((char) b);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(bytes.length * 3).append(value, 0, i);
      }
      out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
    }
    return out == null ? value : out.toString();
  }
}
