package com.serviceform.sdk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.Transport;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An idle client's footprint (docs/performance.md, "Cold start"): 1,000 clients built and kept
 * unused add no thread and retain less than {@value #BUDGET_BYTES} bytes each (about 10 KB measured
 * on both transports: the call-timeout watchdog and the idle-connection sweep are shared threads,
 * the JDK's own client is built on the first request, and each method is compiled on its first
 * call).
 */
@Timeout(60)
class IdleClientsTest {
  /** The figure the docs promise: 1,000 idle clients under 32 MB. */
  static final long BUDGET_BYTES = 32 * 1024;

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aThousandIdleClientsAddNoThreadAndStayUnderTheirBudget(Transport transport) throws Exception {
    String line = runMain("IDLE ", transport.name(), "1000");
    long perClient = Long.parseLong(line.replaceAll(".*bytesPerClient=(-?\\d+).*", "$1"));
    int threads = Integer.parseInt(line.replaceAll(".*threadsAdded=(-?\\d+).*", "$1"));
    assertEquals(0, threads, "idle clients start no thread: " + line);
    assertTrue(perClient < BUDGET_BYTES, "retained per idle client: " + line);
  }

  /** In a JVM of its own: no other test's client may keep the shared thread alive. */
  @Test
  void theSharedIdleConnectionThreadEndsWithTheLastClient() throws Exception {
    assertEquals("SWEEP withTwo=true withOne=true afterLast=false", runMain("SWEEP ", "sweep"));
  }

  private static String runMain(String prefix, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
        "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        IdleClientsMain.class.getName()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(50, TimeUnit.SECONDS), output);
    assertEquals(0, process.exitValue(), output);
    return output.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError(output));
  }
}
