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
    double[] means = ResultsTable.forkMeans(new ObjectMapper().readTree("[[1,3],[10,20,30],[5]]"));
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
    Path file = dir.resolve("results.json");
    Files.writeString(file, json);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      ResultsTable.main(new String[] {file.toString()});
    } finally {
      System.setOut(original);
    }
    String row = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("| GetItem ")).findFirst()
        .orElseThrow();
    // 35 / 31 = 1.129 by means; 30 / 31 = 0.968 by fork medians.
    assertTrue(row.contains("| rawApache | 1.129 | 0.968 (3 forks) |"), row);
  }

  private static String result(String name, String rawData, double score) {
    return "{\"benchmark\":\"com.serviceform.sdk.benchmarks." + name + "\",\"primaryMetric\":{\"score\":" + score
        + ",\"scoreError\":1.0,\"scoreUnit\":\"us/op\",\"rawData\":" + rawData + "},\"secondaryMetrics\":{}}";
  }
}
