package com.serviceform.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;

/**
 * An export of a list the API returns whole (leads, items): streamed to the file record by record.
 * A resumed export asks for the list again and skips the ids already in the file.
 */
final class ExportList {
  private ExportList() {}

  static <T> int run(CommandSpec spec, Connection connection, OutputOptions output, ObjectNode export, String what,
      Function<com.serviceform.sdk.ServiceformClient, Stream<T>> list, Function<T, String> id) throws Exception {
    Progress progress = new Progress(spec.commandLine().getErr(), output.showProgress());
    try (ExportFile file = ExportFile.open(output.out, output.restart, export);
        com.serviceform.sdk.ServiceformClient client = connection.client()) {
      Set<String> written = new HashSet<>();
      if (file.resumed() != null) {
        ExportFile.readIds(output.out, file.resumed().get("bytes").asLong(), "id", written);
      }
      // Marks the export as started, so an interrupted one is resumed rather than refused.
      file.checkpoint(export, saved -> { });
      long lastCheckpoint = System.nanoTime();
      try (Stream<T> records = list.apply(client)) {
        for (Iterator<T> it = records.iterator(); it.hasNext(); ) {
          T record = it.next();
          String key = id.apply(record);
          if (key != null && written.contains(key)) {
            continue;
          }
          file.write(record);
          if (System.nanoTime() - lastCheckpoint >= ExportChats.CHECKPOINT_NANOS) {
            file.checkpoint(export, saved -> { });
            lastCheckpoint = System.nanoTime();
          }
          progress.show(what, file.records(), -1, false);
        }
      }
      file.finish();
      progress.done(what, file.records());
    }
    return ExitCode.OK;
  }
}
