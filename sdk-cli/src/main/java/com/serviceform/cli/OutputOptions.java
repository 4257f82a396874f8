package com.serviceform.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The output file and how progress is shown. */
final class OutputOptions {
  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "The NDJSON file to write. Its checkpoint is FILE.checkpoint while the export runs; "
          + "running the same command again resumes from it.")
  Path out;

  @Option(names = "--restart", description = "Start over: overwrite FILE and drop its checkpoint.")
  boolean restart;

  @Option(names = "--progress", negatable = true,
      description = "Show progress on stderr (default: only when on a terminal).")
  Boolean progress;

  boolean showProgress() {
    return progress != null ? progress : System.console() != null;
  }
}
