package com.serviceform.cli;

import picocli.CommandLine;

/** {@code serviceform}: the Serviceform SDK on the command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command and returns its exit code (see {@link ExitCode}). */
  static int run(String... args) {
    CommandLine commandLine = new CommandLine(new ServiceformCommand());
    commandLine.setExecutionExceptionHandler(Failures::handle);
    commandLine.setParameterExceptionHandler((e, arguments) -> {
      e.getCommandLine().getErr().println("serviceform: " + e.getMessage());
      e.getCommandLine().getErr().println("Run 'serviceform " + String.join(" ",
          e.getCommandLine().getCommandSpec().qualifiedName().split(" ")).replaceFirst("^serviceform ?", "")
          + " --help' for usage.");
      return ExitCode.USAGE;
    });
    return commandLine.execute(args);
  }
}
