package com.serviceform.sdk.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A cross-check of the small-call JMH results on a VM whose speed drifts; not a replacement for
 * them. JMH runs one variant after another, so minutes of drift land on whichever variant runs
 * then. Here the SDK and the raw baselines take turns in short slices in one JVM, on one server,
 * and each variant's median over the rounds is printed: drift hits them all alike.
 *
 * <pre>
 * java -cp sdk-benchmarks/target/benchmarks.jar com.serviceform.sdk.benchmarks.InterleavedCheck \
 *     [rounds=15] [sliceMillis=2000] [--spinner]
 * </pre>
 *
 * <p>{@code --spinner} keeps one thread of this JVM spinning while the variants run. On a VM whose
 * idle vCPUs halt to the host (docs/performance.md, "The VM's idle wake-ups"), this removes the
 * wake-up from each round trip; comparing a run with and without it shows how much of a call's
 * time is the VM rather than any client.
 */
public final class InterleavedCheck {
  /** Rounds run and discarded first, so the JIT has compiled every variant. */
  static final int WARM_UP_ROUNDS = 3;

  private static volatile boolean spinning;

  private InterleavedCheck() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    long sliceMillis = args.length > 1 ? Long.parseLong(args[1]) : 2000;
    boolean spinner = List.of(args).contains("--spinner");
    run(rounds, sliceMillis, spinner, System.out);
    // The OkHttp clients keep non-daemon threads alive for a while after their last call.
    System.exit(0);
  }

  /** Runs the check and prints one line per variant, then the SDK/bound ratio of each call. */
  static Map<String, List<Double>> run(int rounds, long sliceMillis, boolean spinner, PrintStream out)
      throws Exception {
    Fixture f = new Fixture();
    f.setUp();
    Thread spin = null;
    try {
      if (spinner) {
        spinning = true;
        spin = new Thread(InterleavedCheck::spin, "spinner");
        spin.setDaemon(true);
        spin.start();
      }
      Map<String, List<Double>> micros = measure(variants(f), rounds, sliceMillis);
      print(micros, rounds, sliceMillis, spinner, out);
      return micros;
    } finally {
      spinning = false;
      if (spin != null) {
        spin.join();
      }
      f.tearDown();
    }
  }

  private static Map<String, Callable<Object>> variants(Fixture f) {
    Map<String, Callable<Object>> variants = new LinkedHashMap<>();
    variants.put("getItem sdkApache", () -> f.sdkApache.flex().getItem("sp-1", "it-1"));
    variants.put("getItem rawJdk", () -> RawCalls.jdkGet(f, Fixture.ITEM_PATH, f.itemReader));
    variants.put("getItem rawOkHttp", () -> RawCalls.okHttpGet(f, Fixture.ITEM_PATH, f.itemReader));
    variants.put("getItem rawApache", () -> RawCalls.apacheGet(f, Fixture.ITEM_PATH, f.itemReader));
    variants.put("createItem sdkApache", () -> f.sdkApache.flex().createItem("sp-1", f.input));
    variants.put("createItem rawJdk",
        () -> RawCalls.jdkPost(f, Fixture.ITEMS_PATH, f.writer.writeValueAsBytes(f.input), f.itemReader));
    variants.put("createItem rawOkHttp",
        () -> RawCalls.okHttpPost(f, Fixture.ITEMS_PATH, f.writer.writeValueAsBytes(f.input), f.itemReader));
    variants.put("createItem rawApache",
        () -> RawCalls.apachePost(f, Fixture.ITEMS_PATH, f.writer.writeValueAsBytes(f.input), f.itemReader));
    return variants;
  }

  private static Map<String, List<Double>> measure(Map<String, Callable<Object>> variants, int rounds,
      long sliceMillis) throws Exception {
    Map<String, List<Double>> micros = new LinkedHashMap<>();
    variants.keySet().forEach(name -> micros.put(name, new ArrayList<>()));
    Object sink = null;
    for (int round = -WARM_UP_ROUNDS; round < rounds; round++) {
      for (Map.Entry<String, Callable<Object>> variant : variants.entrySet()) {
        long start = System.nanoTime();
        long end = start + sliceMillis * 1_000_000L;
        long calls = 0;
        long now;
        do {
          sink = variant.getValue().call();
          calls++;
          now = System.nanoTime();
        } while (now < end);
        if (round >= 0) {
          micros.get(variant.getKey()).add((now - start) / 1000.0 / calls);
        }
      }
    }
    if (sink == null) {
      throw new IOException("a call returned nothing");
    }
    return micros;
  }

  private static void print(Map<String, List<Double>> micros, int rounds, long sliceMillis, boolean spinner,
      PrintStream out) {
    out.printf(Locale.ROOT, "%d rounds of %d ms slices per variant, taking turns%s%n", rounds, sliceMillis,
        spinner ? ", with a spinning thread" : "");
    Map<String, Double> medians = new LinkedHashMap<>();
    for (Map.Entry<String, List<Double>> variant : micros.entrySet()) {
      List<Double> sorted = sorted(variant.getValue());
      medians.put(variant.getKey(), median(sorted));
      out.printf(Locale.ROOT, "%-22s median %6.1f us  min %6.1f  max %6.1f%n", variant.getKey(),
          medians.get(variant.getKey()), sorted.get(0), sorted.get(sorted.size() - 1));
    }
    for (String call : List.of("getItem", "createItem")) {
      String bound = null;
      for (String raw : List.of("rawJdk", "rawOkHttp", "rawApache")) {
        if (bound == null || medians.get(call + " " + raw) < medians.get(call + " " + bound)) {
          bound = raw;
        }
      }
      out.printf(Locale.ROOT, "%s: SDK/bound (%s) = %.3f%n", call, bound,
          medians.get(call + " sdkApache") / medians.get(call + " " + bound));
    }
  }

  static double median(List<Double> values) {
    List<Double> sorted = sorted(values);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static List<Double> sorted(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted;
  }

  private static void spin() {
    while (spinning) {
      Thread.onSpinWait();
    }
  }
}
