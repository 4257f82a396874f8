package com.serviceform.cli;

import com.serviceform.sdk.ResponseValidation;
import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.api.ChatsApi;
import com.serviceform.sdk.api.FlexApi;
import com.serviceform.sdk.api.LeadsApi;
import com.serviceform.sdk.api.StatisticsApi;
import com.serviceform.sdk.api.StatisticsApi.GetChatStatisticsParams;
import com.serviceform.sdk.errors.ServiceformException;
import com.serviceform.sdk.model.ChatQuery;
import com.serviceform.sdk.model.Space;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code serviceform probe}: calls the read-only operations of the API once each, checks every
 * answer against the spec, and writes a Markdown report of what matched and what did not, by the
 * curation decisions of docs/spec-curation.md. The first thing to run with a new key.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
    description = {"Checks the API's answers against the SDK's spec and writes a Markdown report: per operation, "
        + "what matched and what did not, and which curation decisions (docs/spec-curation.md) each finding "
        + "confirms or refutes. Read-only: it lists spaces, one space's items, leads, the chats of one hour "
        + "and the statistics of one day, and sends nothing else. The report holds paths and types, never values.",
        "Exit codes: 0 every answer matched; 9 answers differ from the spec; 3-6 as for export."})
final class ProbeCommand implements Callable<Integer> {
  @Mixin
  Connection connection;

  @Option(names = "--out", paramLabel = "FILE", defaultValue = "drift.md",
      description = "The Markdown report to write (default: ${DEFAULT-VALUE}); overwritten.")
  Path out;

  @Option(names = "--space", paramLabel = "ID", description = "The space whose items to check (default: the first one listed).")
  String space;

  @Option(names = "--at", paramLabel = "TIME", converter = TimeConverter.class,
      description = "The end of the hour of chats to query (default: now); the statistics are for the UTC day before it.")
  OffsetDateTime at;

  @Spec
  CommandSpec spec;

  /** The clock of "now"; tests set another. */
  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws Exception {
    DriftReport report = new DriftReport();
    ServiceformClient.Builder builder = connection.builder()
        .responseValidation(ResponseValidation.WARN)
        .addEventListener(report.listener());
    OffsetDateTime end = (at != null ? at : OffsetDateTime.now(clock)).withOffsetSameInstant(ZoneOffset.UTC)
        .truncatedTo(ChronoUnit.SECONDS);
    LocalDate day = end.toLocalDate().minusDays(1);
    try (ServiceformClient client = Connection.build(builder)) {
      report.start(client.baseUrl(), OffsetDateTime.now(clock));
      // Only read-only views of the generated APIs: the probe cannot send anything else.
      FlexApi flex = ReadOnly.of(FlexApi.class, client.flex());
      LeadsApi leads = ReadOnly.of(LeadsApi.class, client.leads());
      ChatsApi chats = ReadOnly.of(ChatsApi.class, client.chats());
      StatisticsApi statistics = ReadOnly.of(StatisticsApi.class, client.statistics());

      List<Space> spaces = run(report, "listSpaces", "GET /flex/spaces", flex::listSpaces);
      String spaceId = space;
      if (spaceId == null && spaces != null) {
        spaceId = spaces.stream().map(Space::getId).filter(id -> id != null && !id.isBlank()).findFirst().orElse(null);
      }
      if (spaceId == null) {
        report.skipped("listItems", "GET /flex/spaces/{spaceId}/items", spaces == null
            ? "no space to list: listSpaces failed" : "no space to list: the account has none (or pass --space ID)");
      } else {
        String id = spaceId;
        run(report, "listItems", "GET /flex/spaces/{spaceId}/items (" + (space != null ? "--space" : "the first space")
            + ")", () -> flex.listItems(id));
      }
      run(report, "listLeads", "GET /leads", leads::listLeads);
      ChatQuery hour = new ChatQuery().startTime(end.minusHours(1)).endTime(end).showMessages(true).limit(500);
      run(report, "searchChats", "POST /chats (" + end.minusHours(1) + " to " + end + ", messages, limit 500)",
          () -> chats.searchChats(hour));
      OffsetDateTime dayStart = day.atStartOfDay().atOffset(ZoneOffset.UTC);
      run(report, "getChatStatistics", "GET /statistics/chat (" + day + ", UTC)", () -> statistics.getChatStatistics(
          GetChatStatisticsParams.builder().startTime(dayStart).endTime(dayStart.plus(Duration.ofDays(1))).build()));
    }
    try {
      Files.writeString(out, report.markdown(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException(ExitCode.OUTPUT, "cannot write the report " + out + ": " + e.getClass().getSimpleName(), e);
    }
    spec.commandLine().getErr().println("serviceform: " + report.summary() + "; report: " + out);
    ServiceformException failure = report.firstFailure();
    if (failure != null) {
      return Failures.exitCode(failure);
    }
    return report.drifted() ? ExitCode.DRIFT : ExitCode.OK;
  }

  /** Runs one operation, noting its records or its failure (a decode failure is drift, not an error). */
  private static <T> T run(DriftReport report, String operationId, String request, Supplier<T> call) {
    report.begin(operationId, request);
    try {
      T result = call.get();
      report.done(operationId, result instanceof Collection ? ((Collection<?>) result).size() : result == null ? 0 : 1);
      return result;
    } catch (ServiceformException e) {
      report.failed(operationId, e);
      return null;
    }
  }
}
