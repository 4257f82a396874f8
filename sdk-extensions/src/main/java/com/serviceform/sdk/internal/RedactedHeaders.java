package com.serviceform.sdk.internal;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Headers as event listeners see them: read-only, keyed by lower-case name, {@code sf-api-key} as
 * {@code <redacted>} and every other value redacted. Built on first use, so a listener that never
 * reads them costs one small object per event.
 */
final class RedactedHeaders extends AbstractMap<String, List<String>> {
  private final Map<String, ? extends Collection<String>> raw;
  private final Redactor redactor;
  private volatile Map<String, List<String>> view;

  RedactedHeaders(Map<String, ? extends Collection<String>> raw, Redactor redactor) {
    this.raw = raw;
    this.redactor = redactor;
  }

  private Map<String, List<String>> view() {
    Map<String, List<String>> current = view;
    if (current == null) {
      Map<String, List<String>> built = new TreeMap<>();
      if (raw != null) {
        raw.forEach((name, values) -> {
          if (name != null && values != null) {
            List<String> redacted = built.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>());
            for (String value : values) {
              redacted.add(redactor.headerValue(name, value));
            }
          }
        });
      }
      built.replaceAll((name, values) -> List.copyOf(values));
      view = current = Collections.unmodifiableMap(built);
    }
    return current;
  }

  @Override
  public Set<Entry<String, List<String>>> entrySet() {
    return view().entrySet();
  }

  @Override
  public List<String> get(Object name) {
    return name instanceof String ? view().get(((String) name).toLowerCase(Locale.ROOT)) : null;
  }

  @Override
  public boolean containsKey(Object name) {
    return get(name) != null;
  }
}
