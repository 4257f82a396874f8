package com.serviceform.sdk.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.util.TimeValue;

/**
 * Closes connections that sat idle in any Apache pool for {@value #IDLE_SECONDS} s, from one daemon
 * thread shared by every client of the JVM (HttpClient's own evictor is a thread per pool). The
 * thread runs while at least one pool is registered and ends with the last one, so an idle client
 * costs no thread of its own.
 */
final class IdleEviction {
  static final long IDLE_SECONDS = 30;

  private static final Set<PoolingHttpClientConnectionManager> POOLS = ConcurrentHashMap.newKeySet();
  private static final AtomicReference<Thread> THREAD = new AtomicReference<>();

  private IdleEviction() {}

  static void register(PoolingHttpClientConnectionManager pool) {
    POOLS.add(pool);
    if (THREAD.get() == null) {
      Thread thread = new Thread(IdleEviction::run, "serviceform-idle-connections");
      thread.setDaemon(true);
      if (THREAD.compareAndSet(null, thread)) {
        thread.start();
      }
    }
  }

  static void unregister(PoolingHttpClientConnectionManager pool) {
    POOLS.remove(pool);
    if (POOLS.isEmpty()) {
      Thread thread = THREAD.get();
      if (thread != null) {
        LockSupport.unpark(thread);
      }
    }
  }

  private static void run() {
    Thread self = Thread.currentThread();
    while (true) {
      LockSupport.parkNanos(IdleEviction.class, TimeUnit.SECONDS.toNanos(IDLE_SECONDS));
      if (POOLS.isEmpty()) {
        // Clear first, then look again: a pool registered meanwhile either saw no thread and
        // started one, or is seen here.
        THREAD.compareAndSet(self, null);
        if (POOLS.isEmpty() || !THREAD.compareAndSet(null, self)) {
          return;
        }
      }
      for (PoolingHttpClientConnectionManager pool : POOLS) {
        try {
          pool.closeExpired();
          pool.closeIdle(TimeValue.ofSeconds(IDLE_SECONDS));
        } catch (RuntimeException closedMeanwhile) {
          // A pool closed while being swept: it is unregistered next.
        }
      }
    }
  }

  /** Whether the thread is running; for tests. */
  static boolean running() {
    Thread thread = THREAD.get();
    return thread != null && thread.isAlive();
  }
}
