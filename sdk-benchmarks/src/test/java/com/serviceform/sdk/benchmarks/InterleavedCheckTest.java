package com.serviceform.sdk.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs the interleaved cross-check for one short round, so the tool cannot rot either. */
class InterleavedCheckTest {
  @Test
  void everyVariantTakesItsTurnAndTheRatiosArePrinted() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Map<String, List<Double>> micros =
        InterleavedCheck.run(2, 20, true, new PrintStream(bytes, true, StandardCharsets.UTF_8));

    assertEquals(8, micros.size(), micros.keySet().toString());
    micros.forEach((variant, times) -> {
      assertEquals(2, times.size(), variant);
      assertTrue(times.stream().allMatch(t -> t > 0 && Double.isFinite(t)), variant + ": " + times);
    });
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("with a spinning thread"), printed);
    assertTrue(printed.matches("(?s).*getItem: SDK/bound \\(raw\\w+\\) = \\d+\\.\\d{3}.*"), printed);
    assertTrue(printed.matches("(?s).*createItem: SDK/bound \\(raw\\w+\\) = \\d+\\.\\d{3}.*"), printed);
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertEquals(2.5, InterleavedCheck.median(List.of(4.0, 1.0, 3.0, 2.0)));
    assertEquals(3.0, InterleavedCheck.median(List.of(5.0, 3.0, 1.0)));
  }
}
