package com.serviceform.sdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.FieldOption;
import com.serviceform.sdk.model.Item;
import com.serviceform.sdk.model.Lead;
import com.serviceform.sdk.model.Space;
import com.serviceform.sdk.model.SpaceField;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The sandbox's data and the operations on it. Thread-safe: every method that reads or changes
 * the data holds this object's lock, so callers need none.
 */
final class SandboxState {
  /** What the sandbox writes as the acting user of the API key. */
  static final String SANDBOX_USER = "sandbox-user";
  static final String SANDBOX_CLIENT = "sandbox";
  private static final Set<String> SERVER_MANAGED = CustomFieldCheck.SERVER_MANAGED;

  private final Clock clock;
  private final Map<String, Space> spaces = new LinkedHashMap<>();
  private final Map<String, Map<String, Item>> items = new LinkedHashMap<>();
  private final Map<String, Lead> leads = new LinkedHashMap<>();
  private final ChatStore chats = new ChatStore();
  private long nextItem;

  SandboxState(Clock clock) {
    this.clock = clock;
  }

  // ---------------------------------------------------------------- data in and out

  /** Records checked against the spec, ready to be held. Immutable once made. */
  static final class Prepared {
    final List<Space> spaces;
    final List<Item> items;
    final List<Lead> leads;
    final List<ChatEntry> chats;

    Prepared(List<Space> spaces, List<Item> items, List<Lead> leads, List<ChatEntry> chats) {
      this.spaces = spaces;
      this.items = items;
      this.leads = leads;
      this.chats = chats;
    }

    /**
     * Checks the records against the spec as the answers they will be part of, and serializes the
     * chats once. The lists must be fresh copies the caller gives up.
     */
    static Prepared of(SpecChecks validator, List<Space> spaces, List<Item> items, List<Lead> leads,
        Collection<Chat> chats) {
      if (!spaces.isEmpty()) {
        check(validator, "spaces", "Space", Json.text(spaces));
      }
      if (!items.isEmpty()) {
        check(validator, "items", "Item", Json.text(items));
      }
      if (!leads.isEmpty()) {
        check(validator, "leads", "Lead", Json.text(leads));
      }
      List<ChatEntry> entries = new ArrayList<>(chats.size());
      Set<String> cids = new HashSet<>();
      for (Chat chat : chats) {
        if (chat == null || chat.getCid() == null || chat.getCid().isEmpty()) {
          throw new IllegalArgumentException("seed data: a chat has no cid");
        }
        if (!cids.add(chat.getCid())) {
          throw new IllegalArgumentException("seed data: cid '" + chat.getCid() + "' appears twice");
        }
        ChatEntry entry = ChatEntry.of(chat);
        // Checked here, once, with its messages; answers then only concatenate checked JSON.
        ChatShapes.check(validator, entry);
        entries.add(entry);
      }
      return new Prepared(List.copyOf(spaces), List.copyOf(items), List.copyOf(leads), List.copyOf(entries));
    }

    private static void check(SpecChecks validator, String what, String component, String json) {
      List<String> messages = validator.componentArray(component, json);
      if (!messages.isEmpty()) {
        throw new IllegalArgumentException("seed data: " + what + " do not conform to the spec (array"
            + " positions count from 0): " + String.join("; ", messages));
      }
    }
  }

  /** Drops everything and holds {@code data}. */
  synchronized void replace(Prepared data) {
    spaces.clear();
    items.clear();
    leads.clear();
    chats.clear();
    add(data);
  }

  /** Adds the records, replacing held ones with the same id (cid for chats). */
  synchronized void add(Prepared data) {
    for (Space space : data.spaces) {
      spaces.put(space.getId(), space);
      items.computeIfAbsent(space.getId(), id -> new LinkedHashMap<>());
    }
    for (Item item : data.items) {
      Map<String, Item> space = items.get(item.getSpaceId());
      if (space == null) {
        throw new IllegalArgumentException("item '" + item.getId() + "' names space '" + item.getSpaceId()
            + "', which the sandbox does not hold");
      }
      space.put(item.getId(), item);
    }
    for (Lead lead : data.leads) {
      leads.put(lead.getId(), lead);
    }
    chats.putAll(data.chats);
  }

