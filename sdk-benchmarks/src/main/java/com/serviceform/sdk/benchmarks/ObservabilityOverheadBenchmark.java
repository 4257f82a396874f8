package com.serviceform.sdk.benchmarks;

import com.serviceform.sdk.model.Item;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The price of observing a call (docs/observability.md): the default client's {@code getItem}
 * without listeners (the baseline, the same call as {@code GetItemBenchmark.sdkApache}), with one
 * listener that does nothing (what the event machinery itself costs), and with response validation
 * on ({@code WARN}: the body is also read as a tree and checked against the spec).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// Five forks, like the other small calls (docs/performance.md, "Fork modes").
@Fork(5)
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 5, time = 5)
public class ObservabilityOverheadBenchmark {

  @Benchmark
  public Item noListener(Fixture f) {
    return f.sdkApache.flex().getItem("sp-1", "it-1");
  }

  @Benchmark
  public Item noopListener(Fixture f) {
    return f.sdkApacheNoopListener.flex().getItem("sp-1", "it-1");
  }

  @Benchmark
  public Item responseValidation(Fixture f) {
    return f.sdkApacheValidating.flex().getItem("sp-1", "it-1");
  }
}
