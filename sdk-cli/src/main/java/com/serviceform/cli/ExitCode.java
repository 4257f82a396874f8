package com.serviceform.cli;

/** The exit codes of {@code serviceform}, for scripts (documented in docs/pagination.md). */
final class ExitCode {
  /** The export finished: the output holds every record, the checkpoint is gone. */
  static final int OK = 0;
  /** A fault of the command itself (a bug): report it. */
  static final int INTERNAL = 1;
  /** Bad arguments, or an output that cannot be resumed or overwritten as asked. Nothing was sent. */
  static final int USAGE = 2;
  /** No API key, or a key file that cannot be read. Nothing was sent. */
  static final int NO_KEY = 3;
  /** The API refused the key (401 or 403). */
  static final int AUTHENTICATION = 4;
  /** The API answered an error, or an answer that is not the documented JSON (after retries). */
  static final int API = 5;
  /** No answer: connection failures and timeouts (after retries). Run the command again to resume. */
  static final int NETWORK = 6;
  /** The export stopped short: a second fuller than the largest page, or the request budget. Resumable. */
  static final int INCOMPLETE = 7;
  /** The output or checkpoint file could not be written. */
  static final int OUTPUT = 8;
  /** {@code probe}: the API's answers differ from the spec (the report says where). */
  static final int DRIFT = 9;
  /** Interrupted (Ctrl-C): the checkpoint stays; run the command again to resume. */
  static final int INTERRUPTED = 130;

  private ExitCode() {}
}
