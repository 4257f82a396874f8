package com.serviceform.sdk.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs every benchmark method once (no warm-up, one shot, in this JVM) so the suite cannot rot
 * while {@code ./mvnw verify} never spends time measuring. Each method checks its own result: a
 * benchmark that throws fails this test.
 */
class BenchmarkSmokeTest {
  @Test
  void everyBenchmarkRunsOnce() throws Exception {
    Options options = new OptionsBuilder()
        .include("com\\.serviceform\\.sdk\\.benchmarks\\..*Benchmark\\..*")
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .mode(Mode.SingleShotTime)
        .threads(2)
        .shouldFailOnError(true)
        .build();
    Collection<RunResult> results = new Runner(options).run();
    Set<String> ran = results.stream().map(r -> r.getParams().getBenchmark()).collect(Collectors.toSet());
    assertEquals(36, ran.size(), ran.toString());
    for (String part : List.of("resilienceOn", "resilienceOff", "breakerOnly", "callTimeoutOnly")) {
      assertTrue(ran.contains("com.serviceform.sdk.benchmarks.ResilienceOverheadBenchmark." + part), part);
    }
    for (String scenario : List.of("GetItem", "CreateItem", "ListItems", "SearchChatsStream", "ConcurrentGetItem")) {
      for (String variant : List.of("sdkApache", "sdkJdk", "sdkOkHttp", "rawJdk", "rawOkHttp", "rawApache")) {
        String name = "com.serviceform.sdk.benchmarks." + scenario + "Benchmark." + variant;
        assertTrue(ran.contains(name), name);
      }
    }
  }
}
