package com.serviceform.sdk.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Keeps the API key out of anything the SDK prints or hands out: header values of {@code
 * sf-api-key}, and any text a server sent back (a body, a header, a status line, a {@code
 * Location}, a parser's message quoting them).
 *
 * <p>A server can echo the key whole, cut (a body truncated at a boundary), JSON-escaped ({@code
 * \u0073...}) or percent-encoded. So the redactor does not look for the key as one string: it
 * replaces every run of at least {@value #MIN_PIECE} characters that is a piece of the key, after
 * reading {@code \}{@code uXXXX}, {@code \/}, {@code \\}, {@code \"} and {@code %XX} escapes. A
 * shorter piece says too little about the key to be worth hiding (and would hide innocent text).
 */
final class Redactor {
  public static final String REDACTED = "<redacted>";
  /** The shortest piece of the key that is hidden; a key shorter than this is hidden whole. */
  static final int MIN_PIECE = 12;

  private final String secret;
  private final int minPiece;
  /** For each ASCII character, where it occurs in the key (the key is printable ASCII). */
  private final int[][] positions = new int[128][];

  Redactor(String secret) {
    this.secret = Objects.requireNonNull(secret, "secret == null");
    this.minPiece = Math.min(MIN_PIECE, secret.length());
    int[] counts = new int[128];
    for (int i = 0; i < secret.length(); i++) {
      char c = secret.charAt(i);
      if (c < 128) {
        counts[c]++;
      }
    }
    for (int c = 0; c < 128; c++) {
      positions[c] = new int[counts[c]];
      counts[c] = 0;
    }
    for (int i = 0; i < secret.length(); i++) {
      char c = secret.charAt(i);
      if (c < 128) {
        positions[c][counts[c]++] = i;
      }
    }
  }

  /** The value to print for a header. */
  public String headerValue(String name, String value) {
    return ApiKeyInterceptor.HEADER.equalsIgnoreCase(name) ? REDACTED : redact(value);
  }

  /** {@code text} with every piece of the key replaced by {@value #REDACTED}. */
  public String redact(String text) {
    if (text == null || text.length() < minPiece || minPiece == 0) {
      return text;
    }
    Unescaped view = new Unescaped(text);
    boolean[] covered = cover(view);
    if (covered == null) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int raw = 0;
    for (int p = 0; p < view.length; ) {
      if (!covered[p]) {
        p++;
        continue;
      }
      int end = p;
      while (end < view.length && covered[end]) {
        end++;
      }
      out.append(text, raw, view.rawStart[p]).append(REDACTED);
      raw = view.rawStart[end];
      p = end;
    }
    return out.append(text, raw, text.length()).toString();
  }

  /** Whether {@code text} holds a piece of the key that {@link #redact} would hide. */
  public boolean leaks(String text) {
    return text != null && text.length() >= minPiece && minPiece > 0 && cover(new Unescaped(text)) != null;
  }

  /**
   * {@code failure} itself when no message in its causes and suppressed exceptions holds a piece of
   * the key; otherwise a copy of the whole chain with the messages redacted, each copy naming the
   * class it stands for and keeping its stack trace. Attach what this returns as a cause: a
   * dependency's exception that quotes what the server sent (Jackson's "Unrecognized token", an
   * invalid status line) would otherwise print the key through {@code log.error("...", e)}.
   */
  public Throwable scrub(Throwable failure) {
    if (failure == null || !leaksAnywhere(failure, Collections.newSetFromMap(new IdentityHashMap<>()))) {
      return failure;
    }
    return copy(failure, new IdentityHashMap<>());
  }

  private boolean leaksAnywhere(Throwable t, Set<Throwable> seen) {
    if (t == null || !seen.add(t)) {
      return false;
    }
    if (leaks(t.getMessage()) || leaks(t.getLocalizedMessage()) || leaks(String.valueOf(t))) {
      return true;
    }
    for (Throwable suppressed : t.getSuppressed()) {
      if (leaksAnywhere(suppressed, seen)) {
        return true;
      }
    }
    return leaksAnywhere(t.getCause(), seen);
  }

  private Throwable copy(Throwable t, IdentityHashMap<Throwable, Throwable> copies) {
    Throwable done = copies.get(t);
    if (done != null) {
      return done;
    }
    String message = t.getMessage();
    RedactedException copy = new RedactedException(t.getClass().getName()
        + (message == null ? "" : ": " + redact(message)));
    copies.put(t, copy);
    copy.setStackTrace(t.getStackTrace());
    if (t.getCause() != null && t.getCause() != t) {
      copy.initCause(copy(t.getCause(), copies));
    }
    for (Throwable suppressed : t.getSuppressed()) {
      copy.addSuppressed(copy(suppressed, copies));
    }
    return copy;
  }

  /** Marks the positions of the view that lie in a run of at least minPiece characters of the key; null if none. */
  private boolean[] cover(Unescaped view) {
    boolean[] covered = null;
    char[] chars = view.chars;
    for (int p = 0; p + minPiece <= view.length; p++) {
      char c = chars[p];
      if (c >= 128) {
        continue;
      }
      int longest = 0;
      for (int q : positions[c]) {
        int n = 1;
        while (p + n < view.length && q + n < secret.length() && chars[p + n] == secret.charAt(q + n)) {
          n++;
        }
        longest = Math.max(longest, n);
      }
      if (longest >= minPiece) {
        if (covered == null) {
          covered = new boolean[view.length];
        }
        for (int i = p; i < p + longest; i++) {
          covered[i] = true;
        }
      }
    }
    return covered;
  }

  /** {@code text} with JSON and percent escapes read, and where each character came from. */
  private static final class Unescaped {
    final char[] chars;
    final int[] rawStart;
    final int length;

    Unescaped(String text) {
      int n = text.length();
      chars = new char[n];
      rawStart = new int[n + 1];
      int m = 0;
      for (int i = 0; i < n; ) {
        char c = text.charAt(i);
        int width = 1;
        if (c == '\\' && i + 1 < n) {
          char e = text.charAt(i + 1);
          if (e == 'u' && i + 6 <= n && hex(text, i + 2, 4) >= 0) {
            c = (char) hex(text, i + 2, 4);
            width = 6;
          } else if (e == '/' || e == '\\' || e == '"') {
            c = e;
            width = 2;
          }
        } else if (c == '%' && i + 3 <= n && hex(text, i + 1, 2) >= 0) {
          c = (char) hex(text, i + 1, 2);
          width = 3;
        }
        chars[m] = c;
        rawStart[m] = i;
        m++;
        i += width;
      }
      rawStart[m] = n;
      length = m;
    }

    private static int hex(String text, int from, int digits) {
      int value = 0;
      for (int i = from; i < from + digits; i++) {
        int d = Character.digit(text.charAt(i), 16);
        if (d < 0) {
          return -1;
        }
        value = value * 16 + d;
      }
      return value;
    }
  }

  /** Stands in for a dependency's exception whose message held a piece of the key. */
  static final class RedactedException extends Exception {
    private static final long serialVersionUID = 1L;

    RedactedException(String message) {
      super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      // The stack trace is the original's, set by the copier.
      return this;
    }
  }

  /** Every header value with pieces of the key redacted. */
  public List<String> redactAll(List<String> values) {
    List<String> out = new ArrayList<>(values.size());
    for (String value : values) {
      out.add(redact(value));
    }
    return out;
  }

  @Override
  public String toString() {
    return "Redactor{" + REDACTED + "}";
  }
}
