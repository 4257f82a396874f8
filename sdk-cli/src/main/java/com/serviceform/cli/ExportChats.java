package com.serviceform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.ChatMessage;
import com.serviceform.sdk.model.ChatQuery;
import com.serviceform.sdk.pagination.ChatHistory;
import com.serviceform.sdk.pagination.ChatHistoryCursor;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code serviceform export chats}: every chat of a time range, each once. */
@Command(name = "chats", mixinStandardHelpOptions = true,
    description = "Every chat of a time range, each once, through the chat-history pager.")
final class ExportChats implements Callable<Integer> {
  /** How often the checkpoint is written at most (at the end of a window). */
  static final long CHECKPOINT_NANOS = Duration.ofMillis(500).toNanos();

  @Mixin
  Connection connection;

  @Mixin
  OutputOptions output;

  @Spec
  CommandSpec spec;

  @Option(names = "--from", required = true, converter = TimeConverter.class, paramLabel = "TIME",
      description = "The start of the range: 2024-08-01T00:00:00Z, or a date (midnight UTC).")
  OffsetDateTime from;

  @Option(names = "--to", required = true, converter = TimeConverter.class, paramLabel = "TIME",
      description = "The end of the range.")
  OffsetDateTime to;

  @Option(names = "--uid", description = "Only the chats of this visitor.")
  String uid;

  @Option(names = "--chatbot-only", description = "Only chatbot chats.")
  boolean chatbotOnly;

  @Option(names = "--messages", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Include each chat's messages (default: yes).")
  boolean messages;

  @Option(names = "--page-size", defaultValue = "200", description = "The limit of each window (default: ${DEFAULT-VALUE}).")
  int pageSize;

  @Option(names = "--max-page-size", description = "The largest limit for a crowded second (default: 4 x page size).")
  Integer maxPageSize;

  @Option(names = "--server-page-cap", description = "The most chats the server returns per request, if known.")
  Integer serverPageCap;

  @Option(names = "--concurrency", defaultValue = "4", description = "Windows fetched at once (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--max-requests", description = "Stop (exit 7, resumable) after this many requests.")
  Integer maxRequests;

  @Override
  public Integer call() throws Exception {
    if (!to.isAfter(from)) {
      throw new CliException(ExitCode.USAGE, "--to (" + to + ") must be after --from (" + from + ")");
    }
    ObjectNode export = ExportFile.MAPPER.createObjectNode();
    export.put("records", "chats");
    export.put("from", from.toInstant().toString());
    export.put("to", to.toInstant().toString());
    export.put("uid", uid);
    export.put("chatbotOnly", chatbotOnly);
    export.put("messages", messages);

    Progress progress = new Progress(spec.commandLine().getErr(), output.showProgress());
    try (ExportFile file = ExportFile.open(output.out, output.restart, export);
        ServiceformClient client = connection.client()) {
      OffsetDateTime start = from;
      // Chats already written that the resumed export can return again (its first second).
      Set<String> written = new HashSet<>();
      Map<String, long[]> recent = new HashMap<>();
      JsonNode resumed = file.resumed();
      if (resumed != null) {
        start = OffsetDateTime.parse(resumed.get("resumeFrom").asText());
        for (Iterator<Map.Entry<String, JsonNode>> it = resumed.get("overlap").fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> entry = it.next();
          written.add(entry.getKey());
          recent.put(entry.getKey(), new long[] {entry.getValue().asLong(), -1});
        }
      }
      ChatHistory history = client.chatHistory(new ChatQuery().uid(uid).chatbot(chatbotOnly ? Boolean.TRUE : null)
          .showMessages(messages)).from(start).to(to).pageSize(pageSize).concurrency(concurrency);
      if (maxPageSize != null) {
        history = history.maxPageSize(maxPageSize);
      }
      if (serverPageCap != null) {
        history = history.serverPageCap(serverPageCap);
      }
      if (maxRequests != null) {
        history = history.maxRequests(maxRequests);
      }
      if (resumed == null) {
        // Marks the export as started, so one interrupted before its first window is resumed.
        checkpoint(file, export, start, 0, recent);
      }
      double span = Math.max(1, Duration.between(start, to).getSeconds());
      long lastCheckpoint = System.nanoTime();
      int windowsSeen = 0;
      try (ChatHistoryCursor cursor = history.iterator()) {
        while (cursor.hasNext()) {
          int windows = cursor.completedWindows();
          if (windows != windowsSeen) {
            windowsSeen = windows;
            OffsetDateTime through = cursor.completedThrough().orElse(start);
            if (System.nanoTime() - lastCheckpoint >= CHECKPOINT_NANOS) {
              checkpoint(file, export, through, windows, recent);
              lastCheckpoint = System.nanoTime();
            }
            progress.show(line(cursor), file.records(),
                Duration.between(start, through).getSeconds() / span, false);
          }
          Chat chat = cursor.next();
          if (chat.getCid() != null && written.remove(chat.getCid())) {
            continue;
          }
          file.write(chat);
          if (chat.getCid() != null) {
            recent.put(chat.getCid(), new long[] {horizon(chat), windows});
          }
        }
        file.finish();
        progress.done(line(cursor), file.records());
      }
    }
    return ExitCode.OK;
  }

  private static String line(ChatHistoryCursor cursor) {
    return "chats: " + cursor.completedWindows() + " windows · " + cursor.requestCount() + " requests";
  }

  /**
   * Records that every chat up to {@code through} is written. Keeps the cids a resumed export from
   * there can return again: those of the last window (they share a second with the next) and
   * those of chats with a time at or after {@code through}.
   */
  private static void checkpoint(ExportFile file, ObjectNode export, OffsetDateTime through, int windows,
      Map<String, long[]> recent) throws IOException {
    long second = through.toEpochSecond();
    for (Iterator<long[]> it = recent.values().iterator(); it.hasNext(); ) {
      long[] seen = it.next();
      if (seen[0] < second && seen[1] < windows - 1) {
        it.remove();
      }
    }
    file.checkpoint(export, saved -> {
      saved.put("resumeFrom", through.toString());
      ObjectNode overlap = saved.putObject("overlap");
      recent.forEach((cid, seen) -> overlap.put(cid, seen[0]));
    });
  }

  /** The latest of the chat's times; a chat without any is kept to the end. */
  static long horizon(Chat chat) {
    long latest = Long.MIN_VALUE;
    for (Long time : new Long[] {chat.getChanged(), chat.getLastMessageTime(), chat.getLastLiveMsg(),
        chat.getAgentJoinedTime(), chat.getLivechatStarted()}) {
      if (time != null) {
        latest = Math.max(latest, time);
      }
    }
    if (chat.getHistory() != null) {
      for (ChatMessage message : chat.getHistory()) {
        if (message != null && message.getTimestamp() != null) {
          latest = Math.max(latest, message.getTimestamp());
        }
      }
    }
    return latest == Long.MIN_VALUE ? Long.MAX_VALUE : latest;
  }
}
