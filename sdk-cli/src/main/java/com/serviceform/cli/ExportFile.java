package com.serviceform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.serviceform.sdk.internal.ObjectMappers;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.function.Consumer;

/**
 * An NDJSON output with a checkpoint beside it. A checkpoint records how many bytes of the output
 * are complete and where the export goes on; resuming cuts the output back to those bytes (a line
 * written after the last checkpoint is written again), so nothing is lost or doubled.
 */
final class ExportFile implements AutoCloseable {
  static final ObjectMapper MAPPER = ObjectMappers.create();

  private final Path out;
  private final Path checkpoint;
  private final FileChannel channel;
  private final OutputStream stream;
  private final JsonNode resumed;
  private long bytes;
  private long records;

  private ExportFile(Path out, Path checkpoint, FileChannel channel, JsonNode resumed, long bytes, long records) {
    this.out = out;
    this.checkpoint = checkpoint;
    this.channel = channel;
    this.stream = new BufferedOutputStream(Channels.newOutputStream(channel), 256 * 1024);
    this.resumed = resumed;
    this.bytes = bytes;
    this.records = records;
  }

  /**
   * Opens {@code out} for the export described by {@code export} (the options a resume must share):
   * resumes from its checkpoint, or starts it new.
   */
  static ExportFile open(Path out, boolean restart, ObjectNode export) throws CliException {
    Path checkpoint = out.resolveSibling(out.getFileName() + ".checkpoint");
    try {
      if (restart) {
        Files.deleteIfExists(checkpoint);
      }
      if (Files.exists(checkpoint)) {
        JsonNode saved = MAPPER.readTree(checkpoint.toFile());
        if (!export.equals(saved.get("export"))) {
          throw new CliException(ExitCode.USAGE, checkpoint + " belongs to another export (" + saved.get("export")
              + "): run that command to finish it, or pass --restart to start this one over");
        }
        long bytes = saved.get("bytes").asLong();
        if (!Files.exists(out) || Files.size(out) < bytes) {
          throw new CliException(ExitCode.USAGE, out + " is shorter than its checkpoint says: pass --restart");
        }
        FileChannel channel = FileChannel.open(out, StandardOpenOption.WRITE);
        channel.truncate(bytes);
        channel.position(bytes);
        return new ExportFile(out, checkpoint, channel, saved, bytes, saved.get("records").asLong());
      }
      if (!restart && Files.exists(out) && Files.size(out) > 0) {
        throw new CliException(ExitCode.USAGE, out + " exists and has no checkpoint (a finished export?): "
            + "pass --restart to overwrite it, or choose another --out");
      }
      FileChannel channel = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
      ExportFile file = new ExportFile(out, checkpoint, channel, null, 0, 0);
      return file;
    } catch (IOException e) {
      throw new CliException(ExitCode.OUTPUT, "cannot open " + out + ": " + e.getMessage(), e);
    }
  }

  /** The checkpoint this export resumes from, or null when it starts new. */
  JsonNode resumed() {
    return resumed;
  }

  long records() {
    return records;
  }

  /** Appends one record as a line. */
  void write(Object record) throws IOException {
    byte[] json = MAPPER.writeValueAsBytes(record);
    stream.write(json);
    stream.write('\n');
    bytes += json.length + 1;
    records++;
  }

  /** Makes everything written so far durable and records it, with what the export needs to go on. */
  void checkpoint(ObjectNode export, Consumer<ObjectNode> position) throws IOException {
    stream.flush();
    channel.force(false);
    ObjectNode saved = MAPPER.createObjectNode();
    saved.set("export", export);
    saved.put("bytes", bytes);
    saved.put("records", records);
    position.accept(saved);
    Path temporary = checkpoint.resolveSibling(checkpoint.getFileName() + ".tmp");
    Files.write(temporary, MAPPER.writeValueAsBytes(saved));
    Files.move(temporary, checkpoint, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The export is complete: the output is flushed and the checkpoint removed. */
  void finish() throws IOException {
    stream.flush();
    channel.force(false);
    channel.close();
    Files.deleteIfExists(checkpoint);
  }

  /** The ids (field {@code field}) of the records already in the output, for exports without a position. */
  static void readIds(Path out, long bytes, String field, Collection<String> into) throws IOException {
    if (bytes == 0) {
      return;
    }
    try (BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(
        new java.io.BufferedInputStream(Files.newInputStream(out)), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        if (!line.isBlank()) {
          JsonNode id = MAPPER.readTree(line).get(field);
          if (id != null && !id.isNull()) {
            into.add(id.asText());
          }
        }
      }
    }
  }

  Path path() {
    return out;
  }

  @Override
  public void close() throws IOException {
    if (channel.isOpen()) {
      stream.flush();
      channel.close();
    }
  }
}
