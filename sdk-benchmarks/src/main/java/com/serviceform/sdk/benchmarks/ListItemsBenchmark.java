package com.serviceform.sdk.benchmarks;

import com.serviceform.sdk.model.Item;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** GET of a space with 10,000 items (about 10 MB), decoded into a list: average time per call. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 5, time = 5)
public class ListItemsBenchmark {

  @Benchmark
  public List<Item> sdkApache(Fixture f) {
    return f.sdkApache.flex().listItems("sp-1");
  }

  @Benchmark
  public List<Item> sdkJdk(Fixture f) {
    return f.sdkJdk.flex().listItems("sp-1");
  }

  @Benchmark
  public List<Item> sdkOkHttp(Fixture f) {
    return f.sdkOkHttp.flex().listItems("sp-1");
  }

  @Benchmark
  public List<Item> rawJdk(Fixture f) throws IOException, InterruptedException {
    return RawCalls.jdkGet(f, Fixture.ITEMS_PATH, f.itemsReader);
  }

  @Benchmark
  public List<Item> rawOkHttp(Fixture f) throws IOException {
    return RawCalls.okHttpGet(f, Fixture.ITEMS_PATH, f.itemsReader);
  }

  @Benchmark
  public List<Item> rawApache(Fixture f) throws IOException {
    return RawCalls.apacheGet(f, Fixture.ITEMS_PATH, f.itemsReader);
  }
}
