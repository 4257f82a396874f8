package com.serviceform.sdk.tests;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.Transport;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in its own JVM by {@link IdleClientsTest}: {@code <transport> <n>} builds n clients and keeps
 * them, unused, then prints the heap they retain (used heap after full collections, before and
 * after) and the threads they added; {@code sweep} prints whether the shared idle-connection thread
 * of the Apache pools runs with two clients, with one, and after the last is closed.
 */
public final class IdleClientsMain {
  private IdleClientsMain() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("sweep")) {
      sweep();
      return;
    }
    Transport transport = Transport.valueOf(args[0]);
    int n = Integer.parseInt(args[1]);
    // One client first: class loading and one-time setup are not per client.
    ServiceformClient first = build(transport);
    long heap0 = settledHeap();
    int threads0 = ManagementFactory.getThreadMXBean().getThreadCount();
    List<ServiceformClient> clients = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      clients.add(build(transport));
    }
    long heap1 = settledHeap();
    int threads1 = ManagementFactory.getThreadMXBean().getThreadCount();
    System.out.println("IDLE clients=" + clients.size() + " bytesPerClient=" + (heap1 - heap0) / n
        + " threadsAdded=" + (threads1 - threads0));
    clients.forEach(ServiceformClient::close);
    first.close();
  }

  private static void sweep() throws InterruptedException {
    ServiceformClient first = build(Transport.APACHE_HTTP_CLIENT_5);
    ServiceformClient second = build(Transport.APACHE_HTTP_CLIENT_5);
    Thread sweeper = sweeperThread();
    boolean withTwo = sweeper != null && sweeper.isAlive();
    first.close();
    boolean withOne = sweeper != null && sweeper.isAlive();
    second.close();
    if (sweeper != null) {
      sweeper.join(5_000);
    }
    System.out.println("SWEEP withTwo=" + withTwo + " withOne=" + withOne
        + " afterLast=" + (sweeper != null && sweeper.isAlive()));
  }

  private static Thread sweeperThread() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("serviceform-idle-connections")).findFirst().orElse(null);
  }

  private static ServiceformClient build(Transport transport) {
    return ServiceformClient.builder().apiKey("k").baseUrl("http://127.0.0.1:9").transport(transport).build();
  }

  private static long settledHeap() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(50);
      Runtime runtime = Runtime.getRuntime();
      used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
    }
    return used;
  }
}
