package com.serviceform.sdk.internal;

import feign.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;

/**
 * The body of a built-in transport's response. The exchange reads a success body whole through
 * {@link #buffer(ResponseBytes)}; the same response then goes on to the decoder, which reads {@link
 * #buffered()}, so no second response (and no second copy of the headers) is built per call.
 *
 * <p>Closing is where the connection's fate is decided: a body read to its end lets the transport
 * reuse the connection; a body closed before its end (a stream abandoned, an error body or an
 * over-cap body cut short) aborts the exchange and discards the connection at once, without
 * reading the rest of what the server is sending.
 */
abstract class TransportBody implements Response.Body, BufferedBytes {
  private ResponseBytes buffered;
  private InputStream live;
  private volatile boolean complete;
  private volatile boolean closed;

  /** A body length as Feign reports it: null when unknown (negative) or too large for an int. */
  static Integer knownLength(long length) {
    return length >= 0 && length <= Integer.MAX_VALUE ? (int) length : null;
  }

  /** The declared length, or -1 when unknown. */
  abstract long declaredLength();

  /** The live stream of the body. */
  abstract InputStream open() throws IOException;

  /** Ends an exchange whose body was read to its end: the connection may be reused. */
  abstract void finish() throws IOException;

  /** Ends the exchange now, without reading further: the connection is discarded. */
  abstract void abort();

  @Override
  public final Integer length() {
    return knownLength(declaredLength());
  }

  /** Keeps {@code bytes}, read to the end from {@link #asInputStream()}, as the body from now on. */
  final void buffer(ResponseBytes bytes) {
    buffered = bytes;
  }

  @Override
  public final ResponseBytes buffered() {
    return buffered;
  }

  /** Whether the live stream was read to its end. */
  final boolean complete() {
    return complete;
  }

  @Override
  public final InputStream asInputStream() throws IOException {
    if (buffered != null) {
      return buffered.stream();
    }
    if (live == null) {
      live = new EndTracking(open());
    }
    return live;
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
    if (closed) {
      return;
    }
    closed = true;
    if (complete) {
      finish();
    } else {
      abort();
    }
  }

  /** Notes the end of the body; closing it closes the exchange. */
  private final class EndTracking extends FilterInputStream {
    EndTracking(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b < 0) {
        complete = true;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n < 0) {
        complete = true;
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      TransportBody.this.close();
    }
  }
}
