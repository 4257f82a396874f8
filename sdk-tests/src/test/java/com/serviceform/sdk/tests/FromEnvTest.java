package com.serviceform.sdk.tests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** fromEnv() in a real process environment: env vars, system properties winning, and no key. */
class FromEnvTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").jettyAcceptors(1)).build();

  @BeforeEach
  void stub() {
    server.resetAll();
    server.stubFor(get("/flex/spaces").willReturn(aResponse().withStatus(200).withBody("[{\"id\":\"a\"},{\"id\":\"b\"}]")));
  }

  private static final class Run {
    final int exit;
    final String output;

    Run(int exit, String output) {
      this.exit = exit;
      this.output = output;
    }
  }

  private static Run run(Map<String, String> env, List<String> jvmArgs) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(FromEnvMain.class.getName());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("SERVICEFORM_API_KEY");
    builder.environment().remove("SERVICEFORM_BASE_URL");
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    return new Run(process.exitValue(), output);
  }

  @Test
  void readsKeyAndBaseUrlFromTheEnvironment() throws Exception {
    Run run = run(Map.of("SERVICEFORM_API_KEY", "env-key", "SERVICEFORM_BASE_URL", server.baseUrl()), List.of());
    assertEquals(0, run.exit, run.output);
    assertTrue(run.output.contains("baseUrl=" + server.baseUrl()), run.output);
    assertTrue(run.output.contains("spaces=2"), run.output);
    assertEquals(List.of("env-key"),
        server.findAll(anyRequestedFor(anyUrl())).get(0).getHeaders().getHeader("sf-api-key").values());
  }

  @Test
  void systemPropertiesWinOverTheEnvironment() throws Exception {
    Run run = run(Map.of("SERVICEFORM_API_KEY", "env-key", "SERVICEFORM_BASE_URL", "http://127.0.0.1:9"),
        List.of("-Dserviceform.apiKey=property-key", "-Dserviceform.baseUrl=" + server.baseUrl()));
    assertEquals(0, run.exit, run.output);
    assertTrue(run.output.contains("spaces=2"), run.output);
    assertEquals(List.of("property-key"),
        server.findAll(anyRequestedFor(anyUrl())).get(0).getHeaders().getHeader("sf-api-key").values());
  }

  @Test
  void withoutAKeyItSaysWhatToSet() throws Exception {
    Run run = run(Map.of(), List.of());
    assertEquals(3, run.exit, run.output);
    assertTrue(run.output.contains("SERVICEFORM_API_KEY"), run.output);
    assertEquals(0, server.findAll(anyRequestedFor(anyUrl())).size());
  }
}
