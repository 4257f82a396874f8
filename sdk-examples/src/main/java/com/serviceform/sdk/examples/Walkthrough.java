package com.serviceform.sdk.examples;

import com.serviceform.sdk.api.StatisticsApi.GetChatStatisticsParams;
import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.errors.NotFoundException;
import com.serviceform.sdk.errors.ServiceformException;
import com.serviceform.sdk.model.AgentChatStatistics;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.ChatQuery;
import com.serviceform.sdk.model.ChatStatistics;
import com.serviceform.sdk.model.FieldOption;
import com.serviceform.sdk.model.Item;
import com.serviceform.sdk.model.ItemInput;
import com.serviceform.sdk.model.Lead;
import com.serviceform.sdk.model.Space;
import com.serviceform.sdk.model.SpaceField;
import com.serviceform.sdk.testkit.ServiceformSandbox;
import java.io.PrintStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The SDK's main job, start to end: list spaces; create, read, update and delete an item with a
 * custom field; list leads; query the chats of a time range; print chat statistics.
 *
 * <p>Without {@code SERVICEFORM_API_KEY} it runs on an embedded {@link ServiceformSandbox} (no key,
 * no network); with it, on the real API through {@link ServiceformClient#fromEnv()} (which also
 * reads {@code SERVICEFORM_BASE_URL}). {@code --sandbox} forces the sandbox.
 */
public final class Walkthrough {
  /** The sandbox's default chats are from September 2024. */
  static final OffsetDateTime SANDBOX_FROM = OffsetDateTime.parse("2024-09-01T00:00:00Z");
  static final OffsetDateTime SANDBOX_TO = OffsetDateTime.parse("2024-09-30T23:59:59Z");
  static final String ITEM_NAME = "Serviceform SDK walk-through";

  private final ServiceformClient client;
  private final PrintStream out;
  private final OffsetDateTime from;
  private final OffsetDateTime to;

  Walkthrough(ServiceformClient client, PrintStream out, OffsetDateTime from, OffsetDateTime to) {
    this.client = Objects.requireNonNull(client, "client == null");
    this.out = Objects.requireNonNull(out, "out == null");
    this.from = from;
    this.to = to;
  }

  public static void main(String[] args) {
    try {
      if (!Arrays.asList(args).contains("--sandbox") && apiKeyConfigured()) {
        runAgainstApi(System.out);
      } else {
        runOnSandbox(System.out);
      }
    } catch (ServiceformException e) {
      System.err.println("The walk-through failed: " + e.getMessage());
      System.exit(1);
    }
  }

  /** Whether {@link ServiceformClient#fromEnv()} would find a key. */
  static boolean apiKeyConfigured() {
    return isSet(System.getProperty(ServiceformClient.PROPERTY_API_KEY))
        || isSet(System.getenv(ServiceformClient.ENV_API_KEY));
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }

  /** Runs on a sandbox started for the purpose, with its default data. */
  static void runOnSandbox(PrintStream out) {
    try (ServiceformSandbox sandbox = ServiceformSandbox.start();
        ServiceformClient client = sandbox.newClient()) {
      out.println("Using the embedded sandbox at " + sandbox.baseUrl() + " (" + ServiceformClient.ENV_API_KEY
          + " is not set; no network is used)");
      new Walkthrough(client, out, SANDBOX_FROM, SANDBOX_TO).run();
    }
  }

