package com.serviceform.sdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone entry point in-process (StandaloneJarIT runs the shaded jar as a process). */
class MainTest {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  ServiceformSandbox start(String... args) {
    return Main.start(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void startsWithAGivenKeyAndSeedAndNeverPrintsTheKey(@TempDir Path dir) throws Exception {
    Path seed = dir.resolve("seed.json");
    Files.writeString(seed, "{\"spaces\":[{\"id\":\"sp-ci\",\"name\":\"CI\"}]}");

    try (ServiceformSandbox sandbox = start("--port", "0", "--seed", seed.toString(), "--api-key", "ci-secret-123")) {
      String printed = out.toString(StandardCharsets.UTF_8);
      assertTrue(printed.startsWith("Serviceform sandbox listening on " + sandbox.baseUrl() + "\n"), printed);
      assertTrue(printed.contains("  API key: the one given with --api-key\n"), printed);
      assertTrue(printed.contains("  seed: " + seed + "\n"), printed);
      assertFalse(printed.contains("ci-secret-123"));

      assertEquals(200, Raw.send(sandbox, "GET", "/flex/spaces", "ci-secret-123", null).statusCode());
      assertEquals("[{\"id\":\"sp-ci\",\"name\":\"CI\",\"fields\":[]}]",
          Raw.send(sandbox, "GET", "/flex/spaces", "ci-secret-123", null).body());
      assertEquals(403, Raw.send(sandbox, "GET", "/flex/spaces", "sandbox-key", null).statusCode());

      Raw.send(sandbox, "GET", "/flex/spaces", null, null);
      assertEquals("[serviceform-sandbox] spec violation: REQUEST GET /flex/spaces (listSpaces):"
          + " validation.request.security.missing: GET on path '/flex/spaces' requires security parameters. None found.\n",
          err.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void defaultsToTheDefaultKeyAndSeed() {
    try (ServiceformSandbox sandbox = start("--port", "0")) {
      assertTrue(out.toString(StandardCharsets.UTF_8).contains("  API key: sandbox-key (the default; set another with --api-key)\n"));
      assertEquals(2, sandbox.spaces().size());
    }
  }

  @Test
  void helpPrintsUsageAndStartsNothing() {
    assertNull(start("--help"));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage: java -jar serviceform-sdk-testkit-<version>-standalone.jar"));
  }

  @Test
  void badArgumentsAreRefusedClearly() {
    assertEquals("unknown argument: --verbose", assertThrows(IllegalArgumentException.class, () -> start("--verbose")).getMessage());
    assertEquals("--port needs a value", assertThrows(IllegalArgumentException.class, () -> start("--port")).getMessage());
    assertEquals("--port must be 0-65535 (0 picks a free port), was 70000",
        assertThrows(IllegalArgumentException.class, () -> start("--port", "70000")).getMessage());
    assertEquals("--seed: no such file: /nonexistent/seed.json",
        assertThrows(IllegalArgumentException.class, () -> start("--seed", "/nonexistent/seed.json")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> start("--api-key", "has space"));
    assertEquals("--request-timeout must be a positive whole number of ms or s (500ms, 10s), was 1m",
        assertThrows(IllegalArgumentException.class, () -> start("--request-timeout", "1m")).getMessage());
  }

  @Test
  void aTakenPortIsAnIllegalStateWithThePort() {
    try (ServiceformSandbox first = ServiceformSandbox.start()) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> start("--port", String.valueOf(first.port())));
      assertTrue(e.getMessage().startsWith("the sandbox cannot listen on 127.0.0.1:" + first.port()), e.getMessage());
    }
  }
}
