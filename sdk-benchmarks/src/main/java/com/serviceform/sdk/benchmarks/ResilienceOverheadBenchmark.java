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
 * The price of the resilience layer: the default client (retry, circuit breaker, call-timeout
 * watchdog) against the same client with all three off, on a GET that succeeds; and each of the
 * breaker and the call timeout alone. Retries cost nothing extra on a call that succeeds: with
 * them off the call still runs through the same Resilience4j retry, with one attempt.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// Five forks, like the other small calls: one fork measured on/off anywhere from 0.97 to 1.16,
// because each fork settles in one of two speeds about 15 % apart (docs/performance.md).
@Fork(5)
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 5, time = 5)
public class ResilienceOverheadBenchmark {

  @Benchmark
  public Item resilienceOn(Fixture f) {
    return f.sdkApache.flex().getItem("sp-1", "it-1");
  }

  @Benchmark
  public Item resilienceOff(Fixture f) {
    return f.sdkApacheNoResilience.flex().getItem("sp-1", "it-1");
  }

  /** Only the circuit breaker (no retries, no call timeout): its share of on/off. */
  @Benchmark
  public Item breakerOnly(Fixture f) {
    return f.sdkApacheBreakerOnly.flex().getItem("sp-1", "it-1");
  }

  /** Only the call timeout and its watchdog: its share of on/off. */
  @Benchmark
  public Item callTimeoutOnly(Fixture f) {
    return f.sdkApacheCallTimeoutOnly.flex().getItem("sp-1", "it-1");
  }
}
