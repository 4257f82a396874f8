package com.serviceform.sdk.fields;

import com.serviceform.sdk.model.Item;
import com.serviceform.sdk.model.ItemInput;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Typed reads of an item's custom fields, by {@code machine} name.
 *
 * <pre>{@code
 * CustomFields fields = CustomFields.of(item);
 * Optional<String> email = fields.getString("contact_email");
 * Optional<SelectValue> status = fields.getSelect("status");   // value and label
 *
 * ItemInput input = new ItemInput().primaryField("Acme");
 * CustomFields.on(input).put("budget_eur", 15000).putSelect("status", "open");
 *
 * ItemInput changed = CustomFields.toInput(item);               // read-modify-write
 * CustomFields.on(changed).putSelect("status", "won");
 * client.flex().updateItem(item.getSpaceId(), item.getId(), changed);
 * }</pre>
 *
 * <p>A getter returns empty when the field is absent or null, and throws {@link
 * IllegalStateException} naming the field and both types when the value has another type. Fields
 * this class does not know stay on the item untouched.
 */
public final class CustomFields {
  private final Map<String, Object> values;

  private CustomFields(Map<String, Object> values) {
    this.values = values == null ? Map.of() : Collections.unmodifiableMap(values);
  }

  /** A read view of {@code item}'s custom fields (its additional properties). */
  public static CustomFields of(Item item) {
    Objects.requireNonNull(item, "item == null");
    return new CustomFields(item.getAdditionalProperties());
  }

  /**
   * An input carrying {@code item}'s primary field and every other property it came with (its
   * custom fields, and any field the spec does not name yet), for a read-modify-write: change what
   * you need and send it with {@code updateItem}, and nothing the server sent is lost. The item's
   * system fields ({@code id}, {@code created}, ...) are not part of an input and are left out.
   */
  public static ItemInput toInput(Item item) {
    Objects.requireNonNull(item, "item == null");
    ItemInput input = new ItemInput().primaryField(item.getPrimaryField());
    if (item.getAdditionalProperties() != null) {
      item.getAdditionalProperties().forEach(input::putAdditionalProperty);
    }
    return input;
  }

  /** Writes custom fields onto {@code input}, for create and update. */
  public static Writer on(ItemInput input) {
    return new Writer(Objects.requireNonNull(input, "input == null"));
  }

  /** The machine names present, in the order the server sent them. */
  public Set<String> names() {
    return values.keySet();
  }

  /** Whether the field is present (possibly with a null value). */
  public boolean has(String machine) {
    return values.containsKey(machine);
  }

  /** The raw value as decoded from JSON (String, Number, Boolean, Map, List), if present and not null. */
  public Optional<Object> get(String machine) {
    return Optional.ofNullable(values.get(Objects.requireNonNull(machine, "machine == null")));
  }

  public Optional<String> getString(String machine) {
    return typed(machine, String.class, "a string");
  }

  public Optional<Boolean> getBoolean(String machine) {
    return typed(machine, Boolean.class, "a boolean");
  }

  /** A number as a long; a number with a fraction is an error rather than silently truncated. */
  public Optional<Long> getLong(String machine) {
    return getNumber(machine).map(n -> {
      try {
        return n.longValueExact();
      } catch (ArithmeticException e) {
        throw new IllegalStateException("custom field '" + machine + "' is " + n + ", not a whole number");
      }
    });
  }

  public Optional<Double> getDouble(String machine) {
    return getNumber(machine).map(BigDecimal::doubleValue);
  }

  /** A number exactly as sent. */
  public Optional<BigDecimal> getNumber(String machine) {
    return typed(machine, Number.class, "a number").map(n -> new BigDecimal(n.toString()));
  }

  /**
   * A select field: {@code {"value": ..., "label": ...}} as read back, or a plain string (its
   * value, without label).
   */
  public Optional<SelectValue> getSelect(String machine) {
    Object raw = values.get(Objects.requireNonNull(machine, "machine == null"));
    if (raw == null) {
      return Optional.empty();
    }
    if (raw instanceof String) {
      return Optional.of(SelectValue.of((String) raw));
    }
    if (raw instanceof Map) {
      Object value = ((Map<?, ?>) raw).get("value");
      Object label = ((Map<?, ?>) raw).get("label");
      if (value != null) {
        return Optional.of(SelectValue.of(value.toString(), label == null ? null : label.toString()));
      }
    }
    throw new IllegalStateException("custom field '" + machine + "' is " + describe(raw)
        + ", not a select value ({\"value\": ..., \"label\": ...} or a string)");
  }

  /** A list field (for example a multi-select), as decoded. */
  public Optional<List<Object>> getList(String machine) {
    return typed(machine, List.class, "a list").map(list -> {
      @SuppressWarnings("unchecked")
      List<Object> elements = (List<Object>) list;
      return Collections.unmodifiableList(elements);
    });
  }

  private <T> Optional<T> typed(String machine, Class<T> type, String expected) {
    Object raw = values.get(Objects.requireNonNull(machine, "machine == null"));
    if (raw == null) {
      return Optional.empty();
    }
    if (!type.isInstance(raw)) {
      throw new IllegalStateException("custom field '" + machine + "' is " + describe(raw) + ", not " + expected);
    }
    return Optional.of(type.cast(raw));
  }

  private static String describe(Object raw) {
    if (raw instanceof String) {
      return "a string";
    }
    if (raw instanceof Number) {
      return "a number";
    }
    if (raw instanceof Boolean) {
      return "a boolean";
    }
    if (raw instanceof Map) {
      return "an object";
    }
    if (raw instanceof List) {
      return "a list";
    }
    return "a " + raw.getClass().getSimpleName();
  }

  @Override
  public String toString() {
    return "CustomFields" + new LinkedHashMap<>(values);
  }

  /** Sets custom fields on an {@link ItemInput}; each call replaces that field's value. */
  public static final class Writer {
    private final ItemInput input;

    private Writer(ItemInput input) {
      this.input = input;
    }

    /** A string, number, boolean, list or map value, sent as given. */
    public Writer put(String machine, Object value) {
      Objects.requireNonNull(machine, "machine == null");
      if ("primary_field".equals(machine)) {
        throw new IllegalArgumentException("primary_field is not a custom field: use ItemInput.primaryField(...)");
      }
      input.putAdditionalProperty(machine, value);
      return this;
    }

    /** A select field, sent as the option's value. */
    public Writer putSelect(String machine, String optionValue) {
      return put(machine, Objects.requireNonNull(optionValue, "optionValue == null"));
    }

    /** A select field, sent as the option's value. */
    public Writer putSelect(String machine, SelectValue selection) {
      return putSelect(machine, Objects.requireNonNull(selection, "selection == null").value());
    }

    /** The input being written. */
    public ItemInput input() {
      return input;
    }
  }
}
