package com.serviceform.sdk.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a JMH JSON result file as the table in docs/performance.md: per scenario, each SDK
 * transport and raw baseline, the bound (fastest baseline), the default transport's ratio to it,
 * and allocation per call when the run had {@code -prof gc}.
 */
public final class ResultsTable {
  private static final String[] SDK = {"sdkApache", "sdkJdk", "sdkOkHttp"};
  private static final String[] RAW = {"rawJdk", "rawOkHttp", "rawApache"};

  private ResultsTable() {}

  static final class Score {
    final double value;
    final double error;
    final String unit;
    final double allocBytes;
    final double cpuNanos;
    /** The median of the forks' means: which of the two fork modes most forks fell into. */
    final double forkMedian;
    final int forks;

    Score(double value, double error, String unit, double allocBytes, double cpuNanos, double[] forkMeans) {
      this.value = value;
      this.forkMedian = median(forkMeans);
      this.forks = forkMeans.length;
      this.error = error;
      this.unit = unit;
      this.allocBytes = allocBytes;
      this.cpuNanos = cpuNanos;
    }
  }

  public static void main(String[] args) throws IOException {
    JsonNode results = new ObjectMapper().readTree(new File(args[0]));
    Map<String, Map<String, Score>> byScenario = new LinkedHashMap<>();
    for (JsonNode result : results) {
      String name = result.path("benchmark").asText();
      int dot = name.lastIndexOf('.');
      String scenario = name.substring(name.lastIndexOf('.', dot - 1) + 1, dot).replace("Benchmark", "");
      JsonNode primary = result.path("primaryMetric");
      double alloc = Double.NaN;
      double cpu = Double.NaN;
      Iterator<Map.Entry<String, JsonNode>> secondary = result.path("secondaryMetrics").fields();
      while (secondary.hasNext()) {
        Map.Entry<String, JsonNode> metric = secondary.next();
        if (metric.getKey().endsWith("gc.alloc.rate.norm")) {
          alloc = metric.getValue().path("score").asDouble();
        }
        if (metric.getKey().endsWith("cpu.time.norm")) {
          cpu = metric.getValue().path("score").asDouble();
        }
      }
      byScenario.computeIfAbsent(scenario, k -> new LinkedHashMap<>()).put(name.substring(dot + 1),
          new Score(primary.path("score").asDouble(), primary.path("scoreError").asDouble(),
              primary.path("scoreUnit").asText(), alloc, cpu, forkMeans(primary.path("rawData"))));
    }

    StringBuilder table = new StringBuilder();
    table.append("| scenario | unit | SDK Apache HC5 (default) | SDK JDK | SDK OkHttp | raw JDK | raw OkHttp | raw Apache HC5 "
        + "| bound | default/bound | default/bound, fork medians | alloc/op SDK default | alloc/op bound | alloc ratio | client CPU/op SDK default "
        + "| client CPU/op bound | CPU ratio |\n");
    table.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Map.Entry<String, Map<String, Score>> scenario : byScenario.entrySet()) {
      Map<String, Score> scores = scenario.getValue();
      if (scores.containsKey("resilienceOn")) {
        continue;
      }
      boolean throughput = scores.values().iterator().next().unit.startsWith("ops/");
      String boundName = null;
      for (String raw : RAW) {
        Score s = scores.get(raw);
        if (s != null && (boundName == null || (throughput ? s.value > scores.get(boundName).value
            : s.value < scores.get(boundName).value))) {
          boundName = raw;
        }
      }
      table.append("| ").append(scenario.getKey()).append(" | ")
          .append(scores.values().iterator().next().unit).append(" |");
      for (String column : SDK) {
        table.append(' ').append(cell(scores.get(column))).append(" |");
      }
      for (String column : RAW) {
        table.append(' ').append(cell(scores.get(column))).append(" |");
      }
      Score bound = boundName == null ? null : scores.get(boundName);
      Score sdk = scores.get("sdkApache");
      table.append(' ').append(boundName == null ? "-" : boundName).append(" | ");
      table.append(sdk == null || bound == null ? "-" : format(sdk.value / bound.value) + (throughput ? " (throughput)" : ""))
          .append(" | ");
      table.append(sdk == null || bound == null ? "-" : format(sdk.forkMedian / bestForkMedian(scores, throughput))
          + " (" + forks(sdk.forks) + ")").append(" | ");
      table.append(sdk == null ? "-" : bytes(sdk.allocBytes)).append(" | ");
      table.append(bound == null ? "-" : bytes(bound.allocBytes)).append(" | ");
      table.append(sdk == null || bound == null || Double.isNaN(sdk.allocBytes) ? "-"
          : format(sdk.allocBytes / bound.allocBytes)).append(" | ");
      table.append(sdk == null ? "-" : micros(sdk.cpuNanos)).append(" | ");
      table.append(bound == null ? "-" : micros(bound.cpuNanos)).append(" | ");
      table.append(sdk == null || bound == null || Double.isNaN(sdk.cpuNanos) ? "-"
          : format(sdk.cpuNanos / bound.cpuNanos)).append(" |\n");
    }
    for (Map.Entry<String, Map<String, Score>> scenario : byScenario.entrySet()) {
      Map<String, Score> scores = scenario.getValue();
      if (scores.containsKey("resilienceOn") && scores.containsKey("resilienceOff")) {
        Score on = scores.get("resilienceOn");
        Score off = scores.get("resilienceOff");
        table.append("\nResilience layer (getItem, Apache HC5): on ").append(cell(on)).append(", off ").append(cell(off))
            .append(' ').append(on.unit).append(", on/off = ").append(format(on.value / off.value))
            .append(", fork medians on/off = ").append(format(on.forkMedian / off.forkMedian))
            .append(" (").append(forks(on.forks)).append(")")
            .append(", alloc on/off = ").append(bytes(on.allocBytes)).append(" / ").append(bytes(off.allocBytes))
            .append(", client CPU on/off = ").append(micros(on.cpuNanos)).append(" / ").append(micros(off.cpuNanos))
            .append(" = ").append(format(on.cpuNanos / off.cpuNanos))
            .append('\n');
      }
    }
    System.out.print(table);
  }

  /** Each fork's mean from JMH's rawData (one array of iteration scores per fork). */
  static double[] forkMeans(JsonNode rawData) {
    double[] means = new double[rawData.size()];
    for (int fork = 0; fork < rawData.size(); fork++) {
      double sum = 0;
      for (JsonNode iteration : rawData.get(fork)) {
        sum += iteration.asDouble();
      }
      means[fork] = sum / rawData.get(fork).size();
    }
    return means;
  }

  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /** The bound by fork medians: the best raw baseline's median, which may be another baseline. */
  private static double bestForkMedian(Map<String, Score> scores, boolean throughput) {
    double best = Double.NaN;
    for (String raw : RAW) {
      Score s = scores.get(raw);
      if (s != null && (Double.isNaN(best) || (throughput ? s.forkMedian > best : s.forkMedian < best))) {
        best = s.forkMedian;
      }
    }
    return best;
  }

  private static String forks(int count) {
    return count == 1 ? "1 fork" : count + " forks";
  }

  private static String cell(Score score) {
    if (score == null) {
      return "-";
    }
    return format(score.value) + " ± " + format(score.error);
  }

  private static String format(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    return value >= 100 ? String.format(Locale.ROOT, "%.0f", value)
        : value >= 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.3f", value);
  }

  private static String micros(double nanos) {
    if (Double.isNaN(nanos)) {
      return "-";
    }
    return nanos >= 1_000_000 ? String.format(Locale.ROOT, "%.1f ms", nanos / 1_000_000)
        : String.format(Locale.ROOT, "%.1f us", nanos / 1000);
  }

  private static String bytes(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    if (value >= 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MB", value / (1024 * 1024));
    }
    if (value >= 1024) {
      return String.format(Locale.ROOT, "%.1f KB", value / 1024);
    }
    return String.format(Locale.ROOT, "%.0f B", value);
  }
}
