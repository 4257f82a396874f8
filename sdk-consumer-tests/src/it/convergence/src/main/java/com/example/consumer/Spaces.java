package com.example.consumer;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.model.Space;
import java.util.List;

public final class Spaces {
  private Spaces() {}

  public static List<Space> all(ServiceformClient client) {
    return client.flex().listSpaces();
  }
}
