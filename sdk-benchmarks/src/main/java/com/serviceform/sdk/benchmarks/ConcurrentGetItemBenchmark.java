package com.serviceform.sdk.benchmarks;

import com.serviceform.sdk.model.Item;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/** 64 callers sharing one client, GET of one item: calls per second. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(64)
// 64 threads on 2 cores leave the JIT little CPU: throughput was still rising after 30 s of
// warm-up and steady after about 40 s, so this scenario warms up longer. Its forks differ more
// than its iterations (one fork of the raw Apache client settled at 55,000 calls/s, the next
// three at 44,000-51,000), so it runs three and reports their mean (docs/performance.md).
@Fork(3)
@Warmup(iterations = 10, time = 5)
@Measurement(iterations = 5, time = 3)
public class ConcurrentGetItemBenchmark {

  @Benchmark
  public Item sdkApache(Fixture f) {
    return f.sdkApache.flex().getItem("sp-1", "it-1");
  }

  /** The default client with retries, breaker and call timeout off: the resilience layer's price under load. */
  @Benchmark
  public Item sdkApacheResilienceOff(Fixture f) {
    return f.sdkApacheNoResilience.flex().getItem("sp-1", "it-1");
  }

  @Benchmark
  public Item sdkJdk(Fixture f) {
    return f.sdkJdk.flex().getItem("sp-1", "it-1");
  }

  @Benchmark
  public Item sdkOkHttp(Fixture f) {
    return f.sdkOkHttp.flex().getItem("sp-1", "it-1");
  }

  @Benchmark
  public Item rawJdk(Fixture f) throws IOException, InterruptedException {
    return RawCalls.jdkGet(f, Fixture.ITEM_PATH, f.itemReader);
  }

  @Benchmark
  public Item rawOkHttp(Fixture f) throws IOException {
    return RawCalls.okHttpGet(f, Fixture.ITEM_PATH, f.itemReader);
  }

  @Benchmark
  public Item rawApache(Fixture f) throws IOException {
    return RawCalls.apacheGet(f, Fixture.ITEM_PATH, f.itemReader);
  }
}
