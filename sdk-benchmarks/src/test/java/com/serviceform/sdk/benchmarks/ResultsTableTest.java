package com.serviceform.sdk.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTableTest {
  @Test
  void forkMeansAreTheMeansOfEachForksIterations() throws Exception {
    double[] means = ResultsTable.forkMeans(ResultsTable.iterations(new ObjectMapper().readTree("[[1,3],[10,20,30],[5]]")));
    assertArrayEquals(new double[] {2, 20, 5}, means, 1e-9);
  }

  @Test
  void medianIgnoresOneOutlyingFork() {
    assertEquals(30, ResultsTable.median(new double[] {31, 29, 30, 45, 28}), 1e-9);
    assertEquals(29.5, ResultsTable.median(new double[] {31, 28, 29, 30}), 1e-9);
  }

  @Test
  void theTableGivesTheMeanRatioAndTheForkMedianRatio(@TempDir Path dir) throws Exception {
    // SDK forks 30, 30, 45 (one slow fork): mean 35; raw Apache 30, 31, 32: mean 31, median 31.
    String json = "[" + result("GetItemBenchmark.sdkApache", "[[30,30],[30,30],[45,45]]", 35)
        + "," + result("GetItemBenchmark.rawApache", "[[30],[31],[32]]", 31)
        + "," + result("GetItemBenchmark.rawOkHttp", "[[40],[40],[40]]", 40) + "]";
    String row = row(print(file(dir, "results.json", json)), "| GetItem ");
    // 35 / 31 = 1.129 by means; 30 / 31 = 0.968 by fork medians.
    assertTrue(row.contains("| rawApache | 1.129 | 0.968 (3 forks) |"), row);
  }

  @Test
  void severalRunsArePooledForkByForkAndEachRunKeepsItsOwnRatio(@TempDir Path dir) throws Exception {
    // Run 1: SDK 30, 32 against raw Apache 31, 31 (ratio 31 / 31 = 1.000).
    // Run 2: SDK 40, 42 against raw Apache 30, 32 (ratio 41 / 31 = 1.323).
    Path first = file(dir, "run1.json", "[" + result("CreateItemBenchmark.sdkApache", "[[30,30],[32,32]]", 31)
        + "," + result("CreateItemBenchmark.rawApache", "[[31,31],[31,31]]", 31) + "]");
    Path second = file(dir, "run2.json", "[" + result("CreateItemBenchmark.sdkApache", "[[40,40],[42,42]]", 41)
        + "," + result("CreateItemBenchmark.rawApache", "[[30,30],[32,32]]", 31) + "]");
    String out = print(first, second);
    String row = row(out, "| CreateItem ");
    // Pooled SDK: forks 30, 32, 40, 42, mean 36; raw Apache: 31, 31, 30, 32, mean 31; 36 / 31 = 1.161.
    // Fork medians: 36 / 31 = 1.161 too. The SDK's interval is t(0.9995, 3) * sd / sqrt(4)
    // = 12.924 * sqrt((36 + 16 + 16 + 36) / 3) / 2 = 38.0.
    assertTrue(row.contains("| 36.0 ± 38.0 |"), row);
    assertTrue(row.contains("| rawApache | 1.161 | 1.161 (4 forks) |"), row);
    // The pooled ratio's 95 % interval: 1.161 ± t(0.975, 3) * 1.161 * sqrt((2.944 / 36)^2 + (0.408 / 31)^2),
    // from the standard errors of the forks' means.
    assertTrue(out.contains("CreateItem, sdkApache/rawApache in each of the 2 runs: 1.000, 1.323; pooled 1.161, "
        + "95 % interval 0.855 to 1.467"), out);
  }

  @Test
  void pooledResilienceRunsGiveTheOnOffRatioOfEachRun(@TempDir Path dir) throws Exception {
    Path first = file(dir, "run1.json", "[" + result("ResilienceOverheadBenchmark.resilienceOn", "[[30],[32]]", 31)
        + "," + result("ResilienceOverheadBenchmark.resilienceOff", "[[30],[30]]", 30)
        + "," + result("ResilienceOverheadBenchmark.breakerOnly", "[[31],[31]]", 31) + "]");
    Path second = file(dir, "run2.json", "[" + result("ResilienceOverheadBenchmark.resilienceOn", "[[28],[28]]", 28)
        + "," + result("ResilienceOverheadBenchmark.resilienceOff", "[[29],[29]]", 29) + "]");
    String out = print(first, second);
    // Run ratios 31 / 30 and 28 / 29; pooled 29.5 / 29.5.
    assertTrue(out.contains("ResilienceOverhead, resilienceOn/resilienceOff in each of the 2 runs: 1.033, 0.966; "
        + "pooled 1.000"), out);
    // A part measured in one run only is set against the pooled "off": 31 / 29.5.
    assertTrue(out.contains("; breakerOnly 31.0 ± 0.000, /off = 1.051"), out);
  }

  @Test
  void theForkIntervalIsAStudentIntervalOverTheForksMeans() {
    // Two forks 10 and 12: sd = sqrt(2), t(0.9995, 1) = 636.6.
    assertEquals(636.619 * Math.sqrt(2) / Math.sqrt(2), ResultsTable.forkInterval(new double[] {10, 12}), 0.01);
    assertTrue(Double.isNaN(ResultsTable.forkInterval(new double[] {10})));
  }

  private static Path file(Path dir, String name, String json) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, json);
    return file;
  }

  private static String print(Path... files) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      ResultsTable.main(java.util.Arrays.stream(files).map(Path::toString).toArray(String[]::new));
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String row(String table, String prefix) {
    return table.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError(table));
  }

  private static String result(String name, String rawData, double score) {
    return "{\"benchmark\":\"com.serviceform.sdk.benchmarks." + name + "\",\"primaryMetric\":{\"score\":" + score
        + ",\"scoreError\":1.0,\"scoreUnit\":\"us/op\",\"rawData\":" + rawData + "},\"secondaryMetrics\":{}}";
  }
}