  /** Adds items, all or none: fails unless every item's space is held. */
  synchronized void addItems(Prepared data) {
    requireSpaces(data.items);
    add(data);
  }

  /** Fails unless every item's space is held. */
  private void requireSpaces(Collection<Item> newItems) {
    for (Item item : newItems) {
      if (item.getSpaceId() == null || !spaces.containsKey(item.getSpaceId())) {
        throw new IllegalArgumentException("item '" + item.getId() + "' names space '" + item.getSpaceId()
            + "', which the sandbox does not hold");
      }
    }
  }

  synchronized List<Space> spaces() {
    return copies(spaces.values(), Space.class);
  }

  /** The items of a space, or null when the space is unknown. */
  synchronized List<Item> items(String spaceId) {
    Map<String, Item> space = items.get(spaceId);
    return space == null ? null : copies(space.values(), Item.class);
  }

  synchronized List<Lead> leads() {
    return copies(leads.values(), Lead.class);
  }

  synchronized List<Chat> chats() {
    List<Chat> copies = new ArrayList<>(chats.size());
    for (ChatEntry entry : chats.inAnswerOrder()) {
      copies.add(entry.copy());
    }
    return copies;
  }

  synchronized ChatEntry[] chatEntries() {
    return chats.inAnswerOrder();
  }

  // ---------------------------------------------------------------- operations

  synchronized Reply listSpaces() {
    return Reply.json(200, Json.bytes(spaces.values()));
  }

  synchronized Reply listItems(String spaceId) {
    Map<String, Item> space = items.get(spaceId);
    if (space == null) {
      return Reply.error(404, "space '" + spaceId + "' not found");
    }
    return Reply.json(200, Json.bytes(space.values()));
  }

  /** The body has passed the spec: an object with a string {@code primary_field}. */
  synchronized Reply createItem(String spaceId, ObjectNode body, CustomFieldCheck.FieldRelaxations relaxed) {
    Space space = spaces.get(spaceId);
    if (space == null) {
      return Reply.error(404, "space '" + spaceId + "' not found");
    }
    String primary = body.path("primary_field").asText("");
    if (primary.isBlank()) {
      return Reply.error(422, "primary_field must not be empty");
    }
    List<String> fieldProblems = CustomFieldCheck.problems(space, body, relaxed);
    if (!fieldProblems.isEmpty()) {
      return fieldRejection(fieldProblems);
    }
    OffsetDateTime now = now();
    String id = newItemId(now);
    Item item = new Item()
        .id(id)
        .uuid(UUID.nameUUIDFromBytes(("serviceform-sandbox/" + id).getBytes(StandardCharsets.UTF_8)).toString())
        .uid(SANDBOX_USER)
        .clientId(SANDBOX_CLIENT)
        .lastUpdater(SANDBOX_USER)
        .spaceId(spaceId)
        .created(now)
        .updated(now)
        .primaryField(primary);
    putCustomFields(space, body, item);
    items.get(spaceId).put(id, item);
    return Reply.json(200, Json.bytes(item));
  }

  synchronized Reply getItem(String spaceId, String itemId) {
    Item item = find(spaceId, itemId);
    return item == null ? notFound(spaceId, itemId) : Reply.json(200, Json.bytes(item));
  }

  /** Replaces primary_field and the custom fields, as the spec's "replaces the values" says. */
  synchronized Reply updateItem(String spaceId, String itemId, ObjectNode body,
      CustomFieldCheck.FieldRelaxations relaxed) {
    Item old = find(spaceId, itemId);
    if (old == null) {
      return notFound(spaceId, itemId);
    }
    String primary = body.path("primary_field").asText("");
    if (primary.isBlank()) {
      return Reply.error(422, "primary_field must not be empty");
    }
    List<String> fieldProblems = CustomFieldCheck.problems(spaces.get(spaceId), body, relaxed);
    if (!fieldProblems.isEmpty()) {
      return fieldRejection(fieldProblems);
    }
    Item item = new Item()
        .id(old.getId())
        .uuid(old.getUuid())
        .uid(old.getUid())
        .clientId(old.getClientId())
        .lastUpdater(SANDBOX_USER)
        .spaceId(old.getSpaceId())
        .created(old.getCreated())
        .updated(now())
        .primaryField(primary);
    putCustomFields(spaces.get(spaceId), body, item);
    items.get(spaceId).put(itemId, item);
    return Reply.json(200, Json.bytes(item));
  }

