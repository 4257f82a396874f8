package com.serviceform.sdk.testkit.internal;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Requests per operation since the last reset. Thread-safe: a fixed map of atomic counters. */
final class RequestCounts {
  private final Map<SpecOperation, AtomicInteger> counts = new IdentityHashMap<>();

  RequestCounts(ApiSpec spec) {
    for (SpecOperation operation : spec.operations()) {
      counts.put(operation, new AtomicInteger());
    }
  }

  void increment(SpecOperation operation) {
    counts.get(operation).incrementAndGet();
  }

  int get(SpecOperation operation) {
    return counts.get(operation).get();
  }

  void clear() {
    counts.values().forEach(count -> count.set(0));
  }
}
