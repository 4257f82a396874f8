package com.serviceform.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The jar's API is exactly the public types docs/client.md lists ("Public types"): a new public
 * class is a decision, written down there, not an accident; everything in {@code internal} is
 * excluded, as the binary-compatibility gate excludes it.
 */
class PublicSurfaceTest {
  @Test
  void thePublicTypesAreTheOnesTheDocsList() throws Exception {
    assertEquals(documented(), compiled());
  }

  /** Public top-level types of this module outside {@code internal}, by simple name and package. */
  private static Set<String> compiled() throws IOException, ClassNotFoundException {
    Path classes = Path.of("target", "classes");
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String relative = classes.relativize(file).toString().replace(java.io.File.separatorChar, '/');
        if (!relative.endsWith(".class") || relative.contains("$") || relative.contains("/internal/")
            || relative.endsWith("package-info.class")) {
          continue;
        }
        Class<?> type = Class.forName(relative.substring(0, relative.length() - ".class".length()).replace('/', '.'));
        if (Modifier.isPublic(type.getModifiers())) {
          names.add(type.getPackageName() + "." + type.getSimpleName());
        }
      }
    }
    return names;
  }

  /** The names between the public-types markers of docs/client.md. */
  private static Set<String> documented() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "client.md"));
    String list = doc.substring(doc.indexOf("<!-- public-types:start -->"), doc.indexOf("<!-- public-types:end -->"));
    Set<String> names = new TreeSet<>();
    Matcher line = Pattern.compile("- `(com\\.serviceform\\.sdk[a-z.]*)`: ([^\\n]*(?:\\n  [^\\n]*)*)").matcher(list);
    while (line.find()) {
      Matcher type = Pattern.compile("`([A-Z][A-Za-z]+)`(?! \\(and)|`([A-Z][A-Za-z]+)` \\(and").matcher(line.group(2));
      while (type.find()) {
        names.add(line.group(1) + "." + (type.group(1) != null ? type.group(1) : type.group(2)));
      }
    }
    // Nested builders, writers and factories are named "(and its `Builder`)": not top-level types.
    names.removeIf(name -> name.endsWith(".Builder") || name.endsWith(".Writer") || name.endsWith(".Factory"));
    return names;
  }
}
