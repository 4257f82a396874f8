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
import org.openjdk.jmh.annotations.Warmup;

/** GET of one ~1 KB item, one caller: average time per call. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// Five forks: forks of the same code settle in modes up to ~15 % apart on this VM (pinning the
// client and server to vCPUs did not remove them), and ResultsTable also gives the ratio of the
// forks' medians, to show how the forks split between the modes (docs/performance.md).
@Fork(5)
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 5, time = 5)
public class GetItemBenchmark {

  @Benchmark
  public Item sdkApache(Fixture f) {
    return f.sdkApache.flex().getItem("sp-1", "it-1");
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
