package com.serviceform.cli;

import com.serviceform.sdk.errors.ResponseDecodeException;
import com.serviceform.sdk.errors.ServiceformApiException;
import com.serviceform.sdk.errors.ServiceformException;
import com.serviceform.sdk.events.EventListener;
import com.serviceform.sdk.events.ResponseMismatch;
import com.serviceform.sdk.events.ResponseValidated;
import com.serviceform.sdk.internal.ResponseSchemas;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the probe found, per operation, and the report in Markdown: findings are paths and types
 * only (the SDK's response validation never passes a value), and each is tied to the curation
 * decisions of docs/spec-curation.md that the spec marks at its place.
 */
final class DriftReport {
  /** One operation's result. */
  static final class Probe {
    final String operationId;
    final String request;
    int records = -1;
    String skipped;
    ServiceformException failure;
    Integer status;
    final Map<String, ResponseMismatch> mismatches = new LinkedHashMap<>();
    final Set<Integer> exercised = new TreeSet<>();
    boolean validated;

    Probe(String operationId, String request) {
      this.operationId = operationId;
      this.request = request;
    }

    Set<Integer> refuted() {
      return mismatches.values().stream().flatMap(m -> m.curations().stream()).collect(Collectors.toCollection(TreeSet::new));
    }

    Set<Integer> confirmed() {
      Set<Integer> confirmed = new TreeSet<>(exercised);
      confirmed.removeAll(refuted());
      return confirmed;
    }

    boolean drifted() {
      return !mismatches.isEmpty() || failure instanceof ResponseDecodeException;
    }

    String result() {
      if (skipped != null) {
        return "not run";
      }
      if (failure instanceof ResponseDecodeException) {
        return "**drift**: the answer could not be decoded";
      }
      if (failure != null) {
        return "failed: " + failure.getClass().getSimpleName()
            + (failure instanceof ServiceformApiException ? " (HTTP " + ((ServiceformApiException) failure).statusCode() + ")" : "");
      }
      return mismatches.isEmpty() ? "matched" : "**drift**";
    }
  }

  private final Map<String, Probe> probes = new LinkedHashMap<>();
  private final ResponseSchemas schemas = ResponseSchemas.load();
  private String baseUrl;
  private OffsetDateTime started;

  /** Collects the SDK's validation of each answer. */
  EventListener listener() {
    return new EventListener() {
      @Override
      public void responseValidated(ResponseValidated event) {
        Probe probe = probes.get(event.call().operationId());
        if (probe != null) {
          probe.validated = true;
          probe.exercised.addAll(event.curationsExercised());
          for (ResponseMismatch mismatch : event.mismatches()) {
            probe.mismatches.putIfAbsent(mismatch.path() + " " + mismatch.kind(), mismatch);
          }
        }
      }

      @Override
      public void callEnd(com.serviceform.sdk.events.CallEnd call) {
        Probe probe = probes.get(call.call().operationId());
        if (probe != null && call.statusCode() != 0) {
          probe.status = call.statusCode();
        }
      }
    };
  }

  void start(String baseUrl, OffsetDateTime now) {
    this.baseUrl = baseUrl;
    this.started = now.truncatedTo(ChronoUnit.SECONDS);
  }

  void begin(String operationId, String request) {
    probes.put(operationId, new Probe(operationId, request));
  }

  void done(String operationId, int records) {
    probes.get(operationId).records = records;
  }

  void failed(String operationId, ServiceformException failure) {
    probes.get(operationId).failure = failure;
  }

  void skipped(String operationId, String request, String why) {
    Probe probe = new Probe(operationId, request);
    probe.skipped = why;
    probes.put(operationId, probe);
  }

  boolean drifted() {
    return probes.values().stream().anyMatch(Probe::drifted);
  }

  /** The first failure that is not drift (no answer, an error status), or null. */
  ServiceformException firstFailure() {
    return probes.values().stream().map(p -> p.failure).filter(f -> f != null && !(f instanceof ResponseDecodeException))
        .findFirst().orElse(null);
  }

  String summary() {
    long matched = probes.values().stream().filter(p -> p.skipped == null && p.failure == null && p.mismatches.isEmpty()).count();
    long mismatches = probes.values().stream().mapToLong(p -> p.mismatches.size()).sum();
    return matched + " of " + probes.size() + " operations matched the spec, " + mismatches
        + (mismatches == 1 ? " mismatch" : " mismatches");
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Serviceform API drift report\n\n");
    md.append("- When: ").append(started).append('\n');
    md.append("- API: ").append(baseUrl).append('\n');
    md.append("- Spec: ").append(schemas.specVersion()).append(" (serviceform-sdk ")
        .append(com.serviceform.sdk.ServiceformClient.sdkVersion()).append(")\n");
    md.append("- Result: ").append(summary()).append("\n\n");
    md.append("Generated by `serviceform probe`: read-only calls, each answer checked against the SDK's spec. ")
        .append("Findings are JSON paths and types, never values (`[*]` is any element of an array, `.*` any key of a map).\n\n");

    md.append("## Operations\n\n| Operation | Request | Status | Records | Result | Mismatches |\n|---|---|---|---|---|---|\n");
    for (Probe p : probes.values()) {
      md.append("| `").append(p.operationId).append("` | ").append(cell(p.request)).append(" | ")
          .append(p.status == null ? "-" : p.status).append(" | ").append(p.records < 0 ? "-" : p.records).append(" | ")
          .append(p.result()).append(" | ").append(p.mismatches.size()).append(" |\n");
    }

    md.append("\n## Curation decisions (docs/spec-curation.md)\n\n")
        .append("A decision is confirmed when an answer reached the places the spec marks for it without a mismatch, ")
        .append("refuted when a mismatch occurred there.\n\n| # | Decision | Confirmed by | Refuted by |\n|---|---|---|---|\n");
    Map<Integer, String> titles = new TreeMap<>();
    schemas.curationTitles().forEach((number, title) -> titles.put(Integer.valueOf(number), title));
    for (Map.Entry<Integer, String> decision : titles.entrySet()) {
      int n = decision.getKey();
      List<String> confirmedBy = new ArrayList<>();
      List<String> refutedBy = new ArrayList<>();
      for (Probe p : probes.values()) {
        if (p.refuted().contains(n)) {
          refutedBy.add("`" + p.operationId + "` (" + p.mismatches.values().stream().filter(m -> m.curations().contains(n))
              .map(m -> "`" + m.path() + "`").distinct().collect(Collectors.joining(", ")) + ")");
        } else if (p.confirmed().contains(n)) {
          confirmedBy.add("`" + p.operationId + "`");
        }
      }
      md.append("| ").append(n).append(" | ").append(cell(decision.getValue())).append(" | ")
          .append(confirmedBy.isEmpty() ? "-" : String.join(", ", confirmedBy)).append(" | ")
          .append(refutedBy.isEmpty() ? "-" : "**" + String.join(", ", refutedBy) + "**").append(" |\n");
    }
    md.append("\nDecisions with neither were not exercised by these calls (the probe does not write, and the ")
        .append("request side of a decision shows only as an error status).\n");

    for (Probe p : probes.values()) {
      md.append("\n## `").append(p.operationId).append("`\n\n").append(p.request).append(": ");
      if (p.skipped != null) {
        md.append("not run: ").append(p.skipped).append(".\n");
        continue;
      }
      if (p.failure != null && !(p.failure instanceof ResponseDecodeException)) {
        md.append(p.result()).append(". Nothing to compare.\n");
        p.failure.requestId().ifPresent(id -> md.append("\nRequest id: `").append(cell(id)).append("`.\n"));
        continue;
      }
      md.append(p.status == null ? "" : "HTTP " + p.status + ", ");
      if (p.records >= 0) {
        md.append(p.records).append(p.records == 1 ? " record, " : " records, ");
      }
      md.append(p.mismatches.isEmpty() && p.failure == null ? "matched the spec.\n" : "differs from the spec.\n");
      if (p.failure instanceof ResponseDecodeException) {
        md.append("\nThe SDK could not decode the answer (").append(p.failure.getClass().getSimpleName())
            .append("): calls of this operation fail until the spec is corrected.\n");
      }
      if (!p.mismatches.isEmpty()) {
        md.append("\n| Path | Kind | Spec says | Answer has | Curation |\n|---|---|---|---|---|\n");
        for (ResponseMismatch m : p.mismatches.values()) {
          md.append("| `").append(cell(m.path())).append("` | ").append(m.kind()).append(" | ").append(cell(m.expected()))
              .append(" | ").append(cell(m.actual())).append(" | ")
              .append(m.curations().isEmpty() ? "-" : m.curations().stream().map(n -> "#" + n).collect(Collectors.joining(", ")))
              .append(" |\n");
        }
      }
      Set<Integer> confirmed = p.confirmed();
      Set<Integer> refuted = p.refuted();
      if (!confirmed.isEmpty() || !refuted.isEmpty()) {
        md.append("\nCuration: ");
        List<String> parts = new ArrayList<>();
        if (!confirmed.isEmpty()) {
          parts.add("confirms " + confirmed.stream().map(n -> "#" + n).collect(Collectors.joining(", ")));
        }
        if (!refuted.isEmpty()) {
          parts.add("refutes " + refuted.stream().map(n -> "#" + n).collect(Collectors.joining(", ")));
        }
        md.append(String.join("; ", parts)).append(".\n");
      }
    }
    md.append("\nTo report drift, open an issue with this file attached: it holds no key and no record's data.\n");
    return md.toString();
  }

  /** Text for a table cell: no line breaks or pipes. */
  private static String cell(String text) {
    return text.replace("|", "\\|").replace('\n', ' ').replace('\r', ' ');
  }
}
