package com.serviceform.sdk.testkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.testkit.ServiceformSandboxTest;
import org.junit.jupiter.api.Test;

@ServiceformSandboxTest
class SpacesTest {
  @Test
  void listsSpaces(ServiceformClient client) {
    assertEquals(2, client.flex().listSpaces().size());
  }
}
