package com.serviceform.sdk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A response body read into memory as it arrived: in chunks that grow with the bytes received
 * (never sized from what the server declares), up to a cap. A small body is one exact array; a
 * large one stays in chunks of at most {@value #MAX_CHUNK} bytes and is decoded from them, so
 * reading it costs about its own size in memory, once.
 */
final class ResponseBytes {
  /** The first chunk when the length is unknown. */
  static final int FIRST_CHUNK = 8 * 1024;
  /** The first chunk may match a declared length up to this. */
  static final int FIRST_CHUNK_DECLARED = 16 * 1024;
  static final int MAX_CHUNK = 1024 * 1024;

  static final ResponseBytes EMPTY = new ResponseBytes(new byte[0][], 0, 0);

  /** Thrown by {@link #read} when the body passes the cap; the stream is left where it stopped. */
  static final class TooLarge extends Exception {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super(null, null, false, false);
    }
  }

  private final byte[][] chunks;
  /** How many bytes of the last chunk are used. */
  private final int lastLength;
  private final long size;

  private ResponseBytes(byte[][] chunks, int lastLength, long size) {
    this.chunks = chunks;
    this.lastLength = lastLength;
    this.size = size;
  }

  /** One exact array. */
  static ResponseBytes of(byte[] bytes) {
    return new ResponseBytes(new byte[][] {bytes}, bytes.length, bytes.length);
  }

  /**
   * Reads {@code in} to its end.
   *
   * @param declared the Content-Length, or a negative value when unknown: only ever used to size a
   *     chunk up to what has already arrived, and to fail at once when it is beyond the cap
   * @throws TooLarge as soon as the body (or its declared length) passes {@code cap}
   */
  static ResponseBytes read(InputStream in, long declared, long cap) throws IOException, TooLarge {
    if (declared > cap) {
      throw new TooLarge();
    }
    int size = declared >= 0 ? (int) Math.min(Math.max(declared, 1), FIRST_CHUNK_DECLARED) : FIRST_CHUNK;
    List<byte[]> full = null;
    byte[] current = new byte[size];
    int position = 0;
    long total = 0;
    while (true) {
      if (position == current.length) {
        // A full chunk: one byte more says whether there is more at all, without a new chunk for
        // the common case of a body that exactly fills its first one.
        int b = in.read();
        if (b < 0) {
          break;
        }
        if (++total > cap) {
          throw new TooLarge();
        }
        if (full == null) {
          full = new ArrayList<>();
        }
        full.add(current);
        // Double what has arrived so far, capped; with a declared length, no more than what remains.
        long next = Math.min((long) current.length * 2, MAX_CHUNK);
        if (declared > total) {
          next = Math.min(next, declared - total + 1);
        }
        current = new byte[(int) Math.max(next, 1)];
        current[0] = (byte) b;
        position = 1;
        continue;
      }
      int n = in.read(current, position, current.length - position);
      if (n < 0) {
        break;
      }
      position += n;
      total += n;
      if (total > cap) {
        throw new TooLarge();
      }
    }
    if (full == null) {
      return new ResponseBytes(new byte[][] {current}, position, total);
    }
    full.add(current);
    return new ResponseBytes(full.toArray(new byte[0][]), position, total);
  }

  /** Reads at most {@code limit} bytes of {@code in} into one array; the rest is left unread. */
  static byte[] readAtMost(InputStream in, int limit) throws IOException {
    byte[] buffer = new byte[Math.min(limit, FIRST_CHUNK)];
    int position = 0;
    while (position < limit) {
      if (position == buffer.length) {
        buffer = java.util.Arrays.copyOf(buffer, Math.min(limit, buffer.length * 2));
      }
      int n = in.read(buffer, position, buffer.length - position);
      if (n < 0) {
        break;
      }
      position += n;
    }
    return position == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, position);
  }

  long size() {
    return size;
  }

  /** Whether the body is one array (then {@link #array()} costs no copy). */
  boolean isSingleArray() {
    return chunks.length == 1;
  }

  /** The first (for a single-array body: the only) chunk; its used length is {@link #size()} when single. */
  byte[] firstChunk() {
    return chunks.length == 0 ? new byte[0] : chunks[0];
  }

  /** The body as one exact array (a copy unless it already is one). */
  byte[] array() {
    if (chunks.length == 1 && chunks[0].length == size) {
      return chunks[0];
    }
    byte[] all = new byte[(int) size];
    int at = 0;
    for (int i = 0; i < chunks.length; i++) {
      int length = i == chunks.length - 1 ? lastLength : chunks[i].length;
      System.arraycopy(chunks[i], 0, all, at, length);
      at += length;
    }
    return all;
  }

  /** The body as a stream over the chunks, without a copy. */
  InputStream stream() {
    if (chunks.length == 1) {
      return new ByteArrayInputStream(chunks[0], 0, lastLength);
    }
    List<InputStream> parts = new ArrayList<>(chunks.length);
    for (int i = 0; i < chunks.length; i++) {
      parts.add(new ByteArrayInputStream(chunks[i], 0, i == chunks.length - 1 ? lastLength : chunks[i].length));
    }
    return new SequenceInputStream(Collections.enumeration(parts));
  }

  /** Whether the body holds nothing but JSON whitespace. */
  boolean isBlank() {
    for (int i = 0; i < chunks.length; i++) {
      int length = i == chunks.length - 1 ? lastLength : chunks[i].length;
      for (int j = 0; j < length; j++) {
        byte b = chunks[i][j];
        if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
          return false;
        }
      }
    }
    return true;
  }

  /** The first {@code maxBytes} bytes as UTF-8 text. */
  String text(int maxBytes) {
    int length = (int) Math.min(size, maxBytes);
    if (chunks.length == 1) {
      return new String(chunks[0], 0, length, StandardCharsets.UTF_8);
    }
    byte[] prefix = new byte[length];
    int at = 0;
    for (int i = 0; i < chunks.length && at < length; i++) {
      int chunkLength = i == chunks.length - 1 ? lastLength : chunks[i].length;
      int n = Math.min(chunkLength, length - at);
      System.arraycopy(chunks[i], 0, prefix, at, n);
      at += n;
    }
    return new String(prefix, StandardCharsets.UTF_8);
  }
}
