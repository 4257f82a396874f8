package com.serviceform.sdk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JDK {@code HttpClient} response body as an {@link InputStream} whose every read waits at most the
 * read timeout for the next bytes. The JDK's own {@code ofInputStream()} stream waits for ever, so
 * a server that stalls mid-body would hang a streaming call; here the read fails with a {@link
 * SocketTimeoutException} and the exchange is cancelled.
 *
 * <p>One buffer list is requested at a time, so memory stays at what the JDK delivers in one go.
 * Closing before the end cancels the subscription, which makes the JDK drop the connection rather
 * than read the rest; a read blocked in another thread wakes at once.
 */
final class JdkBodyStream extends InputStream implements Flow.Subscriber<List<ByteBuffer>> {
  private static final Object END = new Object();
  private static final Object CLOSED = new Object();

  private final long readTimeoutNanos;
  private final BlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();
  private volatile Flow.Subscription subscription;
  private Iterator<ByteBuffer> buffers;
  private ByteBuffer current;
  private volatile boolean done;
  private volatile boolean closed;

  JdkBodyStream(long readTimeoutMillis) {
    this.readTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(readTimeoutMillis);
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (closed) {
      subscription.cancel();
    } else {
      subscription.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    arrivals.add(item);
  }

  @Override
  public void onError(Throwable failure) {
    arrivals.add(failure);
  }

  @Override
  public void onComplete() {
    arrivals.add(END);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    ByteBuffer buffer = next();
    if (buffer == null) {
      return -1;
    }
    int n = Math.min(len, buffer.remaining());
    buffer.get(b, off, n);
    return n;
  }

  @Override
  public int available() {
    ByteBuffer buffer = current;
    return buffer == null ? 0 : buffer.remaining();
  }

  /** The buffer to read from, waiting at most the read timeout; null at the end. */
  private ByteBuffer next() throws IOException {
    while (true) {
      if (closed) {
        throw new IOException("the response body was closed");
      }
      if (current != null && current.hasRemaining()) {
        return current;
      }
      if (buffers != null && buffers.hasNext()) {
        current = buffers.next();
        continue;
      }
      if (done) {
        return null;
      }
      if (buffers != null) {
        buffers = null;
        subscription.request(1);
      }
      Object arrival;
      try {
        arrival = arrivals.poll(readTimeoutNanos, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        cancel();
        throw new java.io.InterruptedIOException("interrupted while reading the response body");
      }
      if (arrival == null) {
        cancel();
        throw new SocketTimeoutException("no bytes of the response body for "
            + TimeUnit.NANOSECONDS.toMillis(readTimeoutNanos) + " ms (the read timeout)");
      }
      if (arrival == END) {
        done = true;
        return null;
      }
      if (arrival == CLOSED) {
        throw new IOException("the response body was closed");
      }
      if (arrival instanceof Throwable) {
        done = true;
        Throwable failure = (Throwable) arrival;
        throw failure instanceof IOException ? (IOException) failure
            : new IOException("the response body failed: " + failure.getClass().getSimpleName(), failure);
      }
      @SuppressWarnings("unchecked")
      List<ByteBuffer> list = (List<ByteBuffer>) arrival;
      buffers = list.iterator();
    }
  }

  /** Whether the body was read to its end. */
  boolean complete() {
    return done;
  }

  private void cancel() {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }

  /** Cancels the exchange unless the body was read to its end; wakes a blocked reader. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!done) {
      cancel();
    }
    arrivals.add(CLOSED);
  }
}