  synchronized Reply deleteItem(String spaceId, String itemId) {
    Item item = find(spaceId, itemId);
    if (item == null) {
      return notFound(spaceId, itemId);
    }
    items.get(spaceId).remove(itemId);
    return Reply.json(200, Json.bytes(item));
  }

  synchronized Reply listLeads() {
    return Reply.json(200, Json.bytes(leads.values()));
  }

  /** Matching chats in answer order, cut at {@code limit}, as JSON. */
  synchronized byte[] searchChats(ChatStore.Filter filter, int limit, boolean showMessages) {
    return ChatStore.toJsonArray(chats.select(filter, limit), showMessages);
  }

  /** Matching chats as models (not copies: read only), for statistics. */
  synchronized List<Chat> chatModels(ChatStore.Filter filter) {
    List<Chat> matching = new ArrayList<>();
    for (ChatEntry entry : chats.inAnswerOrder()) {
      if (filter.matches(entry)) {
        matching.add(entry.model());
      }
    }
    return matching;
  }

  /** Whether the space is held. */
  synchronized boolean hasSpace(String spaceId) {
    return spaces.containsKey(spaceId);
  }

  // ---------------------------------------------------------------- helpers

  private static Reply fieldRejection(List<String> problems) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", "the item's custom fields do not fit the space's field definitions");
    body.put("violations", problems);
    return Reply.json(422, Json.bytes(body)).requestProblems(problems);
  }

  private Item find(String spaceId, String itemId) {
    Map<String, Item> space = items.get(spaceId);
    return space == null ? null : space.get(itemId);
  }

  private Reply notFound(String spaceId, String itemId) {
    if (!items.containsKey(spaceId)) {
      return Reply.error(404, "space '" + spaceId + "' not found");
    }
    return Reply.error(404, "item '" + itemId + "' not found in space '" + spaceId + "'");
  }

  private OffsetDateTime now() {
    Instant instant = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** 24 hex digits, like the platform's ids: the creation second, then a sequence number. */
  private String newItemId(OffsetDateTime now) {
    return String.format("%08x%016x", now.toEpochSecond() & 0xffffffffL, ++nextItem);
  }

  /**
   * Copies the body's custom fields onto the item. A select field given as one of its options'
   * value (or machine name) is stored as {@code {"value", "label"}}, as the platform answers it.
   */
  private static void putCustomFields(Space space, ObjectNode body, Item item) {
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      String name = field.getKey();
      if (name.equals("primary_field") || SERVER_MANAGED.contains(name)) {
        continue;
      }
      Object value = Json.MAPPER.convertValue(field.getValue(), Object.class);
      FieldOption option = selectOption(space, name, field.getValue());
      if (option != null) {
        Map<String, Object> selected = new LinkedHashMap<>();
        selected.put("value", option.getValue());
        selected.put("label", option.getLabel());
        value = selected;
      }
      item.putAdditionalProperty(name, value);
    }
  }

  private static FieldOption selectOption(Space space, String machine, JsonNode value) {
    if (space == null || space.getFields() == null || !value.isTextual()) {
      return null;
    }
    for (SpaceField field : space.getFields()) {
      if (machine.equals(field.getMachine()) && "select".equalsIgnoreCase(field.getType())
          && field.getOptions() != null) {
        for (FieldOption option : field.getOptions()) {
          if (value.asText().equals(option.getValue()) || value.asText().equals(option.getMachine())) {
            return option;
          }
        }
      }
    }
    return null;
  }

  private static <T> List<T> copies(Collection<T> values, Class<T> type) {
    List<T> copies = new ArrayList<>(values.size());
    for (T value : values) {
      copies.add(Json.copy(value, type));
    }
    return copies;
  }
}
