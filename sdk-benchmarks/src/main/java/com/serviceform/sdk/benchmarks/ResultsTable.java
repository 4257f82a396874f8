package com.serviceform.sdk.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Prints JMH JSON result files as the table in docs/performance.md: per scenario, each SDK
 * transport and raw baseline, the bound (fastest baseline), the default transport's ratio to it,
 * and allocation per call when the run had {@code -prof gc}.
 *
 * <p>Given several files (runs of the same benchmarks one after another), it pools each
 * benchmark's forks: the mean is over every iteration of every run, the interval is a 99.9 %
 * Student interval over the forks' means (forks, not iterations, are what vary most on this VM),
 * and a line per scenario gives each run's own ratio. Alternating short runs, rather than one
 * long run, lets drift of the machine hit the SDK and the bound alike.
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
    /** Each fork's iteration scores, as JMH's rawData. */
    final double[][] iterations;
    /** The median of the forks' means: which of the two fork modes most forks fell into. */
    final double forkMedian;
    final int forks;

    Score(double value, double error, String unit, double allocBytes, double cpuNanos, double[][] iterations) {
      this.value = value;
      this.error = error;
      this.unit = unit;
      this.allocBytes = allocBytes;
      this.cpuNanos = cpuNanos;
      this.iterations = iterations;
      this.forkMedian = median(forkMeans(iterations));
      this.forks = iterations.length;
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: ResultsTable results.json [more-results.json ...]");
      System.exit(2);
    }
    List<Map<String, Map<String, Score>>> runs = new ArrayList<>();
    for (String arg : args) {
      runs.add(read(new File(arg)));
    }
    Map<String, Map<String, Score>> scores = runs.size() == 1 ? runs.get(0) : pool(runs);
    StringBuilder out = new StringBuilder(table(scores));
    if (runs.size() > 1) {
      out.append(perRunRatios(runs, scores));
    }
    System.out.print(out);
  }

  /** One JMH result file, by scenario, then by method name. */
  static Map<String, Map<String, Score>> read(File file) throws IOException {
    JsonNode results = new ObjectMapper().readTree(file);
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
              primary.path("scoreUnit").asText(), alloc, cpu, iterations(primary.path("rawData"))));
    }
    return byScenario;
  }

  /**
   * Several runs' scores as one: forks concatenated, the mean over all iterations, a 99.9 %
   * interval over the forks' means, and allocation and CPU per call weighted by each run's forks.
   */
  static Map<String, Map<String, Score>> pool(List<Map<String, Map<String, Score>>> runs) {
    Map<String, Map<String, List<Score>>> grouped = new LinkedHashMap<>();
    for (Map<String, Map<String, Score>> run : runs) {
      run.forEach((scenario, scores) -> scores.forEach((method, score) ->
          grouped.computeIfAbsent(scenario, k -> new LinkedHashMap<>())
              .computeIfAbsent(method, k -> new ArrayList<>()).add(score)));
    }
    Map<String, Map<String, Score>> pooled = new LinkedHashMap<>();
    grouped.forEach((scenario, methods) -> methods.forEach((method, scores) -> {
      List<double[]> forks = new ArrayList<>();
      double sum = 0;
      int count = 0;
      double alloc = 0;
      double cpu = 0;
      for (Score score : scores) {
        for (double[] fork : score.iterations) {
          forks.add(fork);
          for (double iteration : fork) {
            sum += iteration;
            count++;
          }
        }
        alloc += score.allocBytes * score.forks;
        cpu += score.cpuNanos * score.forks;
      }
      double[][] all = forks.toArray(new double[0][]);
      pooled.computeIfAbsent(scenario, k -> new LinkedHashMap<>()).put(method,
          new Score(sum / count, forkInterval(forkMeans(all)), scores.get(0).unit, alloc / all.length,
              cpu / all.length, all));
    }));
    return pooled;
  }

  /** The half-width of a 99.9 % Student interval for the mean of the forks' means. */
  static double forkInterval(double[] forkMeans) {
    int n = forkMeans.length;
    if (n < 2) {
      return Double.NaN;
    }
    return new TDistribution(n - 1).inverseCumulativeProbability(0.9995) * standardError(forkMeans);
  }

  /**
   * For each scenario, the ratio its target is about (the default transport to the bound, or the
   * resilience layer on to off) in each run on its own, then pooled with a 95 % interval: the
   * delta method over the forks' means, with Student's t on the fewer forks of the two.
   */
  static String perRunRatios(List<Map<String, Map<String, Score>>> runs, Map<String, Map<String, Score>> pooled) {
    Map<String, List<String>> ratios = new LinkedHashMap<>();
    for (Map<String, Map<String, Score>> run : runs) {
      run.forEach((scenario, scores) -> {
        String[] pair = ratioPair(scores);
        if (pair != null) {
          ratios.computeIfAbsent(scenario, k -> new ArrayList<>())
              .add(format(scores.get(pair[0]).value / scores.get(pair[1]).value));
        }
      });
    }
    StringBuilder out = new StringBuilder();
    ratios.forEach((scenario, list) -> {
      Map<String, Score> scores = pooled.get(scenario);
      String[] pair = ratioPair(scores);
      Score numerator = scores.get(pair[0]);
      Score denominator = scores.get(pair[1]);
      out.append('\n').append(scenario).append(", ").append(pair[0]).append('/').append(pair[1])
          .append(" in each of the ").append(list.size()).append(" runs: ").append(String.join(", ", list))
          .append("; pooled ").append(format(numerator.value / denominator.value));
      double[] interval = ratioInterval(numerator, denominator);
      if (!Double.isNaN(interval[0])) {
        out.append(", 95 % interval ").append(format(interval[0])).append(" to ").append(format(interval[1]));
      }
      out.append('\n');
    });
    return out.toString();
  }

  /** The two methods a scenario's target compares, or null. */
  private static String[] ratioPair(Map<String, Score> scores) {
    if (scores.containsKey("resilienceOn") && scores.containsKey("resilienceOff")) {
      return new String[] {"resilienceOn", "resilienceOff"};
    }
    String boundName = boundName(scores);
    return scores.containsKey("sdkApache") && boundName != null ? new String[] {"sdkApache", boundName} : null;
  }

  /** A 95 % interval for a / b from the spread of each one's fork means. */
  static double[] ratioInterval(Score a, Score b) {
    int forks = Math.min(a.forks, b.forks);
    if (forks < 2) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double ratio = a.value / b.value;
    double relA = standardError(forkMeans(a.iterations)) / a.value;
    double relB = standardError(forkMeans(b.iterations)) / b.value;
    double t = new TDistribution(forks - 1).inverseCumulativeProbability(0.975);
    double half = t * ratio * Math.sqrt(relA * relA + relB * relB);
    return new double[] {ratio - half, ratio + half};
  }

  private static double standardError(double[] values) {
    int n = values.length;
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= n;
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    return Math.sqrt(squares / (n - 1)) / Math.sqrt(n);
  }

  private static String boundName(Map<String, Score> scores) {
    return bestRaw(scores, score -> score.value);
  }

  /** The raw baseline best by the given measure: the highest for throughput, else the lowest. */
  private static String bestRaw(Map<String, Score> scores, ToDoubleFunction<Score> measure) {
    if (scores.isEmpty()) {
      return null;
    }
    boolean throughput = scores.values().iterator().next().unit.startsWith("ops/");
    String best = null;
    for (String raw : RAW) {
      Score s = scores.get(raw);
      if (s != null && (best == null || (throughput
          ? measure.applyAsDouble(s) > measure.applyAsDouble(scores.get(best))
          : measure.applyAsDouble(s) < measure.applyAsDouble(scores.get(best))))) {
        best = raw;
      }
    }
    return best;
  }

  static String table(Map<String, Map<String, Score>> byScenario) {
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
      String boundName = boundName(scores);
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
      table.append(sdk == null || bound == null ? "-" : format(sdk.forkMedian / bestForkMedian(scores))
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
            .append(" = ").append(format(on.cpuNanos / off.cpuNanos));
        for (String part : new String[] {"breakerOnly", "callTimeoutOnly"}) {
          Score alone = scores.get(part);
          if (alone != null) {
            table.append("; ").append(part).append(' ').append(cell(alone)).append(", /off = ")
                .append(format(alone.value / off.value)).append(", client CPU /off = ")
                .append(format(alone.cpuNanos / off.cpuNanos));
          }
        }
        table.append('\n');
      }
    }
    return table.toString();
  }

  /** JMH's rawData: one array of iteration scores per fork. */
  static double[][] iterations(JsonNode rawData) {
    double[][] forks = new double[rawData.size()][];
    for (int fork = 0; fork < rawData.size(); fork++) {
      JsonNode scores = rawData.get(fork);
      forks[fork] = new double[scores.size()];
      for (int i = 0; i < scores.size(); i++) {
        forks[fork][i] = scores.get(i).asDouble();
      }
    }
    return forks;
  }

  /** Each fork's mean of its iterations. */
  static double[] forkMeans(double[][] iterations) {
    double[] means = new double[iterations.length];
    for (int fork = 0; fork < iterations.length; fork++) {
      double sum = 0;
      for (double iteration : iterations[fork]) {
        sum += iteration;
      }
      means[fork] = sum / iterations[fork].length;
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
  private static double bestForkMedian(Map<String, Score> scores) {
    return scores.get(bestRaw(scores, score -> score.forkMedian)).forkMedian;
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
