package com.serviceform.sdk.internal;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.io.ConnectionEndpoint;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.client5.http.io.LeaseRequest;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Apache HttpClient 5's pool, measuring how long each lease waits for a connection and telling the
 * attempt that asked ({@link AttemptOptions#poolWaited}). Installed only for a client with event
 * listeners; the attempt is found through {@link #CURRENT}, which the transport sets around each
 * exchange on the calling thread (the lease happens there, inside {@code executeOpen}).
 */
final class TimedLeases implements HttpClientConnectionManager {
  static final ThreadLocal<AttemptOptions> CURRENT = new ThreadLocal<>();

  private final HttpClientConnectionManager pool;

  TimedLeases(HttpClientConnectionManager pool) {
    this.pool = pool;
  }

  @Override
  public LeaseRequest lease(String id, HttpRoute route, Timeout requestTimeout, Object state) {
    LeaseRequest lease = pool.lease(id, route, requestTimeout, state);
    AttemptOptions attempt = CURRENT.get();
    if (attempt == null) {
      return lease;
    }
    return new LeaseRequest() {
      @Override
      public ConnectionEndpoint get(Timeout timeout) throws InterruptedException, ExecutionException, TimeoutException {
        long start = System.nanoTime();
        boolean timedOut = false;
        try {
          return lease.get(timeout);
        } catch (TimeoutException e) {
          timedOut = true;
          throw e;
        } finally {
          attempt.poolWaited(System.nanoTime() - start, timedOut);
        }
      }

      @Override
      public boolean cancel() {
        return lease.cancel();
      }
    };
  }

  @Override
  public void release(ConnectionEndpoint endpoint, Object newState, TimeValue validDuration) {
    pool.release(endpoint, newState, validDuration);
  }

  @Override
  public void connect(ConnectionEndpoint endpoint, TimeValue connectTimeout, HttpContext context) throws IOException {
    pool.connect(endpoint, connectTimeout, context);
  }

  @Override
  public void upgrade(ConnectionEndpoint endpoint, HttpContext context) throws IOException {
    pool.upgrade(endpoint, context);
  }

  @Override
  public void close(CloseMode closeMode) {
    pool.close(closeMode);
  }

  @Override
  public void close() throws IOException {
    pool.close();
  }
}
