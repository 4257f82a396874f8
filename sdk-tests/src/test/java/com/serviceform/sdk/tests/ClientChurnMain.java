package com.serviceform.sdk.tests;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.Transport;

/**
 * Run in its own JVM by {@link ClientCloseTest}: {@code <transport> <baseUrl> <n>} builds n clients
 * one after the other, makes one call with each and closes it, then compares threads and open file
 * descriptors with the baseline taken after the first client (class loading and the JVM's own
 * lazily started threads are not the SDK's). Exits 1 with the figures when they did not return.
 */
public final class ClientChurnMain {
  private ClientChurnMain() {}

  public static void main(String[] args) throws Exception {
    Transport transport = Transport.valueOf(args[0]);
    String baseUrl = args[1];
    int n = Integer.parseInt(args[2]);
    long t0 = System.nanoTime();
    useOnce(transport, baseUrl);
    settle(-1, -1);
    long t1 = System.nanoTime();
    long baseThreads = ClientCloseTest.threadCount();
    long baseFds = ClientCloseTest.openFileDescriptors();
    int calls = 1;
    for (int i = 1; i < n; i++) {
      useOnce(transport, baseUrl);
      calls++;
    }
    long t2 = System.nanoTime();
    boolean back = settle(baseThreads, baseFds);
    System.out.println("timing first+settle=" + (t1 - t0) / 1_000_000 + " ms, loop=" + (t2 - t1) / 1_000_000
        + " ms, settle=" + (System.nanoTime() - t2) / 1_000_000 + " ms; build=" + build / 1_000_000 + " call="
        + call / 1_000_000 + " close=" + close / 1_000_000);
    System.out.println("calls=" + calls + " threads " + baseThreads + " -> " + ClientCloseTest.threadCount()
        + ", fds " + baseFds + " -> " + ClientCloseTest.openFileDescriptors());
    if (!back) {
      Thread.getAllStackTraces().keySet().forEach(t -> System.out.println("  thread " + t.getName()));
      System.exit(1);
    }
  }

  static long build, call, close;

  private static void useOnce(Transport transport, String baseUrl) {
    long a = System.nanoTime();
    ServiceformClient client = ServiceformClient.builder().apiKey("k").baseUrl(baseUrl)
        .transport(transport).build();
    long b = System.nanoTime();
    client.flex().getItem("sp-1", "it-1");
    long c = System.nanoTime();
    client.close();
    long d = System.nanoTime();
    build += b - a;
    call += c - b;
    close += d - c;
  }

  /**
   * Waits (collecting garbage: on Java 17 a JDK client's selector thread and descriptors go only
   * with the client) until threads and descriptors are at the baseline, for at most 20 s.
   */
  private static boolean settle(long threads, long fds) throws InterruptedException {
    long end = System.nanoTime() + 20_000_000_000L;
    while (true) {
      System.gc();
      Thread.sleep(100);
      boolean threadsBack = threads < 0 || ClientCloseTest.threadCount() <= threads;
      boolean fdsBack = fds < 0 || ClientCloseTest.openFileDescriptors() <= fds;
      if (threads < 0 ? System.nanoTime() - end > -18_000_000_000L : threadsBack && fdsBack) {
        return true;
      }
      if (System.nanoTime() - end > 0) {
        return false;
      }
    }
  }
}
