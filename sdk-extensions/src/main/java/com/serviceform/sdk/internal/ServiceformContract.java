package com.serviceform.sdk.internal;

import feign.Contract;
import feign.MethodMetadata;
import feign.Param;
import java.lang.reflect.Method;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Feign's default contract, made safe for untrusted ids and exact about dates.
 *
 * <ul>
 *   <li>Path parameters are encoded by {@link PathSegments} as one segment each, and Feign's
 *       {@code decodeSlash} (which turns {@code %2F} back into {@code /}) is off.
 *   <li>{@link OffsetDateTime} query parameters are written as RFC 3339 with seconds ({@code
 *       2024-08-01T00:00:00Z}); {@code OffsetDateTime.toString()} drops zero seconds.
 * </ul>
 */
public final class ServiceformContract extends Contract.Default {
  private static final Param.Expander DATE_TIME =
      value -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format((OffsetDateTime) value);

  @Override
  protected MethodMetadata parseAndValidateMetadata(Class<?> targetType, Method method) {
    MethodMetadata metadata = super.parseAndValidateMetadata(targetType, method);
    metadata.template().decodeSlash(false);
    String path = pathOf(metadata.template().url());
    Map<Integer, Param.Expander> expanders = new HashMap<>();
    for (Map.Entry<Integer, Collection<String>> entry : metadata.indexToName().entrySet()) {
      int index = entry.getKey();
      String name = entry.getValue().iterator().next();
      if (path.contains("{" + name + "}")) {
        expanders.put(index, value -> PathSegments.encode(name, String.valueOf(value)));
      } else if (method.getParameterTypes()[index] == OffsetDateTime.class) {
        expanders.put(index, DATE_TIME);
      }
    }
    metadata.indexToExpander(expanders);
    return metadata;
  }

  private static String pathOf(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}
