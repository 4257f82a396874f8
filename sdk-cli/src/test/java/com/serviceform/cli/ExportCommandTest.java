package com.serviceform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.ChatMessage;
import com.serviceform.sdk.model.Item;
import com.serviceform.sdk.testkit.SandboxData;
import com.serviceform.sdk.testkit.ServiceformSandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serviceform export} end to end: the command runs as a process of its own (as a user or a
 * script runs it) against the testkit sandbox on loopback.
 */
@Timeout(120)
class ExportCommandTest {
  static final long T0 = Instant.parse("2024-08-01T00:00:00Z").getEpochSecond();
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  ServiceformSandbox sandbox;

  @BeforeEach
  void start() {
    sandbox = ServiceformSandbox.start();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  /** What a run of the command left. */
  static final class Run {
    final int exit;
    final String out;
    final String err;

    Run(int exit, String out, String err) {
      this.exit = exit;
      this.out = out;
      this.err = err;
    }

    @Override
    public String toString() {
      return "exit " + exit + "\nstdout: " + out + "\nstderr: " + err;
    }
  }

  Process launch(Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().remove("SERVICEFORM_API_KEY");
    builder.environment().remove("SERVICEFORM_BASE_URL");
    builder.environment().putAll(env);
    return builder.start();
  }

  Run run(Map<String, String> env, String... args) throws Exception {
    Process process = launch(env, args);
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    assertTrue(process.waitFor(90, TimeUnit.SECONDS), "the command finished");
    return new Run(process.exitValue(), out.get(), err.get());
  }

  static String read(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  Map<String, String> key() {
    return Map.of("SERVICEFORM_API_KEY", sandbox.apiKey());
  }

  List<Chat> chats(int n, long seed) {
    Random random = new Random(seed);
    List<Chat> chats = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long t = T0 + random.nextInt(86_400);
      chats.add(new Chat().cid("chat-" + i).changed(t).uid("user-" + (i % 20)).livechat(1)
          .lastMessage("message " + i).history(List.of(new ChatMessage().id("m" + i).message("hello\nthere")
              .type("text").timestamp(t))));
    }
    return chats;
  }

  static List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      JsonNode node = JSON.readTree(line);
      assertTrue(node.isObject(), "one JSON object a line: " + line);
      lines.add(node);
    }
    return lines;
  }

  static Set<String> cids(List<Chat> chats) {
    return chats.stream().map(Chat::getCid).collect(Collectors.toSet());
  }

  @Test
  void exportsChatsAsNdjsonAndStaysQuietOffATerminal() throws Exception {
    sandbox.load(SandboxData.empty());
    List<Chat> chats = chats(3_000, 1);
    sandbox.addChats(chats);
    Run run = run(key(), "export", "chats", "--from", "2024-08-01", "--to", "2024-08-02T00:00:00Z",
        "--out", "chats.ndjson", "--page-size", "100", "--base-url", sandbox.baseUrl());
    assertEquals(0, run.exit, run.toString());
    assertEquals("", run.err, "nothing on stderr when not on a terminal");
    assertEquals("", run.out);
    List<JsonNode> lines = lines(dir.resolve("chats.ndjson"));
    assertEquals(3_000, lines.size(), "each chat once");
    assertEquals(cids(chats), lines.stream().map(l -> l.get("cid").asText()).collect(Collectors.toSet()));
    assertEquals("hello\nthere", lines.get(0).get("history").get(0).get("message").asText(), "messages kept");
    assertFalse(Files.exists(dir.resolve("chats.ndjson.checkpoint")), "no checkpoint after a finished export");
  }

  @Test
  void showsProgressWhenAsked() throws Exception {
    sandbox.load(SandboxData.empty());
    sandbox.addChats(chats(1_000, 2));
    Run run = run(key(), "export", "chats", "--from", "2024-08-01", "--to", "2024-08-02", "--out", "c.ndjson",
        "--progress", "--base-url", sandbox.baseUrl());
    assertEquals(0, run.exit, run.toString());
    assertTrue(run.err.contains("chats: ") && run.err.contains("windows") && run.err.contains("requests")
        && run.err.contains("1,000 records") && run.err.contains("/s"), run.err);
  }

  @Test
  void exportsLeadsAndTheItemsOfASpaceWithTheirCustomFields() throws Exception {
    String space = sandbox.spaces().get(0).getId();
    Run items = run(key(), "export", "items", "--space", space, "--out", "items.ndjson", "--base-url", sandbox.baseUrl());
    assertEquals(0, items.exit, items.toString());
    List<JsonNode> lines = lines(dir.resolve("items.ndjson"));
    List<Item> expected = sandbox.items(space);
    assertEquals(expected.size(), lines.size());
    Map<String, JsonNode> byId = new HashMap<>();
    lines.forEach(line -> byId.put(line.get("id").asText(), line));
    for (Item item : expected) {
      JsonNode line = byId.get(item.getId());
      for (String field : item.getAdditionalProperties().keySet()) {
        assertTrue(line.has(field), "custom field " + field + " kept: " + line);
      }
    }
    assertTrue(lines.stream().anyMatch(line -> line.has("budget_eur")), "the seed's custom fields");

    Run leads = run(key(), "export", "leads", "--out", "leads.ndjson", "--base-url", sandbox.baseUrl());
    assertEquals(0, leads.exit, leads.toString());
    assertEquals(sandbox.leads().size(), lines(dir.resolve("leads.ndjson")).size());
  }

  @Test
  void theKeyComesFromTheEnvironmentOrAFileNeverAnArgument() throws Exception {
    String url = sandbox.baseUrl();
    Run none = run(Map.of(), "export", "leads", "--out", "a.ndjson", "--base-url", url);
    assertEquals(ExitCode.NO_KEY, none.exit, none.toString());
    assertTrue(none.err.contains("SERVICEFORM_API_KEY") && none.err.contains("--api-key-file"), none.err);

    Run argument = run(Map.of(), "export", "leads", "--out", "b.ndjson", "--api-key", sandbox.apiKey(), "--base-url", url);
    assertEquals(ExitCode.USAGE, argument.exit, argument.toString());

    Path keyFile = dir.resolve("key.txt");
    Files.writeString(keyFile, sandbox.apiKey() + "\n");
    Run fromFile = run(Map.of(), "export", "leads", "--out", "c.ndjson", "--api-key-file", keyFile.toString(),
        "--base-url", url);
    assertEquals(0, fromFile.exit, fromFile.toString());

    String wrong = "wrong-key-0123456789abcdef";
    Run refused = run(Map.of("SERVICEFORM_API_KEY", wrong), "export", "leads", "--out", "d.ndjson", "--base-url", url);
    assertEquals(ExitCode.AUTHENTICATION, refused.exit, refused.toString());
    assertFalse(refused.err.contains(wrong), "the key is never printed");
  }

  @Test
  void badArgumentsAndAFinishedOutputAreUsageErrors() throws Exception {
    String url = sandbox.baseUrl();
    Run badTime = run(key(), "export", "chats", "--from", "yesterday", "--to", "2024-08-02", "--out", "x", "--base-url", url);
    assertEquals(ExitCode.USAGE, badTime.exit, badTime.toString());
    assertTrue(badTime.err.contains("yesterday"), badTime.err);
    Run backwards = run(key(), "export", "chats", "--from", "2024-08-02", "--to", "2024-08-01", "--out", "x", "--base-url", url);
    assertEquals(ExitCode.USAGE, backwards.exit, backwards.toString());

    assertEquals(0, run(key(), "export", "leads", "--out", "leads.ndjson", "--base-url", url).exit);
    Run again = run(key(), "export", "leads", "--out", "leads.ndjson", "--base-url", url);
    assertEquals(ExitCode.USAGE, again.exit, again.toString());
    assertTrue(again.err.contains("--restart"), again.err);
    assertEquals(0, run(key(), "export", "leads", "--out", "leads.ndjson", "--restart", "--base-url", url).exit);
    assertEquals(sandbox.leads().size(), lines(dir.resolve("leads.ndjson")).size());
  }

  @Test
  void resumesAfterBeingKilledMidExportWithoutDuplicatesOrGaps() throws Exception {
    sandbox.load(SandboxData.empty());
    List<Chat> chats = chats(8_000, 3);
    sandbox.addChats(chats);
    // About 200 windows of at most 50 chats, each answered after 15 ms: the export takes seconds.
    sandbox.faults().latency("searchChats", Duration.ofMillis(15));
    String[] command = {"export", "chats", "--from", "2024-08-01", "--to", "2024-08-02", "--out", "chats.ndjson",
        "--page-size", "50", "--concurrency", "2", "--base-url", sandbox.baseUrl()};
    Path out = dir.resolve("chats.ndjson");
    Path checkpoint = dir.resolve("chats.ndjson.checkpoint");

    Process first = launch(key(), command);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!(Files.exists(checkpoint) && sandbox.requestCount("searchChats") >= 40) && first.isAlive()
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertTrue(first.isAlive(), "still exporting when killed");
    first.destroyForcibly();
    assertTrue(first.waitFor(30, TimeUnit.SECONDS));
    assertNotEquals(0, first.exitValue());
    assertTrue(Files.exists(checkpoint), "the checkpoint survives the kill");
    long partial = Files.readAllLines(out, StandardCharsets.UTF_8).size();
    assertTrue(partial > 0 && partial < chats.size(), "killed mid-export: " + partial + " lines");

    sandbox.faults().clear();
    Run resumed = run(key(), command);
    assertEquals(0, resumed.exit, resumed.toString());
    List<String> cids = lines(out).stream().map(l -> l.get("cid").asText()).collect(Collectors.toList());
    assertEquals(chats.size(), new HashSet<>(cids).size(), "nothing missing");
    assertEquals(chats.size(), cids.size(), "no duplicates");
    assertEquals(cids(chats), new HashSet<>(cids));
    assertFalse(Files.exists(checkpoint));
  }
}
