package com.serviceform.sdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The key, whole, cut, escaped or encoded, never survives; text around it does. */
class RedactorTest {
  private static final String KEY = "sk_live_7Hq9xZ2mWv4RpT8kLc3N";
  private final Redactor redactor = new Redactor(KEY);

  @Test
  void theWholeKeyAndAnyPieceOfTwelveOrMoreCharactersAreHidden() {
    assertEquals("key <redacted> end", redactor.redact("key " + KEY + " end"));
    assertEquals("cut: <redacted>", redactor.redact("cut: " + KEY.substring(0, 12)));
    assertEquals("<redacted>!", redactor.redact(KEY.substring(9) + "!"));
    // Eleven characters say too little about the key to be hidden.
    assertEquals(KEY.substring(0, 11), redactor.redact(KEY.substring(0, 11)));
  }

  @Test
  void jsonEscapedAndPercentEncodedKeysAreHidden() {
    StringBuilder escaped = new StringBuilder();
    StringBuilder percent = new StringBuilder();
    for (char c : KEY.toCharArray()) {
      escaped.append(String.format("\\u%04x", (int) c));
      percent.append(String.format("%%%02X", (int) c));
    }
    assertEquals("{\"k\":\"<redacted>\"}", redactor.redact("{\"k\":\"" + escaped + "\"}"));
    assertEquals("/x?k=<redacted>", redactor.redact("/x?k=" + percent));
    String mixed = KEY.substring(0, 5) + "\\u" + String.format("%04x", (int) KEY.charAt(5)) + KEY.substring(6);
    assertEquals("<redacted>", redactor.redact(mixed));
  }

  @Test
  void aShortKeyIsHiddenWhole() {
    Redactor shortKey = new Redactor("abc123");
    assertEquals("x <redacted> y", shortKey.redact("x abc123 y"));
    assertEquals("abc12", shortKey.redact("abc12"));
  }

  @Test
  void causesThatQuoteTheKeyAreReplacedByRedactedCopiesOthersKept() {
    IOException clean = new IOException("connection reset");
    assertSame(clean, redactor.scrub(clean));

    IOException deep = new IOException("wrapper", new IllegalStateException("Invalid header: " + KEY));
    deep.addSuppressed(new RuntimeException("also " + KEY.substring(2, 20)));
    Throwable scrubbed = redactor.scrub(deep);
    assertInstanceOf(Redactor.RedactedException.class, scrubbed);
    assertEquals("java.io.IOException: wrapper", scrubbed.getMessage());
    assertEquals("java.lang.IllegalStateException: Invalid header: <redacted>", scrubbed.getCause().getMessage());
    assertEquals("java.lang.RuntimeException: also <redacted>", scrubbed.getSuppressed()[0].getMessage());
    assertEquals(deep.getStackTrace()[0], scrubbed.getStackTrace()[0], "the stack trace is kept");
    assertFalse(redactor.leaks(String.valueOf(scrubbed)));
    assertTrue(redactor.leaks(deep.getCause().getMessage()));
  }

  @Test
  void headerValuesOfTheKeyHeaderAreAlwaysHidden() {
    assertEquals(Redactor.REDACTED, redactor.headerValue("SF-API-KEY", "anything"));
    assertEquals("plain", redactor.headerValue("Accept", "plain"));
  }
}
