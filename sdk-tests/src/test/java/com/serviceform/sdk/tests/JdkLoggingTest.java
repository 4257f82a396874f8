package com.serviceform.sdk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JDK's HTTP client prints request headers, {@code sf-api-key} included, when its logging
 * ({@code jdk.httpclient.HttpClient.log}) or debug output asks for them, through loggers the SDK
 * cannot filter. So the SDK refuses to hand the key to a JDK client configured that way, and works
 * with the items that print no header. Each case runs in its own JVM: the JDK reads the properties
 * once.
 */
@Timeout(60)
class JdkLoggingTest {
  static final String KEY = HostileSecretsTest.KEY;

  HostileServer server;

  @BeforeEach
  void start() throws Exception {
    server = new HostileServer();
    server.script(c -> {
      while (c.read() != null) {
        c.respond(200, "[]");
      }
    });
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private String[] run(String mode, String... properties) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    for (String property : properties) {
      command.add("-D" + property);
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), JdkLoggingMain.class.getName(),
        mode, server.baseUrl(), KEY));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "finished: " + output);
    return new String[] {Integer.toString(process.exitValue()), output};
  }

  @Test
  void theJdkItselfPrintsTheKeyWhenAskedForHeaders() throws Exception {
    // Why the SDK refuses: a bare JDK client with this switch prints the header value.
    String[] run = run("raw", "jdk.httpclient.HttpClient.log=headers");
    assertEquals("0", run[0], run[1]);
    assertTrue(run[1].contains(KEY), "the JDK logged the request headers: " + run[1]);
  }

  @Test
  void theSdkRefusesAJdkClientThatWouldLogHeaders() throws Exception {
    for (String log : List.of("headers", "errors,requests,headers", "all", "content", "frames:all", "trace")) {
      String[] run = run("sdk", "jdk.httpclient.HttpClient.log=" + log);
      assertEquals("3", run[0], log + ": " + run[1]);
      assertTrue(run[1].contains("jdk.httpclient.HttpClient.log"), "names the property: " + run[1]);
      HostileSecretsTest.assertNoPiece("the output with " + log, run[1]);
    }
    String[] debug = run("sdk", "jdk.internal.httpclient.debug=true");
    assertEquals("3", debug[0], debug[1]);
    assertTrue(debug[1].contains("jdk.internal.httpclient.debug"), debug[1]);
    assertEquals(0, server.requests().size(), "nothing was sent");
  }

  @Test
  void logItemsThatPrintNoHeaderAreAccepted() throws Exception {
    String[] run = run("sdk", "jdk.httpclient.HttpClient.log=errors,requests,ssl");
    assertEquals("0", run[0], run[1]);
    assertTrue(run[1].contains("spaces=0"), run[1]);
    assertTrue(run[1].contains("/flex/spaces"), "the JDK's request log was on: " + run[1]);
    HostileSecretsTest.assertNoPiece("the JDK's request log", run[1]);
  }
}
