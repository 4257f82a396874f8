package com.serviceform.sdk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A chats response of about 60 MB, consumed in a JVM limited to 64 MB of heap: the streaming API
 * gets through it, the ordinary list cannot hold it.
 */
class StreamingMemoryTest {
  static final int CHATS = 55_000;

  private static long bytes;

  /** The server runs here; only the client runs in the small heap. */
  private static String[] run(String mode) throws Exception {
    try (ChatFirehose server = new ChatFirehose(CHATS)) {
      List<String> command = List.of(
          System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
          "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
          StreamingMemoryMain.class.getName(), mode, server.baseUrl());
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(120, TimeUnit.SECONDS), "finished");
      bytes = server.bytesWritten();
      return new String[] {Integer.toString(process.exitValue()), output};
    }
  }

  @Test
  void streamingConsumesFiftyMegabytesInSixtyFourMegabytesOfHeap() throws Exception {
    String[] run = run("stream");
    assertEquals("0", run[0], run[1]);
    assertTrue(run[1].contains("chats=" + CHATS + " messages=" + (CHATS * 8) + " "), run[1]);
    assertTrue(bytes > 50L * 1024 * 1024, "the response was " + bytes + " bytes");
    long maxHeap = Long.parseLong(run[1].replaceAll("(?s).*maxHeap=(\\d+).*", "$1").trim());
    assertTrue(maxHeap <= 64L * 1024 * 1024, "heap limit " + maxHeap);
  }

  @Test
  void theOrdinaryListCannotHoldIt() throws Exception {
    String[] run = run("list");
    assertEquals("42", run[0], run[1]);
    assertTrue(run[1].contains("out-of-memory"), run[1]);
  }
}
