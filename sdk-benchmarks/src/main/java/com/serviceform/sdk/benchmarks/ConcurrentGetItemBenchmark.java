package com.serviceform.sdk.benchmarks;

import com.serviceform.sdk.model.Item;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/** 64 callers sharing one client, GET of one item: calls per second. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(64)
// 64 threads on 2 cores leave the JIT little CPU: without the one-caller Prewarm, throughput was
// still rising after 30 s of warm-up; with it, after 10 s. Its forks differ more than its
// iterations (three forks of the raw Apache client: 50,300, 45,000 and 42,200 calls/s), so it
// runs five and ResultsTable also gives the ratio of the forks' medians (docs/performance.md).
@Fork(5)
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 5, time = 3)
public class ConcurrentGetItemBenchmark {
  static final long PREWARM_NANOS = TimeUnit.SECONDS.toNanos(Long.getLong("bench.prewarmSeconds", 10));

  /**
   * Runs the trial's own benchmark method on one thread before JMH's 64-thread warm-up. Under 64
   * busy callers the JIT's compiler threads get a 1/66 share of 2 cores, so hot code stayed in
   * profiling tiers for tens of seconds and some forks settled on slower code; one caller leaves
   * the compilers a core. Skipped when no warm-up is asked for (the smoke test).
   */
  @State(Scope.Benchmark)
  public static class Prewarm {
    @Setup(Level.Trial)
    public void run(Fixture f, BenchmarkParams params) throws Throwable {
      if (params.getWarmup().getCount() == 0) {
        return;
      }
      String name = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
      Method method = ConcurrentGetItemBenchmark.class.getMethod(name, Fixture.class, Prewarm.class);
      ConcurrentGetItemBenchmark benchmark = new ConcurrentGetItemBenchmark();
      long end = System.nanoTime() + PREWARM_NANOS;
      try {
        while (System.nanoTime() - end < 0) {
          method.invoke(benchmark, f, this);
        }
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }


  @Benchmark
  public Item sdkApache(Fixture f, Prewarm warm) {
    return f.sdkApache.flex().getItem("sp-1", "it-1");
  }

  /** The default client with retries, breaker and call timeout off: the resilience layer's price under load. */
  @Benchmark
  public Item sdkApacheResilienceOff(Fixture f, Prewarm warm) {
    return f.sdkApacheNoResilience.flex().getItem("sp-1", "it-1");
  }

  @Benchmark
  public Item sdkJdk(Fixture f, Prewarm warm) {
    return f.sdkJdk.flex().getItem("sp-1", "it-1");
  }

  @Benchmark
  public Item sdkOkHttp(Fixture f, Prewarm warm) {
    return f.sdkOkHttp.flex().getItem("sp-1", "it-1");
  }

  @Benchmark
  public Item rawJdk(Fixture f, Prewarm warm) throws IOException, InterruptedException {
    return RawCalls.jdkGet(f, Fixture.ITEM_PATH, f.itemReader);
  }

  @Benchmark
  public Item rawOkHttp(Fixture f, Prewarm warm) throws IOException {
    return RawCalls.okHttpGet(f, Fixture.ITEM_PATH, f.itemReader);
  }

  @Benchmark
  public Item rawApache(Fixture f, Prewarm warm) throws IOException {
    return RawCalls.apacheGet(f, Fixture.ITEM_PATH, f.itemReader);
  }
}
