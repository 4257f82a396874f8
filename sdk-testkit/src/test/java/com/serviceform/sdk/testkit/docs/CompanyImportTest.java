package com.serviceform.sdk.testkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.model.ItemInput;
import com.serviceform.sdk.testkit.ServiceformSandbox;
import com.serviceform.sdk.testkit.ServiceformSandboxTest;
import org.junit.jupiter.api.Test;

@ServiceformSandboxTest
class CompanyImportTest {
  static final String SALES = "64f1c2a9e4b0a1d2c3e4f5a6"; // "Sales pipeline" in the default data

  @Test
  void importsACompanyAsAnItem(ServiceformSandbox sandbox, ServiceformClient client) {
    int before = sandbox.items(SALES).size(); // the default data already holds three deals

    // Your code, which creates the item through the client:
    client.flex().createItem(SALES, new ItemInput().primaryField("Acme Oy"));

    assertEquals(before + 1, sandbox.items(SALES).size());
    assertEquals("Acme Oy", sandbox.items(SALES).get(before).getPrimaryField());
  }
}
