package com.serviceform.cli;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code 2024-08-01T12:00:00Z}, {@code 2024-08-01T14:00:00+02:00}, or {@code 2024-08-01} (midnight UTC). */
final class TimeConverter implements ITypeConverter<OffsetDateTime> {
  @Override
  public OffsetDateTime convert(String value) {
    try {
      return OffsetDateTime.parse(value);
    } catch (DateTimeParseException notATime) {
      try {
        return LocalDate.parse(value).atStartOfDay().atOffset(ZoneOffset.UTC);
      } catch (DateTimeParseException notADate) {
        throw new TypeConversionException("'" + value + "' is not a time like 2024-08-01T00:00:00Z or a date like 2024-08-01");
      }
    }
  }
}
