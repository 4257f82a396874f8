package com.serviceform.sdk.specgate;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.ConsoleRender;
import org.openapitools.openapidiff.core.output.MarkdownRender;
import org.openapitools.openapidiff.core.output.Render;

/**
 * The breaking-change gate for the spec: compares the curated spec with the spec of the last
 * release and fails on a breaking change unless the major version of {@code info.version} was
 * raised.
 *
 * <p>Two sets of rules decide what is breaking: openapi-diff's (what breaks an HTTP client on the
 * wire: a removed operation, a new required parameter, a narrowed type...) and {@link SdkChanges}
 * (what breaks code compiled against the generated SDK: a removed property, a new optional
 * parameter, a renamed operation...).
 *
 * <p>Run by every {@code ./mvnw verify} (exec-maven-plugin, see this module's POM) as {@code
 * SpecGate <released spec> <current spec> [<report directory>]}. It prints what changed and what
 * broke, writes {@code spec-gate.md} to the report directory, and throws (failing the build) when
 * the gate does not pass.
 */
public final class SpecGate {

  private static final Pattern SEMVER = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)([-+].*)?$");

  private SpecGate() {}

  /** What the gate found. */
  public static final class Result {
    private final String releasedVersion;
    private final String currentVersion;
    private final boolean changed;
    private final List<String> wireBreaking;
    private final List<String> sdkBreaking;
    private final String changeLog;
    private final String markdown;

    Result(String releasedVersion, String currentVersion, boolean changed,
        List<String> wireBreaking, List<String> sdkBreaking, String changeLog, String markdown) {
      this.releasedVersion = releasedVersion;
      this.currentVersion = currentVersion;
      this.changed = changed;
      this.wireBreaking = List.copyOf(wireBreaking);
      this.sdkBreaking = List.copyOf(sdkBreaking);
      this.changeLog = changeLog;
      this.markdown = markdown;
    }

    public String releasedVersion() {
      return releasedVersion;
    }

    public String currentVersion() {
      return currentVersion;
    }

    /** True when openapi-diff sees any difference between the two specs. */
    public boolean changed() {
      return changed;
    }

    /** Incompatible on the wire, per openapi-diff. */
    public List<String> wireBreaking() {
      return wireBreaking;
    }

    /** Incompatible for code compiled against the generated SDK. */
    public List<String> sdkBreaking() {
      return sdkBreaking;
    }

    public boolean breaking() {
      return !wireBreaking.isEmpty() || !sdkBreaking.isEmpty();
    }

    public boolean majorRaised() {
      return major(currentVersion) > major(releasedVersion);
    }

    public boolean versionWentBack() {
      return compare(currentVersion, releasedVersion) < 0;
    }

    public boolean passed() {
      return !versionWentBack() && (!breaking() || majorRaised());
    }

    /** openapi-diff's own change log (its console render). */
    public String changeLog() {
      return changeLog;
    }

    /** openapi-diff's markdown render. */
    public String markdown() {
      return markdown;
    }

    /** The verdict in one paragraph. */
    public String verdict() {
      int n = wireBreaking.size() + sdkBreaking.size();
      if (versionWentBack()) {
        return "FAILED: info.version went back from " + releasedVersion + " to " + currentVersion
            + ".";
      }
      if (!breaking()) {
        String note = changed && releasedVersion.equals(currentVersion)
            ? " Note: the spec changed and info.version stayed " + currentVersion
                + " (fine for curation; when the vendor publishes a new API version, follow it)."
            : "";
        return "PASSED: no breaking change against the released spec " + releasedVersion + "."
            + note;
      }
      if (majorRaised()) {
        return "PASSED: " + n + " breaking change(s), allowed because the major version was raised ("
            + releasedVersion + " -> " + currentVersion + "). The SDK's major version must rise"
            + " too (docs/versioning.md); refresh openapi/released/ when it is released.";
      }
      return "FAILED: " + n + " breaking change(s) against the released spec " + releasedVersion
          + " and the major version was not raised (info.version " + currentVersion + "). Undo"
          + " the change, or make it a new major: set info.version to " + (major(releasedVersion) + 1)
          + ".0.0 and raise the SDK's major version (docs/versioning.md).";
    }

    /** The full text the build prints. */
    public String text(String releasedLabel, String currentLabel) {
      StringBuilder sb = new StringBuilder();
      sb.append("Spec compatibility gate\n");
      sb.append("  released: ").append(releasedLabel).append(" (info.version ")
          .append(releasedVersion).append(")\n");
      sb.append("  current:  ").append(currentLabel).append(" (info.version ")
          .append(currentVersion).append(")\n");
      if (changed) {
        sb.append("openapi-diff's change log (its verdict covers the wire only):\n");
        sb.append(changeLog.strip()).append('\n');
      } else {
        sb.append("  No differences: the specs are equivalent.\n");
      }
      list(sb, "Breaking on the wire (openapi-diff)", wireBreaking);
      list(sb, "Breaking for code compiled against the SDK", sdkBreaking);
      sb.append(verdict()).append('\n');
      return sb.toString();
    }

    private static void list(StringBuilder sb, String title, List<String> lines) {
      if (lines.isEmpty()) {
        return;
      }
      sb.append(title).append(" (").append(lines.size()).append("):\n");
      for (String line : lines) {
        sb.append("  - ").append(line).append('\n');
      }
    }
  }

  /** Compares {@code current} with {@code released}. Throws if either cannot be read as OAS 3. */
  public static Result check(Path released, Path current) {
    OpenAPI before = parse(released);
    OpenAPI after = parse(current);
    List<String> sdk = SdkChanges.breaking(before, after);

    // openapi-diff works on its own parse (it rewrites security requirements in place).
    ChangedOpenApi diff = OpenApiCompare.fromSpecifications(parse(released), parse(current));
    List<String> wire = diff.isIncompatible() ? WireChanges.breaking(diff) : List.of();
    boolean changed = diff.isDifferent() || !sdk.isEmpty();
    return new Result(version(before, released), version(after, current), changed, wire, sdk,
        changed ? render(new ConsoleRender(), diff) : "",
        changed ? render(new MarkdownRender(), diff) : "");
  }

  static OpenAPI parse(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("Spec not found: " + file);
    }
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readLocation(file.toAbsolutePath().toString(), null, options);
    if (result.getOpenAPI() == null) {
      throw new IllegalArgumentException("Cannot read " + file + " as OpenAPI 3: " + result.getMessages());
    }
    return result.getOpenAPI();
  }

  private static String version(OpenAPI api, Path file) {
    String v = api.getInfo() == null ? null : api.getInfo().getVersion();
    if (v == null || !SEMVER.matcher(v.trim()).matches()) {
      throw new IllegalArgumentException(file + ": info.version '" + v
          + "' is not MAJOR.MINOR.PATCH; the gate compares major versions");
    }
    return v.trim();
  }

  static int major(String version) {
    Matcher m = SEMVER.matcher(version);
    if (!m.matches()) {
      throw new IllegalArgumentException("Not MAJOR.MINOR.PATCH: " + version);
    }
    return Integer.parseInt(m.group(1));
  }

  static int compare(String a, String b) {
    Matcher ma = SEMVER.matcher(a);
    Matcher mb = SEMVER.matcher(b);
    if (!ma.matches() || !mb.matches()) {
      throw new IllegalArgumentException("Not MAJOR.MINOR.PATCH: " + a + " / " + b);
    }
    for (int i = 1; i <= 3; i++) {
      int c = Integer.compare(Integer.parseInt(ma.group(i)), Integer.parseInt(mb.group(i)));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static String render(Render render, ChangedOpenApi diff) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    render.render(diff, new OutputStreamWriter(out, StandardCharsets.UTF_8)); // closes the writer
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * {@code SpecGate <released spec> <current spec> [<report directory>]}. Prints the result and
   * throws {@link IllegalStateException} when the gate fails (exec-maven-plugin fails the build).
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 2 || args.length > 3) {
      throw new IllegalArgumentException(
          "usage: SpecGate <released spec> <current spec> [<report directory>]");
    }
    Path released = Path.of(args[0]);
    Path current = Path.of(args[1]);
    Result result = check(released, current);
    String text = result.text(label(released), label(current));
    System.out.print(text);
    System.out.flush();
    if (args.length == 3) {
      Path dir = Path.of(args[2]);
      Files.createDirectories(dir);
      List<String> md = new ArrayList<>();
      md.add("# Spec compatibility gate");
      md.add("");
      md.add("```");
      md.add(text.strip());
      md.add("```");
      if (result.changed()) {
        md.add("");
        md.add(result.markdown().strip());
      }
      Files.write(dir.resolve("spec-gate.md"), md, StandardCharsets.UTF_8);
    }
    if (!result.passed()) {
      throw new IllegalStateException("Spec compatibility gate: " + result.verdict());
    }
  }

  /** The path relative to the working directory when it lies below it (shorter build output). */
  static String label(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath();
    return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
  }
}
