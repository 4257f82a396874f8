package com.serviceform.sdk.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A body grows as its bytes arrive, never from what the server declares, up to the cap. */
class ResponseBytesTest {
  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(7).nextBytes(bytes);
    return bytes;
  }

  @Test
  void aBodyThatFitsItsDeclaredLengthIsOneExactArray() throws Exception {
    byte[] body = random(1000);
    ResponseBytes read = ResponseBytes.read(new ByteArrayInputStream(body), 1000, Long.MAX_VALUE);
    assertTrue(read.isSingleArray());
    assertSame(read.firstChunk(), read.array(), "no copy");
    assertArrayEquals(body, read.array());
  }

  @Test
  void aLargeBodyIsKeptInChunksAndReadBackWhole() throws Exception {
    byte[] body = random(5 * 1024 * 1024 + 17);
    ResponseBytes read = ResponseBytes.read(new ByteArrayInputStream(body), -1, Long.MAX_VALUE);
    assertEquals(body.length, read.size());
    assertArrayEquals(body, read.array());
    assertArrayEquals(body, read.stream().readAllBytes());
  }

  @Test
  void aDeclaredLengthBeyondTheCapFailsBeforeReading() {
    InputStream never = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new AssertionError("read");
      }
    };
    assertThrows(ResponseBytes.TooLarge.class, () -> ResponseBytes.read(never, 2_000_000_000L, 1024));
  }

  @Test
  void passingTheCapWhileReadingFails() {
    assertThrows(ResponseBytes.TooLarge.class,
        () -> ResponseBytes.read(new ByteArrayInputStream(random(2049)), -1, 2048));
  }

  @Test
  void aHugeDeclaredLengthAllocatesOnlyWhatArrives() throws Exception {
    long before = allocated();
    ResponseBytes read = ResponseBytes.read(new ByteArrayInputStream(new byte[] {'{'}), 2_000_000_000L, Long.MAX_VALUE);
    long after = allocated();
    assertEquals(1, read.size());
    assertTrue(after - before < 256 * 1024, "allocated " + (after - before) + " bytes for one");
  }

  @Test
  void readAtMostStopsAtTheLimit() throws Exception {
    byte[] body = random(100_000);
    assertEquals(65_536, ResponseBytes.readAtMost(new ByteArrayInputStream(body), 65_536).length);
    assertEquals(10, ResponseBytes.readAtMost(new ByteArrayInputStream(random(10)), 65_536).length);
  }

  private static long allocated() {
    return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }
}
