package com.serviceform.sdk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.testkit.ServiceformSandbox;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's walk-through, run in-process with its output captured. */
class WalkthroughTest {
  static final String KEY = "walkthrough-test-key-51c2";

  private static String capture(java.util.function.Consumer<PrintStream> run) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    run.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static String captureMain(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      Walkthrough.main(args);
    } finally {
      System.setOut(original);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static void assertLine(String output, String line) {
    assertTrue(List.of(output.split("\n")).contains(line), "no line \"" + line + "\" in:\n" + output);
  }

  @Test
  void onTheEmbeddedSandboxItWalksThroughEveryOperation() {
    String output = capture(Walkthrough::runOnSandbox);

    assertTrue(Pattern.compile("\\AUsing the embedded sandbox at http://127\\.0\\.0\\.1:\\d+ \\(SERVICEFORM_API_KEY is not"
        + " set; no network is used\\)\n").matcher(output).find(), output);
    assertLine(output, "  2 spaces");
    assertLine(output, "  - Sales pipeline (64f1c2a9e4b0a1d2c3e4f5a6): primary_field [text], status [select: Open/Won/Lost],"
        + " budget_eur [number], contact_email [email]");
    assertLine(output, "2. Create an item in \"Sales pipeline\"");
    assertTrue(Pattern.compile("\n  created (\\w{24}): primary_field=\"Serviceform SDK walk-through\", status=Open\n"
        + "\n3\\. Read it back\n  read    \\1: primary_field=\"Serviceform SDK walk-through\", status=Open\n"
        + "\n4\\. Update it\n  updated \\1: primary_field=\"Serviceform SDK walk-through \\(updated\\)\", status=Won\n"
        + "\n5\\. Delete it\n  deleted \\1; reading it again answers 404 Not Found\n").matcher(output).find(), output);
    assertLine(output, "  4 leads");
    assertLine(output, "  - Aino Virtanen <aino.virtanen@example.com>, from google via \"Price calculator\", 2024-08-30T05:48:46.202Z");
    assertLine(output, "7. Chats changed from 2024-09-01T00:00:00Z to 2024-09-30T23:59:59Z");
    assertLine(output, "  11 chats (the API promises no order; shown by time)");
    assertLine(output, "  - 2024-09-01T00:03:40Z  chat-7f3a03  website, agent Mikko Laine: \"Booked for Thursday 9:00. See you then!\"");
    assertLine(output, "  - 2024-09-02T07:17:25Z  chat-7f3a04  website, chatbot only: \"Thanks\"");
    assertLine(output, "  total chats:           11");
    assertLine(output, "  average response time: 67.5 s");
    assertLine(output, "  satisfaction:          n/a");
    assertLine(output, "  agent Mikko Laine: 4 chats, 81.3 s average response");
    assertLine(output, "  by source:             website 7, facebook 2, whatsapp 2");
    assertLine(output, "  durations:             0-5 minutes 8, 5-10 minutes 0, 10+ minutes 3");
    assertTrue(output.endsWith("\nDone.\n"), output);
  }

  @Test
  void withAnApiKeyItTalksToTheConfiguredApiAndSaysSo() {
    try (ServiceformSandbox api = ServiceformSandbox.builder().apiKey(KEY).start()) {
      System.setProperty(ServiceformClient.PROPERTY_API_KEY, KEY);
      System.setProperty(ServiceformClient.PROPERTY_BASE_URL, api.baseUrl());
      String output;
      try {
        assertTrue(Walkthrough.apiKeyConfigured());
        output = captureMain();
      } finally {
        System.clearProperty(ServiceformClient.PROPERTY_API_KEY);
        System.clearProperty(ServiceformClient.PROPERTY_BASE_URL);
      }

      assertTrue(output.startsWith("Using the Serviceform API at " + api.baseUrl() + " (SERVICEFORM_API_KEY is set)\n"), output);
      assertFalse(output.contains(KEY), "the key is never printed");
      // The last 30 days: the sandbox's chats are from 2024.
      assertLine(output, "  0 chats (the API promises no order; shown by time)");
      assertLine(output, "  total chats:           0");
      for (String operationId : List.of("listSpaces", "createItem", "getItem", "updateItem", "deleteItem", "listLeads",
          "searchChats", "getChatStatistics")) {
        assertTrue(api.requestCount(operationId) >= 1, operationId);
      }
      assertEquals(2, api.requestCount("getItem"), "read back, and the 404 after the delete");
      assertEquals(3, api.items("64f1c2a9e4b0a1d2c3e4f5a6").size(), "the walk-through cleans up after itself");
      api.assertNoViolations();
    }
  }

  @Test
  void sandboxFlagWinsOverAnApiKey() {
    System.setProperty(ServiceformClient.PROPERTY_API_KEY, KEY);
    String output;
    try {
      output = captureMain("--sandbox");
    } finally {
      System.clearProperty(ServiceformClient.PROPERTY_API_KEY);
    }
    assertTrue(output.startsWith("Using the embedded sandbox at http://127.0.0.1:"), output);
    assertTrue(output.endsWith("\nDone.\n"), output);
  }
}
