package com.serviceform.sdk.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold start, measured as whole processes: each round starts one {@link ColdStartMain} per variant,
 * in an order that rotates from round to round, against one loopback server; after all rounds it
 * prints each variant's medians (wall and CPU time from main to the first decoded response, classes
 * loaded, peak memory) and the SDK's ratios to each raw client, as the median of the per-round
 * (paired) ratios.
 *
 * <p>Args: {@code [rounds] [call] [http|https]} with call {@code getItem} (default) or {@code
 * searchChats}; any further args go to each child JVM. Over {@code https} (the default, as in
 * production) the server has a self-signed certificate made by the JDK's keytool and every child
 * trusts it through the standard {@code javax.net.ssl.trustStore} properties, so every variant sets
 * up TLS; over {@code http} a client that sets TLS up lazily (the SDK) skips that work.
 * {@code sdk-benchmarks/run.sh cold [rounds] [http|https]} runs both calls.
 */
public final class ColdStart {
  private static final String[] METRICS = {"wallNs", "cpuNs", "classes", "peakRssKb"};

  private ColdStart() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    String call = args.length > 1 ? args[1] : "getItem";
    boolean https = args.length <= 2 || !args[2].equals("http");
    List<String> jvmArgs = new ArrayList<>(args.length > 3 ? Arrays.asList(args).subList(3, args.length) : List.of());
    java.nio.file.Path keyStore = null;
    if (https) {
      java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("coldstart-tls");
      keyStore = folder.resolve("server.p12");
      java.nio.file.Path certificate = folder.resolve("server.crt");
      java.nio.file.Path trustStore = folder.resolve("trust.p12");
      keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
          "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore", keyStore.toString(),
          "-storetype", "PKCS12", "-storepass", "changeit");
      keytool("-exportcert", "-alias", "server", "-keystore", keyStore.toString(), "-storepass", "changeit",
          "-file", certificate.toString());
      keytool("-importcert", "-noprompt", "-alias", "server", "-file", certificate.toString(), "-keystore",
          trustStore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
      jvmArgs.addAll(List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=changeit",
          "-Djavax.net.ssl.trustStoreType=PKCS12"));
    }
    List<String> variants = List.of("sdk-" + call, "apache-" + call, "jdk-" + call);
    Map<String, List<long[]>> results = new LinkedHashMap<>();
    variants.forEach(v -> results.put(v, new ArrayList<>()));
    try (ServerProcess server = new ServerProcess("--few-chats", keyStore)) {
      for (int round = 0; round < rounds; round++) {
        for (int i = 0; i < variants.size(); i++) {
          String variant = variants.get((round + i) % variants.size());
          results.get(variant).add(runOnce(variant, server.baseUrl(), jvmArgs));
        }
        System.err.printf(Locale.ROOT, "round %d of %d done%n", round + 1, rounds);
      }
    }
    print(call + (https ? " over https" : " over http"), rounds, variants, results);
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "keytool"));
    command.addAll(Arrays.asList(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
  }

  private static long[] runOnce(String variant, String baseUrl, List<String> jvmArgs) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ColdStartMain.class.getName());
    command.add(variant);
    command.add(baseUrl);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String result = null;
    StringBuilder output = new StringBuilder();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        output.append(line).append('\n');
        if (line.startsWith("COLDSTART ")) {
          result = line;
        }
      }
    }
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || result == null) {
      throw new IllegalStateException(variant + " failed:\n" + output);
    }
    long[] values = new long[METRICS.length];
    for (String field : result.split(" ")) {
      for (int m = 0; m < METRICS.length; m++) {
        if (field.startsWith(METRICS[m] + "=")) {
          values[m] = Long.parseLong(field.substring(METRICS[m].length() + 1));
        }
      }
    }
    return values;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static void print(String call, int rounds, List<String> variants, Map<String, List<long[]>> results) {
    System.out.printf(Locale.ROOT, "Cold start, %s: %d rounds, one process per variant per round%n%n", call, rounds);
    System.out.printf(Locale.ROOT, "%-20s %12s %12s %10s %14s%n", "variant", "wall ms", "CPU ms", "classes", "peak RSS MiB");
    for (String variant : variants) {
      List<long[]> runs = results.get(variant);
      System.out.printf(Locale.ROOT, "%-20s %12.1f %12.1f %10.0f %14.1f%n", variant,
          median(column(runs, 0)) / 1e6, median(column(runs, 1)) / 1e6, median(column(runs, 2)),
          median(column(runs, 3)) / 1024);
    }
    String sdk = variants.get(0);
    for (String raw : variants.subList(1, variants.size())) {
      System.out.printf(Locale.ROOT, "%nSDK / %s (median of %d paired ratios):", raw, rounds);
      for (int m = 0; m < METRICS.length; m++) {
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          ratios[r] = (double) results.get(sdk).get(r)[m] / results.get(raw).get(r)[m];
        }
        System.out.printf(Locale.ROOT, " %s %.3f", new String[] {"wall", "CPU", "classes", "peak memory"}[m],
            median(ratios));
      }
      System.out.println();
    }
  }

  private static double[] column(List<long[]> runs, int metric) {
    return runs.stream().mapToDouble(r -> r[metric]).toArray();
  }
}
