package com.serviceform.sdk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The SDK's version, written into {@code sdk-version.properties} by the build. */
final class SdkVersion {
  private static final String VERSION = load();

  private SdkVersion() {}

  /** The version of this SDK, for example {@code 0.1.0}. */
  public static String version() {
    return VERSION;
  }

  /** The User-Agent every request carries. */
  public static String userAgent() {
    return "serviceform-java/" + VERSION + " (Java/" + System.getProperty("java.version") + ")";
  }

  private static String load() {
    try (InputStream in = SdkVersion.class.getResourceAsStream("sdk-version.properties")) {
      if (in == null) {
        throw new IllegalStateException("sdk-version.properties is missing from the SDK jar");
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version");
      if (version == null || version.isBlank() || version.startsWith("${")) {
        throw new IllegalStateException("sdk-version.properties was not filtered by the build");
      }
      return version;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
