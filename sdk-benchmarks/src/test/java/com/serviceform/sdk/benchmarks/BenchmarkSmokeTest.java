package com.serviceform.sdk.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every benchmark method once (no warm-up, one shot, in this JVM) so the suite cannot rot
 * while {@code ./mvnw verify} never spends time measuring. Each method checks its own result: a
 * benchmark that throws fails this test. JMH's console output (a banner and a table per method,
 * meaningless for one unforked shot) is kept out of the build log and shown only on failure.
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
    ByteArrayOutputStream jmhOutput = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(jmhOutput, true, StandardCharsets.UTF_8);
    Collection<RunResult> results;
    try {
      results = new Runner(options, OutputFormatFactory.createFormatInstance(out, VerboseMode.NORMAL)).run();
    } catch (RunnerException | RuntimeException e) {
      throw new AssertionError("a benchmark failed; JMH said:\n" + jmhOutput.toString(StandardCharsets.UTF_8), e);
    }
    Set<String> ran = results.stream().map(r -> r.getParams().getBenchmark()).collect(Collectors.toSet());
    assertEquals(39, ran.size(), ran.toString());
    for (String part : List.of("noListener", "noopListener", "responseValidation")) {
      assertTrue(ran.contains("com.serviceform.sdk.benchmarks.ObservabilityOverheadBenchmark." + part), part);
    }
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
