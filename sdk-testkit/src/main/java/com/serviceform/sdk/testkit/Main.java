package com.serviceform.sdk.testkit;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandbox as a process, for CI of consumers that are not written in Java:
 *
 * <pre>
 * java -jar serviceform-sdk-testkit-&lt;version&gt;-standalone.jar [--port 8080] [--seed data.json] [--api-key KEY]
 * </pre>
 *
 * <p>It listens on 127.0.0.1, prints one line {@code Serviceform sandbox listening on
 * http://127.0.0.1:PORT} when ready, prints each spec violation to standard error as it happens,
 * and runs until killed. Control paths under {@code /__sandbox/} let a script wait for it, collect
 * violations, reset it, arm faults, change its data and read what the tests used (docs/testing.md).
 */
public final class Main {
  /** The port used when {@code --port} is not given. */
  public static final int DEFAULT_PORT = 8080;

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    // Before any logger exists: keep swagger-parser's and Jetty's INFO chatter off the console.
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    ServiceformSandbox sandbox;
    try {
      sandbox = start(args, System.out, System.err);
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("serviceform-sandbox: " + e.getMessage());
      System.err.println(usage());
      System.exit(2);
      return;
    }
    if (sandbox == null) {
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sandbox.close();
      stopped.countDown();
    }, "serviceform-sandbox-shutdown"));
    stopped.await();
  }

  /**
   * Parses the arguments and starts the sandbox; null when only help was asked for.
   *
   * @throws IllegalArgumentException for bad arguments or seed data
   * @throws IllegalStateException if the port cannot be bound
   */
  static ServiceformSandbox start(String[] args, PrintStream out, PrintStream err) {
    ServiceformSandbox.Builder builder = ServiceformSandbox.builder().port(DEFAULT_PORT);
    boolean defaultKey = true;
    String seedName = "the default data set";
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--help":
        case "-h":
          out.println(usage());
          return null;
        case "--port":
          builder.port(parsePort(value(args, ++i, arg)));
          break;
        case "--seed": {
          Path file = Path.of(value(args, ++i, arg));
          if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--seed: no such file: " + file);
          }
          builder.seed(SandboxData.fromJson(file));
          seedName = file.toString();
          break;
        }
        case "--api-key":
          builder.apiKey(value(args, ++i, arg));
          defaultKey = false;
          break;
        case "--usage-file":
          builder.recordUsage(Path.of(value(args, ++i, arg)));
          break;
        case "--request-timeout":
          builder.requestTimeout(parseDuration(value(args, ++i, arg), arg));
          break;
        default:
          throw new IllegalArgumentException("unknown argument: " + arg);
      }
    }
    builder.violationListener(violation -> err.println("[serviceform-sandbox] spec violation: " + violation));
    builder.recordUsageInMemory();
    ServiceformSandbox sandbox = builder.start();
    out.println("Serviceform sandbox listening on " + sandbox.baseUrl());
    out.println("  API key: " + (defaultKey
        ? ServiceformSandbox.DEFAULT_API_KEY + " (the default; set another with --api-key)"
        : "the one given with --api-key"));
    out.println("  seed: " + seedName);
    out.println("  control: GET /__sandbox/health, GET /__sandbox/violations, POST /__sandbox/reset,"
        + " GET|POST|DELETE /__sandbox/faults, GET /__sandbox/requests, GET|PUT|POST /__sandbox/data,"
        + " POST /__sandbox/field-checks/relax, GET /__sandbox/usage (docs/testing.md)");
    out.flush();
    return sandbox;
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length || args[index].startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }

  private static int parsePort(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--port must be 0-65535 (0 picks a free port), was " + text);
    }
  }

  /** {@code 500ms}, {@code 10s}: a whole number with a unit. */
  private static java.time.Duration parseDuration(String text, String option) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})(ms|s)").matcher(text);
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new IllegalArgumentException(option + " must be a positive whole number of ms or s (500ms, 10s), was " + text);
    }
    long n = Long.parseLong(m.group(1));
    return m.group(2).equals("ms") ? java.time.Duration.ofMillis(n) : java.time.Duration.ofSeconds(n);
  }

  static String usage() {
    return "usage: java -jar serviceform-sdk-testkit-<version>-standalone.jar [--port PORT] [--seed FILE.json]"
        + " [--api-key KEY] [--request-timeout TIME] [--usage-file FILE.json]\n"
        + "  --port             port on 127.0.0.1 (default " + DEFAULT_PORT + "; 0 picks a free one)\n"
        + "  --seed             data set in the testkit's JSON form (default: the built-in data set)\n"
        + "  --api-key          the sf-api-key to accept (default " + ServiceformSandbox.DEFAULT_API_KEY + ")\n"
        + "  --request-timeout  how long a request may take to arrive, 500ms or 10s (default 10s; then 408)\n"
        + "  --usage-file       add what the clients used of the API to this file when stopped\n"
        + "                     (for the upgrade-impact report; also at GET /__sandbox/usage)";
  }
}
