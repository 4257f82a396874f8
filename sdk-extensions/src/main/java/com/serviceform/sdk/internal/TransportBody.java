package com.serviceform.sdk.internal;

import feign.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;

/**
 * The body of a built-in transport's response. The exchange reads a success body whole through
 * {@link #buffer(byte[])}; the same response then goes on to the decoder, which reads {@link
 * #bytes()}, so no second response (and no second copy of the headers) is built per call.
 */
abstract class TransportBody implements Response.Body, BufferedBytes {
  private byte[] buffered;

  /** A body length as Feign reports it: null when unknown (negative) or too large for an int. */
  static Integer knownLength(long length) {
    return length >= 0 && length <= Integer.MAX_VALUE ? (int) length : null;
  }

  /** The live stream of the body. */
  abstract InputStream open() throws IOException;

  /** Releases the exchange: discards the connection unless the body was read to its end. */
  abstract void release() throws IOException;

  /** Keeps {@code bytes}, read from {@link #open()}, as the body from now on. */
  final void buffer(byte[] bytes) {
    buffered = bytes;
  }

  @Override
  public final byte[] bytes() {
    return buffered;
  }

  @Override
  public final InputStream asInputStream() throws IOException {
    return buffered != null ? new ByteArrayInputStream(buffered) : open();
  }

  @Override
  public final Reader asReader(Charset charset) throws IOException {
    return new InputStreamReader(asInputStream(), charset);
  }

  @Override
  public final boolean isRepeatable() {
    return buffered != null;
  }

  @Override
  public final void close() throws IOException {
    release();
  }
}
