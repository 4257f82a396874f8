package com.serviceform.sdk.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.Item;
import com.serviceform.sdk.model.Lead;
import com.serviceform.sdk.model.Space;
import com.serviceform.sdk.testkit.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A data set for the sandbox: spaces (with their fields), items, leads and chats, as the generated
 * models. Immutable: every accessor returns fresh copies.
 *
 * <p>The JSON form, for {@link #fromJson(String)} and the standalone sandbox's {@code --seed}, is
 * one object whose optional arrays hold what the API itself would answer:
 *
 * <pre>{@code
 * {
 *   "spaces": [ {"id": "sp-1", "name": "Sales", "fields": [ {"machine": "primary_field", ...} ]} ],
 *   "items":  [ {"id": "it-1", "space_id": "sp-1", "primary_field": "Acme", "status": "open"} ],
 *   "leads":  [ {"id": "ld-1", "email": "a@example.com", ...} ],
 *   "chats":  [ {"cid": "c-1", "changed": 1725177600, "uid": "u-1", "history": [...]} ]
 * }
 * }</pre>
 *
 * <p>{@link Builder#build() Building} checks that ids are present and unique and that each item's {@code
 * space_id} names a space of the set; loading into a sandbox also checks every record against the
 * spec.
 */
public final class SandboxData {
  private static final String DEFAULT_RESOURCE = "/com/serviceform/sdk/testkit/default-seed.json";
  private static final Set<String> KEYS = Set.of("spaces", "items", "leads", "chats");

  private final List<Space> spaces;
  private final List<Item> items;
  private final List<Lead> leads;
  private final List<Chat> chats;

  private SandboxData(Builder builder) {
    this.spaces = copyAll(builder.spaces, Space.class);
    this.items = copyAll(builder.items, Item.class);
    this.leads = copyAll(builder.leads, Lead.class);
    this.chats = copyAll(builder.chats, Chat.class);
  }

  /** No spaces, items, leads or chats. */
  public static SandboxData empty() {
    return builder().build();
  }

  /**
   * The realistic data set that ships with the testkit: two spaces (a sales pipeline and support
   * tickets, with text, select and number fields), items in both, leads, and chats from late
   * August to September 2024 with two agents, chatbot-only chats and several sources.
   */
  public static SandboxData defaults() {
    try (InputStream in = SandboxData.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the default seed is missing from the classpath: " + DEFAULT_RESOURCE);
      }
      return fromJson(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads the JSON form (see the class description).
   *
   * @throws IllegalArgumentException if the text is not that JSON, or the data is inconsistent
   */
  public static SandboxData fromJson(String json) {
    Objects.requireNonNull(json, "json == null");
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("seed data is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("seed data must be a JSON object with spaces/items/leads/chats arrays");
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!KEYS.contains(name)) {
        throw new IllegalArgumentException("seed data has an unknown key '" + name + "'; allowed: " + KEYS);
      }
    }
    ObjectNode object = (ObjectNode) root;
    return builder()
        .spaces(read(object, "spaces", Space.class))
        .items(read(object, "items", Item.class))
        .leads(read(object, "leads", Lead.class))
        .chats(read(object, "chats", Chat.class))
        .build();
  }

  /** Reads the JSON form from a UTF-8 file. */
  public static SandboxData fromJson(Path file) {
    Objects.requireNonNull(file, "file == null");
    try {
      return fromJson(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read seed file " + file, e);
    }
  }

  /** Reads the JSON form from a UTF-8 stream (not closed). */
  public static SandboxData fromJson(InputStream in) {
    Objects.requireNonNull(in, "in == null");
    try {
      return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding copies of this data, to derive a changed set. */
  public Builder toBuilder() {
    return builder().spaces(spaces).items(items).leads(leads).chats(chats);
  }

  public List<Space> spaces() {
    return copyAll(spaces, Space.class);
  }

  public List<Item> items() {
    return copyAll(items, Item.class);
  }

  public List<Lead> leads() {
    return copyAll(leads, Lead.class);
  }

  public List<Chat> chats() {
    return copyAll(chats, Chat.class);
  }

  /** The JSON form, which {@link #fromJson(String)} reads back. */
  public String toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("spaces", spaces);
    root.put("items", items);
    root.put("leads", leads);
    root.put("chats", chats);
    return Json.text(root);
  }

  @Override
  public String toString() {
    return "SandboxData{" + spaces.size() + " spaces, " + items.size() + " items, " + leads.size()
        + " leads, " + chats.size() + " chats}";
  }

  private static <T> List<T> read(ObjectNode root, String key, Class<T> type) {
    JsonNode array = root.get(key);
    if (array == null || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw new IllegalArgumentException("seed data: '" + key + "' must be an array");
    }
    List<T> values = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode node = array.get(i);
      if (!node.isObject()) {
        throw new IllegalArgumentException("seed data: " + key + "[" + i + "] must be an object");
      }
      try {
        values.add(Json.MAPPER.treeToValue(node, type));
      } catch (JsonProcessingException | IllegalArgumentException e) {
        String detail = e instanceof JsonProcessingException
            ? ((JsonProcessingException) e).getOriginalMessage() : e.getMessage();
        throw new IllegalArgumentException("seed data: " + key + "[" + i + "] does not fit the spec's "
            + type.getSimpleName() + ": " + detail, e);
      }
    }
    return values;
  }

  private static <T> List<T> copyAll(List<T> values, Class<T> type) {
    List<T> copies = new ArrayList<>(values.size());
    for (T value : values) {
      copies.add(Json.copy(value, type));
    }
    return Collections.unmodifiableList(copies);
  }

  /** Collects a data set. Not thread-safe. */
  public static final class Builder {
    private final List<Space> spaces = new ArrayList<>();
    private final List<Item> items = new ArrayList<>();
    private final List<Lead> leads = new ArrayList<>();
    private final List<Chat> chats = new ArrayList<>();

    private Builder() {}

    public Builder space(Space space) {
      spaces.add(Objects.requireNonNull(space, "space == null"));
      return this;
    }

    public Builder spaces(Collection<Space> spaces) {
      Objects.requireNonNull(spaces, "spaces == null").forEach(this::space);
      return this;
    }

    /** An item; its {@code space_id} must name a space of the set. */
    public Builder item(Item item) {
      items.add(Objects.requireNonNull(item, "item == null"));
      return this;
    }

    public Builder items(Collection<Item> items) {
      Objects.requireNonNull(items, "items == null").forEach(this::item);
      return this;
    }

    public Builder lead(Lead lead) {
      leads.add(Objects.requireNonNull(lead, "lead == null"));
      return this;
    }

    public Builder leads(Collection<Lead> leads) {
      Objects.requireNonNull(leads, "leads == null").forEach(this::lead);
      return this;
    }

    public Builder chat(Chat chat) {
      chats.add(Objects.requireNonNull(chat, "chat == null"));
      return this;
    }

    public Builder chats(Collection<Chat> chats) {
      Objects.requireNonNull(chats, "chats == null").forEach(this::chat);
      return this;
    }

    /**
     * The data set, with copies of everything added.
     *
     * @throws IllegalArgumentException if an id is missing or repeated, or an item's {@code
     *     space_id} names no space of the set
     */
    public SandboxData build() {
      Set<String> spaceIds = new HashSet<>();
      for (int i = 0; i < spaces.size(); i++) {
        String id = spaces.get(i).getId();
        require(id != null && !id.isEmpty(), "spaces[" + i + "] has no id");
        require(spaceIds.add(id), "spaces[" + i + "]: space id '" + id + "' appears twice");
      }
      Set<String> itemKeys = new HashSet<>();
      for (int i = 0; i < items.size(); i++) {
        Item item = items.get(i);
        require(item.getId() != null && !item.getId().isEmpty(), "items[" + i + "] has no id");
        require(item.getSpaceId() != null, "items[" + i + "] (" + item.getId() + ") has no space_id");
        require(spaceIds.contains(item.getSpaceId()),
            "items[" + i + "] (" + item.getId() + ") names space '" + item.getSpaceId() + "', which is not in the data");
        require(itemKeys.add(item.getSpaceId() + "/" + item.getId()),
            "items[" + i + "]: item id '" + item.getId() + "' appears twice in space '" + item.getSpaceId() + "'");
      }
      Set<String> leadIds = new HashSet<>();
      for (int i = 0; i < leads.size(); i++) {
        String id = leads.get(i).getId();
        require(id != null && !id.isEmpty(), "leads[" + i + "] has no id");
        require(leadIds.add(id), "leads[" + i + "]: lead id '" + id + "' appears twice");
      }
      Set<String> cids = new HashSet<>();
      for (int i = 0; i < chats.size(); i++) {
        String cid = chats.get(i).getCid();
        require(cid != null && !cid.isEmpty(), "chats[" + i + "] has no cid");
        require(cids.add(cid), "chats[" + i + "]: cid '" + cid + "' appears twice");
      }
      return new SandboxData(this);
    }

    private static void require(boolean condition, String message) {
      if (!condition) {
        throw new IllegalArgumentException("seed data: " + message);
      }
    }
  }
}
