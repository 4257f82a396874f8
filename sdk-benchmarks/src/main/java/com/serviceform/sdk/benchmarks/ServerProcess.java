package com.serviceform.sdk.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Starts {@link BenchServer} in a child JVM and stops it on close. */
final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final boolean https;

  ServerProcess(boolean withChats) throws IOException {
    this(withChats ? "" : "--no-chats");
  }

  /** With BenchServer's chats option ("", "--no-chats" or "--few-chats"). */
  ServerProcess(String chatsOption) throws IOException {
    this(chatsOption, null);
  }

  /** With BenchServer's chats option, over TLS with {@code keyStore} (password "changeit") when not null. */
  ServerProcess(String chatsOption, java.nio.file.Path keyStore) throws IOException {
    this.https = keyStore != null;
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    command.add("-Xmx1g");
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(BenchServer.class.getName());
    command.add("0");
    command.add(chatsOption.isEmpty() ? "--all-chats" : chatsOption);
    if (keyStore != null) {
      command.addAll(List.of("--tls", keyStore.toString(), "changeit"));
    }
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("PORT ")) {
      process.destroyForcibly();
      throw new IOException("benchmark server did not start: " + line);
    }
    port = Integer.parseInt(line.substring(5).trim());
  }

  String baseUrl() {
    return (https ? "https" : "http") + "://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
