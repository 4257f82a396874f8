package com.serviceform.sdk.fields;

import java.util.Objects;

/**
 * The value of a select field: the option's {@code value}, and its {@code label} when the server
 * sent one (items read back carry {@code {"value": ..., "label": ...}}; a plain string has no
 * label).
 */
public final class SelectValue {
  private final String value;
  private final String label;

  private SelectValue(String value, String label) {
    this.value = Objects.requireNonNull(value, "value == null");
    this.label = label;
  }

  /** A selection by option value, as sent on create and update. */
  public static SelectValue of(String value) {
    return new SelectValue(value, null);
  }

  /** A selection with its label, as read back. */
  public static SelectValue of(String value, String label) {
    return new SelectValue(value, label);
  }

  /** The option's value (its {@code value}, matching a {@code FieldOption}). */
  public String value() {
    return value;
  }

  /** The option's label, or null when the server sent only the value. */
  public String label() {
    return label;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SelectValue && value.equals(((SelectValue) o).value)
        && Objects.equals(label, ((SelectValue) o).label);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, label);
  }

  @Override
  public String toString() {
    return label == null ? value : value + " (" + label + ")";
  }
}
