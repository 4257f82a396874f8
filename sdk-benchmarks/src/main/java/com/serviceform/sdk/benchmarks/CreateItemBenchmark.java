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

/** POST of an item with custom fields, answered with the ~1 KB item: average time per call. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// Five forks: forks of the same code settle in modes up to ~15 % apart on this VM (three forks
// of raw Apache: 28.6, 29.4, 31.6 µs), and ResultsTable also gives the ratio of the forks'
// medians, to show how the forks split between the modes (docs/performance.md).
@Fork(5)
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 5, time = 5)
public class CreateItemBenchmark {

  @Benchmark
  public Item sdkApache(Fixture f) {
    return f.sdkApache.flex().createItem("sp-1", f.input);
  }

  @Benchmark
  public Item sdkJdk(Fixture f) {
    return f.sdkJdk.flex().createItem("sp-1", f.input);
  }

  @Benchmark
  public Item sdkOkHttp(Fixture f) {
    return f.sdkOkHttp.flex().createItem("sp-1", f.input);
  }

  // The baselines serialise the body per call too, with the shared writer.

  @Benchmark
  public Item rawJdk(Fixture f) throws IOException, InterruptedException {
    return RawCalls.jdkPost(f, Fixture.ITEMS_PATH, f.writer.writeValueAsBytes(f.input), f.itemReader);
  }

  @Benchmark
  public Item rawOkHttp(Fixture f) throws IOException {
    return RawCalls.okHttpPost(f, Fixture.ITEMS_PATH, f.writer.writeValueAsBytes(f.input), f.itemReader);
  }

  @Benchmark
  public Item rawApache(Fixture f) throws IOException {
    return RawCalls.apachePost(f, Fixture.ITEMS_PATH, f.writer.writeValueAsBytes(f.input), f.itemReader);
  }
}
