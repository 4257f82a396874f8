package com.serviceform.cli;

import com.serviceform.sdk.ServiceformClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where to send requests and with which key. The key is never an argument: it would show in {@code ps}. */
final class Connection {
  @Option(names = "--base-url", paramLabel = "URL",
      description = "The API's base URL (default: $SERVICEFORM_BASE_URL, else https://link.serviceform.com). "
          + "A sandbox: http://127.0.0.1:PORT")
  String baseUrl;

  @Option(names = "--api-key-file", paramLabel = "FILE",
      description = "Read the API key from the first line of FILE instead of $SERVICEFORM_API_KEY.")
  Path apiKeyFile;

  ServiceformClient client() throws CliException {
    return build(builder());
  }

  /** A builder with the key and the base URL set. */
  ServiceformClient.Builder builder() throws CliException {
    String key = key();
    String url = baseUrl != null ? baseUrl : System.getenv(ServiceformClient.ENV_BASE_URL);
    ServiceformClient.Builder builder = ServiceformClient.builder().apiKey(key);
    if (url != null && !url.isBlank()) {
      builder.baseUrl(url.trim());
    }
    return builder;
  }

  /** Builds a client of {@link #builder()}, mapping a refused key or URL to the command's exit codes. */
  static ServiceformClient build(ServiceformClient.Builder builder) throws CliException {
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      // Messages about the key never include it.
      throw new CliException(e.getMessage().contains("key") ? ExitCode.NO_KEY : ExitCode.USAGE, e.getMessage());
    }
  }

  private String key() throws CliException {
    if (apiKeyFile != null) {
      try {
        String text = Files.readString(apiKeyFile, StandardCharsets.UTF_8);
        String firstLine = text.lines().findFirst().orElse("").trim();
        if (firstLine.isEmpty()) {
          throw new CliException(ExitCode.NO_KEY, "the API key file " + apiKeyFile + " is empty");
        }
        return firstLine;
      } catch (IOException e) {
        throw new CliException(ExitCode.NO_KEY, "cannot read the API key file " + apiKeyFile + ": "
            + e.getClass().getSimpleName());
      }
    }
    String key = System.getenv(ServiceformClient.ENV_API_KEY);
    if (key == null || key.isBlank()) {
      throw new CliException(ExitCode.NO_KEY, "no API key: set " + ServiceformClient.ENV_API_KEY
          + " or pass --api-key-file FILE");
    }
    return key.trim();
  }
}
