package com.serviceform.cli;

import com.serviceform.sdk.errors.AuthenticationException;
import com.serviceform.sdk.errors.ChatRequestBudgetException;
import com.serviceform.sdk.errors.ChatWindowOverflowException;
import com.serviceform.sdk.errors.CircuitOpenException;
import com.serviceform.sdk.errors.ServiceformException;
import com.serviceform.sdk.errors.ServiceformIOException;
import com.serviceform.sdk.errors.ServiceformTimeoutException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/** Turns what ended a command into one line on stderr and an exit code a script can rely on. */
final class Failures {
  private Failures() {}

  static int handle(Exception failure, CommandLine commandLine, CommandLine.ParseResult parsed) {
    int code = exitCode(failure);
    String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    commandLine.getErr().println("serviceform: " + message);
    if (code == ExitCode.NETWORK || code == ExitCode.INCOMPLETE || code == ExitCode.API) {
      commandLine.getErr().println("serviceform: the checkpoint is kept: run the same command again to resume");
    }
    if (code == ExitCode.INTERNAL) {
      failure.printStackTrace(commandLine.getErr());
    }
    return code;
  }

  static int exitCode(Exception failure) {
    if (failure instanceof CliException) {
      return ((CliException) failure).exitCode;
    }
    if (failure instanceof AuthenticationException) {
      return ExitCode.AUTHENTICATION;
    }
    if (failure instanceof ChatWindowOverflowException || failure instanceof ChatRequestBudgetException) {
      return ExitCode.INCOMPLETE;
    }
    if (failure instanceof ServiceformIOException || failure instanceof ServiceformTimeoutException
        || failure instanceof CircuitOpenException) {
      return ExitCode.NETWORK;
    }
    if (failure instanceof ServiceformException) {
      return ExitCode.API;
    }
    if (failure instanceof IOException || failure instanceof UncheckedIOException) {
      return ExitCode.OUTPUT;
    }
    return ExitCode.INTERNAL;
  }
}
