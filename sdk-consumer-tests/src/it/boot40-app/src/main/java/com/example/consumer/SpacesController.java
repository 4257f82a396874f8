package com.example.consumer;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.model.ItemInput;
import com.serviceform.sdk.model.Space;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The SDK's models go straight out as the application's JSON (Boot's Jackson writes them). */
@RestController
class SpacesController {
  private final ServiceformClient serviceform;

  SpacesController(ServiceformClient serviceform) {
    this.serviceform = serviceform;
  }

  @GetMapping("/spaces")
  List<Space> spaces() {
    return serviceform.flex().listSpaces();
  }

  @PostMapping("/spaces/{spaceId}/items")
  Map<String, String> addItem(@PathVariable String spaceId, @RequestParam String name) {
    serviceform.flex().createItem(spaceId, new ItemInput().primaryField(name));
    return Map.of("created", name);
  }
}
