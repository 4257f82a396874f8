package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.errors.NotFoundException;
import com.serviceform.sdk.model.ItemInput;
import com.serviceform.sdk.testkit.ServiceformSandbox;
import com.serviceform.sdk.testkit.ServiceformSandboxTest;
import org.junit.jupiter.api.Test;

@ServiceformSandboxTest
class SandboxOnJUnit510Test {
  @Test
  void theProjectsJUnitRunsTheExtension() {
    String version = Test.class.getPackage().getImplementationVersion();
    assertTrue(version != null && version.startsWith("5.10."), "JUnit Jupiter API " + version);
  }

  @Test
  void theExtensionHandsOutASandboxAndAClient(ServiceformSandbox sandbox, ServiceformClient client) {
    String spaceId = sandbox.spaces().get(0).getId();
    int before = sandbox.items(spaceId).size();
    client.flex().createItem(spaceId, new ItemInput().primaryField("Acme"));
    assertEquals(before + 1, sandbox.items(spaceId).size());
    assertThrows(NotFoundException.class, () -> client.flex().getItem(spaceId, "no-such-item"));
  }
}