  /** Runs on the API the environment names, over the last 30 days. */
  static void runAgainstApi(PrintStream out) {
    try (ServiceformClient client = ServiceformClient.fromEnv()) {
      out.println("Using the Serviceform API at " + client.baseUrl() + " (" + ServiceformClient.ENV_API_KEY
          + " is set)");
      OffsetDateTime to = OffsetDateTime.ofInstant(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
      new Walkthrough(client, out, to.minusDays(30), to).run();
    }
  }

  void run() {
    List<Space> spaces = spaces();
    Space space = spaces.stream().filter(s -> customField(s) != null).findFirst()
        .orElse(spaces.isEmpty() ? null : spaces.get(0));
    if (space == null) {
      section("2-5. Items");
      out.println("  The account has no spaces, so there is nowhere to create an item.");
    } else {
      items(space);
    }
    leads();
    chats();
    statistics();
    out.println();
    out.println("Done.");
  }

  private void section(String title) {
    out.println();
    out.println(title);
  }

  private List<Space> spaces() {
    section("1. Spaces");
    List<Space> spaces = client.flex().listSpaces();
    out.println("  " + spaces.size() + (spaces.size() == 1 ? " space" : " spaces"));
    for (Space space : spaces) {
      String fields = space.getFields() == null ? "" : space.getFields().stream()
          .map(Walkthrough::describe).collect(Collectors.joining(", "));
      out.println("  - " + space.getName() + " (" + space.getId() + "): " + fields);
    }
    return spaces;
  }

  private static String describe(SpaceField field) {
    String options = field.getOptions() == null || field.getOptions().isEmpty() ? ""
        : ": " + field.getOptions().stream().map(FieldOption::getLabel).collect(Collectors.joining("/"));
    return field.getMachine() + " [" + field.getType() + options + "]";
  }

  /** The field the walk-through sets besides primary_field: a select field if there is one. */
  private static SpaceField customField(Space space) {
    if (space.getFields() == null) {
      return null;
    }
    return space.getFields().stream()
        .filter(f -> f.getMachine() != null && !f.getMachine().equals("primary_field"))
        .min(Comparator.comparing((SpaceField f) -> !"select".equalsIgnoreCase(f.getType())))
        .orElse(null);
  }

  private static Object valueFor(SpaceField field, int choice) {
    if (field.getOptions() != null && !field.getOptions().isEmpty()) {
      List<FieldOption> options = field.getOptions();
      return options.get(Math.min(choice, options.size() - 1)).getValue();
    }
    if ("number".equalsIgnoreCase(field.getType())) {
      return choice == 0 ? 1200 : 1500;
    }
    return choice == 0 ? "set by the walk-through" : "changed by the walk-through";
  }

  private void items(Space space) {
    SpaceField field = customField(space);
    String where = "\"" + space.getName() + "\"";

    section("2. Create an item in " + where);
    ItemInput input = new ItemInput().primaryField(ITEM_NAME);
    if (field != null) {
      input.putAdditionalProperty(field.getMachine(), valueFor(field, 0));
    }
    Item created = client.flex().createItem(space.getId(), input);
    if (created == null) {
      // The API may answer create with an empty body; find the item instead.
      created = client.flex().listItems(space.getId()).stream()
          .filter(i -> ITEM_NAME.equals(i.getPrimaryField())).reduce((a, b) -> b).orElse(null);
      if (created == null) {
        out.println("  Created, but the API answered without the item and it is not listed; skipping the rest.");
        return;
      }
    }
    out.println("  created " + describe(created, field));

    section("3. Read it back");
    Item read = client.flex().getItem(space.getId(), created.getId());
    out.println("  read    " + describe(read, field));

    section("4. Update it");
    ItemInput change = new ItemInput().primaryField(ITEM_NAME + " (updated)");
    if (field != null) {
      change.putAdditionalProperty(field.getMachine(), valueFor(field, 1));
    }
    Item updated = client.flex().updateItem(space.getId(), created.getId(), change);
    out.println("  updated " + describe(updated != null ? updated : client.flex().getItem(space.getId(), created.getId()), field));

    section("5. Delete it");
    client.flex().deleteItem(space.getId(), created.getId());
    try {
      client.flex().getItem(space.getId(), created.getId());
      out.println("  deleted " + created.getId() + ", but it can still be read");
    } catch (NotFoundException expected) {
      out.println("  deleted " + created.getId() + "; reading it again answers 404 Not Found");
    }
  }

  private static String describe(Item item, SpaceField field) {
    StringBuilder text = new StringBuilder(item.getId()).append(": primary_field=\"").append(item.getPrimaryField()).append('"');
    if (field != null) {
      text.append(", ").append(field.getMachine()).append('=').append(show(item.getAdditionalProperty(field.getMachine())));
    }
    return text.toString();
  }

  /** A select value arrives as {value, label}: show the label. */
  private static String show(Object value) {
    if (value instanceof Map && ((Map<?, ?>) value).containsKey("label")) {
      return String.valueOf(((Map<?, ?>) value).get("label"));
    }
    return String.valueOf(value);
  }

  private void leads() {
    section("6. Leads");
    List<Lead> leads = client.leads().listLeads();
    out.println("  " + leads.size() + (leads.size() == 1 ? " lead" : " leads"));
    leads.stream().limit(5).forEach(lead -> out.println("  - " + lead.getName() + " <" + lead.getEmail() + ">, from "
        + lead.getSource() + " via \"" + lead.getToolName() + "\", " + time(lead.getCreated())));
    if (leads.size() > 5) {
      out.println("  ... and " + (leads.size() - 5) + " more");
    }
  }

  private void chats() {
    section("7. Chats changed from " + time(from) + " to " + time(to));
    List<Chat> chats = client.chats().searchChats(new ChatQuery().startTime(from).endTime(to));
    out.println("  " + chats.size() + (chats.size() == 1 ? " chat" : " chats")
        + " (the API promises no order; shown by time)");
    chats.stream()
        .sorted(Comparator.comparing(Chat::getChanged, Comparator.nullsLast(Comparator.naturalOrder())))
        .limit(20)
        .forEach(chat -> out.println("  - " + time(chat.getChanged()) + "  " + chat.getCid() + "  " + chat.getSource()
            + ", " + (chat.getAgentName() != null ? "agent " + chat.getAgentName() : "chatbot only")
            + ": \"" + shorten(chat.getLastMessage()) + "\""));
    if (chats.size() > 20) {
      out.println("  ... and " + (chats.size() - 20) + " more");
    }
  }

  private static String time(OffsetDateTime time) {
    return time == null ? "(no time)" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
  }

  private static String time(Long epochSeconds) {
    return epochSeconds == null ? "(no time)" : Instant.ofEpochSecond(epochSeconds).toString();
  }

  private static String shorten(String text) {
    if (text == null) {
      return "";
    }
    return text.length() <= 48 ? text : text.substring(0, 47) + "…";
  }

  private void statistics() {
    section("8. Chat statistics, same range");
    ChatStatistics stats = client.statistics().getChatStatistics(
        GetChatStatisticsParams.builder().startTime(from).endTime(to).build());
    out.println("  total chats:           " + stats.getTotalChats());
    out.println("  average response time: " + seconds(stats.getAverageResponseTime()));
    out.println("  satisfaction:          " + (stats.getSatisfactionScore() == null ? "n/a" : stats.getSatisfactionScore() + " / 5"));
    if (stats.getChatsByAgent() != null) {
      for (AgentChatStatistics agent : stats.getChatsByAgent()) {
        out.println("  agent " + agent.getAgentName() + ": " + agent.getTotalChats() + " chats, "
            + seconds(agent.getAverageResponseTime()) + " average response");
      }
    }
    out.println("  by source:             " + counts(stats.getChatsBySource()));
    out.println("  durations:             " + counts(stats.getChatDurations()));
  }

  /** "website 9, facebook 3": by count, then name; bucket labels like "5-10 minutes" by their first number. */
  private static String counts(Map<String, Long> counts) {
    if (counts == null || counts.isEmpty()) {
      return "n/a";
    }
    Comparator<Map.Entry<String, Long>> order = counts.keySet().stream().allMatch(k -> k.matches("\\d+.*"))
        ? Comparator.comparing(e -> Integer.parseInt(e.getKey().replaceAll("^(\\d+).*", "$1")))
        : Comparator.comparing((Map.Entry<String, Long> e) -> -e.getValue()).thenComparing(Map.Entry::getKey);
    return counts.entrySet().stream().sorted(order).map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String seconds(Double value) {
    return value == null ? "n/a" : String.format(java.util.Locale.ROOT, "%.1f s", value);
  }
}
