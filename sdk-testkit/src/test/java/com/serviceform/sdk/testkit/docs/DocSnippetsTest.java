package com.serviceform.sdk.testkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the docs' Java in step with code that compiles and runs: every {@code java} block of
 * docs/testing.md and of the README's "Testing your code" section must appear, line for line (at
 * any indentation), in a source file of this package, where it is compiled and, for tests, run.
 */
class DocSnippetsTest {
  static final Path ROOT = Path.of("..");
  static final Path SOURCES = Path.of("src/test/java/com/serviceform/sdk/testkit/docs");

  @Test
  void everyJavaBlockOfTheTestingDocsIsCompiledAndRunHere() throws IOException {
    List<List<String>> sources = new ArrayList<>();
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList())) {
        sources.add(Files.readAllLines(file, StandardCharsets.UTF_8));
      }
    }
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    String testingSection = readme.substring(readme.indexOf("## Testing your code"));
    testingSection = testingSection.substring(0, testingSection.indexOf("\n## ", 1));
    List<String> blocks = new ArrayList<>(javaBlocks(testingSection));
    int readmeBlocks = blocks.size();
    blocks.addAll(javaBlocks(Files.readString(ROOT.resolve("docs/testing.md"), StandardCharsets.UTF_8)));
    assertFalse(readmeBlocks == 0, "the README's testing section shows Java");

    List<String> missing = new ArrayList<>();
    for (String block : blocks) {
      List<String> lines = dedent(block);
      if (sources.stream().noneMatch(source -> contains(source, lines))) {
        missing.add(block);
      }
    }
    assertEquals(List.of(), missing, "java blocks of the docs that no source file in " + SOURCES + " holds");
  }

  @Test
  void theSeedExampleIsTheSeedFileTheExamplesLoad() throws IOException {
    List<String> json = blocks(Files.readString(ROOT.resolve("docs/testing.md"), StandardCharsets.UTF_8), "json");
    com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    assertEquals(mapper.readTree(Files.readString(Path.of("src/test/resources/sandbox/seed.json"))),
        mapper.readTree(json.get(0)));
  }

  static List<String> javaBlocks(String markdown) {
    return blocks(markdown, "java");
  }

  static List<String> blocks(String markdown, String language) {
    List<String> blocks = new ArrayList<>();
    int at = 0;
    String fence = "```" + language + "\n";
    while ((at = markdown.indexOf(fence, at)) >= 0) {
      int start = at + fence.length();
      int end = markdown.indexOf("```", start);
      blocks.add(markdown.substring(start, end));
      at = end + 3;
    }
    return blocks;
  }

  static List<String> dedent(String block) {
    List<String> lines = Arrays.stream(block.split("\n", -1)).map(String::stripTrailing).collect(Collectors.toList());
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    int indent = lines.stream().filter(l -> !l.isEmpty()).mapToInt(l -> l.length() - l.stripLeading().length())
        .min().orElse(0);
    return lines.stream().map(l -> l.isEmpty() ? l : l.substring(indent)).collect(Collectors.toList());
  }

  /** Whether {@code lines} appear in {@code source} as consecutive lines, all at one extra indentation. */
  static boolean contains(List<String> source, List<String> lines) {
    for (int i = 0; i + lines.size() <= source.size(); i++) {
      String first = source.get(i);
      if (!first.stripTrailing().endsWith(lines.get(0)) || lines.get(0).isEmpty()) {
        continue;
      }
      String indent = first.substring(0, first.stripTrailing().length() - lines.get(0).length());
      if (!indent.isBlank()) {
        continue;
      }
      boolean all = true;
      for (int k = 0; k < lines.size() && all; k++) {
        String expected = lines.get(k);
        String actual = source.get(i + k).stripTrailing();
        all = expected.isEmpty() ? actual.isEmpty() : actual.equals(indent + expected);
      }
      if (all) {
        return true;
      }
    }
    return false;
  }
}
