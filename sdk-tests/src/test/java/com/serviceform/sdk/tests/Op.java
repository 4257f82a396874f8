package com.serviceform.sdk.tests;

import com.serviceform.sdk.api.StatisticsApi.GetChatStatisticsParams;
import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.model.ChatQuery;
import com.serviceform.sdk.model.ItemInput;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;

/** The nine operations, each callable with fixed arguments, and where they go on the wire. */
enum Op {
  LIST_SPACES("GET", "/flex/spaces", c -> c.flex().listSpaces()),
  LIST_ITEMS("GET", "/flex/spaces/sp-1/items", c -> c.flex().listItems("sp-1")),
  CREATE_ITEM("POST", "/flex/spaces/sp-1/items",
      c -> c.flex().createItem("sp-1", new ItemInput().primaryField("Acme"))),
  GET_ITEM("GET", "/flex/spaces/sp-1/items/it-1", c -> c.flex().getItem("sp-1", "it-1")),
  UPDATE_ITEM("PUT", "/flex/spaces/sp-1/items/it-1",
      c -> c.flex().updateItem("sp-1", "it-1", new ItemInput().primaryField("Acme"))),
  DELETE_ITEM("DELETE", "/flex/spaces/sp-1/items/it-1", c -> c.flex().deleteItem("sp-1", "it-1")),
  LIST_LEADS("GET", "/leads", c -> c.leads().listLeads()),
  SEARCH_CHATS("POST", "/chats", c -> c.chats().searchChats(new ChatQuery().limit(5))),
  GET_CHAT_STATISTICS("GET", "/statistics/chat?startTime=2024-08-01T00%3A00%3A00Z&metrics=totalChats",
      c -> c.statistics().getChatStatistics(GetChatStatisticsParams.builder()
          .startTime(OffsetDateTime.parse("2024-08-01T00:00:00Z")).addMetric("totalChats").build()));

  final String method;
  final String url;
  private final Function<ServiceformClient, Object> call;

  Op(String method, String url, Function<ServiceformClient, Object> call) {
    this.method = method;
    this.url = url;
    this.call = call;
  }

  Object call(ServiceformClient client) {
    return call.apply(client);
  }

  /** The path without the query string. */
  String path() {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }

  /** A 200 body of the right shape for this operation. */
  String okBody() {
    switch (this) {
      case LIST_SPACES:
      case LIST_ITEMS:
      case LIST_LEADS:
      case SEARCH_CHATS:
        return "[]";
      case GET_CHAT_STATISTICS:
        return "{\"totalChats\":1}";
      default:
        return "{\"id\":\"it-1\",\"primary_field\":\"Acme\"}";
    }
  }

  boolean returnsList() {
    return okBody().startsWith("[");
  }
}
