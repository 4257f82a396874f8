package com.example.consumer;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.model.Space;
import java.util.List;
import java.util.stream.Collectors;

public final class SpaceNames {
  private SpaceNames() {}

  public static List<String> of(String apiKey, String baseUrl) {
    try (ServiceformClient client = ServiceformClient.builder().apiKey(apiKey).baseUrl(baseUrl).build()) {
      return client.flex().listSpaces().stream().map(Space::getName).collect(Collectors.toList());
    }
  }
}
