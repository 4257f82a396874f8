package com.serviceform.sdk;

/**
 * Whether success bodies are checked against the spec's response schemas (see {@code
 * ServiceformClient.Builder.responseValidation}). Each mismatch (an undocumented field, a type or
 * format mismatch, a missing required field, an unexpected null) is reported once per client,
 * operation and JSON path, with paths and types only, never values.
 */
public enum ResponseValidation {
  /** No checking, at no cost (the default). */
  OFF,
  /** Report mismatches to the event listeners and the log (WARN, logger {@code com.serviceform.sdk.validation}); calls go on. */
  WARN,
  /**
   * Report as {@link #WARN} does, and fail every call whose answer differs from the spec with a
   * {@link com.serviceform.sdk.errors.ResponseValidationException}.
   */
  FAIL
}
