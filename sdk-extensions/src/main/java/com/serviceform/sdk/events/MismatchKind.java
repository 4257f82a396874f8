package com.serviceform.sdk.events;

/** How a response differs from the spec at one JSON path. */
public enum MismatchKind {
  /** A property the spec does not declare, on an object that does not allow extra properties. */
  UNDOCUMENTED_FIELD,
  /** A value of another JSON type than the spec's (a string where an integer is due). */
  TYPE_MISMATCH,
  /** The right JSON type in the wrong format (a {@code date-time} that does not parse, an int32 out of range, a fraction where an integer is due). */
  FORMAT_MISMATCH,
  /** A property the spec requires is absent. */
  MISSING_REQUIRED,
  /** {@code null} where the spec does not say {@code nullable}. */
  UNEXPECTED_NULL
}
