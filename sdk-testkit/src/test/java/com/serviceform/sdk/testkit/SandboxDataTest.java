package com.serviceform.sdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.Item;
import com.serviceform.sdk.model.Space;
import com.serviceform.sdk.model.SpaceField;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed data: the JSON form, the checks, and what the sandbox does with data it is given. */
class SandboxDataTest {
  @Test
  void theDefaultSetIsRealistic() {
    SandboxData data = SandboxData.defaults();
    assertEquals("SandboxData{2 spaces, 5 items, 4 leads, 14 chats}", data.toString());
    assertTrue(data.spaces().stream().allMatch(s -> s.getFields().size() >= 3));
    assertTrue(data.chats().stream().allMatch(c -> !c.getHistory().isEmpty()));
  }

  @Test
  void theJsonFormRoundTrips() {
    SandboxData data = SandboxData.defaults();
    SandboxData again = SandboxData.fromJson(data.toJson());
    assertEquals(data.spaces(), again.spaces());
    assertEquals(data.items(), again.items());
    assertEquals(data.leads(), again.leads());
    assertEquals(data.chats(), again.chats());
  }

  @Test
  void readsAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("seed.json");
    Files.writeString(file, "{\"chats\":[{\"cid\":\"c-1\",\"changed\":1}]}");
    assertEquals("SandboxData{0 spaces, 0 items, 0 leads, 1 chats}", SandboxData.fromJson(file).toString());
  }

  @Test
  void accessorsHandOutCopies() {
    SandboxData data = SandboxData.builder().chat(new Chat().cid("c-1")).build();
    data.chats().get(0).setCid("changed");
    assertEquals("c-1", data.chats().get(0).getCid());
    assertNotSame(data.chats().get(0), data.chats().get(0));
  }

  @Test
  void badJsonIsRejectedWithTheReason() {
    assertEquals("seed data has an unknown key 'chat'; allowed: ",
        assertThrows(IllegalArgumentException.class, () -> SandboxData.fromJson("{\"chat\":[]}")).getMessage()
            .replaceAll("\\[.*\\]", ""));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SandboxData.fromJson("{\"chats\":"))
        .getMessage().startsWith("seed data is not valid JSON"));
    assertEquals("seed data: 'chats' must be an array",
        assertThrows(IllegalArgumentException.class, () -> SandboxData.fromJson("{\"chats\":{}}")).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> SandboxData.fromJson("{\"chats\":[{\"cid\":\"c\",\"changed\":\"yesterday\"}]}"))
        .getMessage().startsWith("seed data: chats[0] does not fit the spec's Chat: "));
  }

  @Test
  void inconsistentDataIsRejected() {
    assertEquals("seed data: items[0] (it-1) names space 'nope', which is not in the data",
        assertThrows(IllegalArgumentException.class,
            () -> SandboxData.builder().item(new Item().id("it-1").spaceId("nope")).build()).getMessage());
    assertEquals("seed data: chats[1]: cid 'c' appears twice", assertThrows(IllegalArgumentException.class,
        () -> SandboxData.builder().chat(new Chat().cid("c")).chat(new Chat().cid("c")).build()).getMessage());
    assertEquals("seed data: spaces[0] has no id",
        assertThrows(IllegalArgumentException.class, () -> SandboxData.builder().space(new Space()).build()).getMessage());
  }

  @Test
  void dataThatBreaksTheSpecIsRefusedWhenLoaded() {
    // SpaceField requires a string machine; the generated model writes a missing one as null.
    SandboxData data = SandboxData.builder().space(new Space().id("sp").addFieldsItem(new SpaceField().name("x"))).build();
    try (ServiceformSandbox sandbox = ServiceformSandbox.builder().seed(SandboxData.empty()).start()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sandbox.load(data));
      assertEquals("seed data: spaces do not conform to the spec (array positions count from 0):"
          + " validation.response.body.schema.type: [Path '/0/fields/0/machine'] Instance type (null) does not match"
          + " any allowed primitive type (allowed: [\"string\"])", e.getMessage());
      assertTrue(sandbox.spaces().isEmpty(), "nothing was loaded");
      IllegalArgumentException noSpace = assertThrows(IllegalArgumentException.class,
          () -> sandbox.addItems(List.of(new Item().id("it").spaceId("nope"))));
      assertEquals("item 'it' names space 'nope', which the sandbox does not hold", noSpace.getMessage());
      assertThrows(IllegalArgumentException.class, () -> sandbox.addChats(List.of(new Chat())));
      assertThrows(IllegalArgumentException.class, () -> sandbox.items("nope"));
    }
    assertThrows(IllegalArgumentException.class, () -> ServiceformSandbox.builder().seed(data).start());
  }

  @Test
  void loadReplacesAndAddReplacesById() {
    try (ServiceformSandbox sandbox = ServiceformSandbox.start()) {
      sandbox.load(SandboxData.builder().space(new Space().id("sp").name("One")).build());
      assertEquals(1, sandbox.spaces().size());
      assertTrue(sandbox.leads().isEmpty());

      sandbox.addItems(List.of(new Item().id("it").spaceId("sp").primaryField("A")));
      sandbox.addItems(List.of(new Item().id("it").spaceId("sp").primaryField("B")));
      assertEquals(List.of("B"), sandbox.items("sp").stream().map(Item::getPrimaryField).collect(java.util.stream.Collectors.toList()));
      sandbox.addSpaces(List.of(new Space().id("sp").name("Renamed")));
      assertEquals("Renamed", sandbox.spaces().get(0).getName());
      assertEquals(1, sandbox.items("sp").size(), "replacing a space keeps its items");

      sandbox.reset();
      assertEquals(2, sandbox.spaces().size(), "reset returns to the seed, not to the last load");
    }
  }
}
