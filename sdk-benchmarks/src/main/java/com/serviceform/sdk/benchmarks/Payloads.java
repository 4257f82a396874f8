package com.serviceform.sdk.benchmarks;

import java.nio.charset.StandardCharsets;

/** The JSON bodies the benchmark server answers with, generated deterministically. */
final class Payloads {
  private Payloads() {}

  /** One item of about 1 KB, with custom fields as the API sends them. */
  static String item(int n) {
    return "{\"id\":\"65a0f3d2c1b2a3f4e5" + String.format("%06d", n) + "\","
        + "\"uuid\":\"3f2b8c1e-9a4d-4e5f-8b6a-" + String.format("%012d", n) + "\","
        + "\"uid\":\"5e8f9a0b1c2d3e4f5a6b7c8d\",\"clientId\":\"acme-web\","
        + "\"last_updater\":\"5e8f9a0b1c2d3e4f5a6b7c8e\",\"space_id\":\"64f1c2a9e4b0a1d2c3e4f5a6\","
        + "\"created\":\"2024-08-30T05:48:46.195Z\",\"updated\":\"2024-09-02T11:04:12.501Z\","
        + "\"primary_field\":\"Nordic Timber Oy " + n + "\","
        + "\"status\":{\"value\":\"open\",\"label\":\"Open\"},\"budget_eur\":" + (15000 + n) + ","
        + "\"contact_person\":\"Aino Virtanen\",\"contact_email\":\"aino.virtanen@example.com\","
        + "\"phone\":\"+358401234567\",\"city\":\"Helsinki\",\"country\":\"FI\",\"employees\":120,"
        + "\"tags\":[\"timber\",\"export\",\"priority\"],"
        + "\"notes\":\"Met at the Helsinki trade fair; interested in the enterprise plan and an "
        + "integration with their ERP. Follow up after the budget round in September, send the "
        + "case study about logistics customers and the security whitepaper before the call.\","
        + "\"next_step\":{\"value\":\"call\",\"label\":\"Call back\"},\"probability\":0.6,"
        + "\"website\":\"https://www.nordic-timber.example/en/company/about-us\"}";
  }

  static byte[] itemBytes() {
    return item(1).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] items(int count) {
    StringBuilder json = new StringBuilder(count * 1100).append('[');
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append(item(i));
    }
    return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** About {@code targetBytes} of chats with messages. */
  static byte[] chats(int targetBytes) {
    StringBuilder json = new StringBuilder(targetBytes + 4096).append('[');
    int n = 0;
    while (json.length() < targetBytes) {
      if (n > 0) {
        json.append(',');
      }
      json.append(chat(n++));
    }
    return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  static String chat(int n) {
    long t = 1_700_000_000L + n * 37L;
    StringBuilder history = new StringBuilder("[");
    for (int m = 0; m < 8; m++) {
      if (m > 0) {
        history.append(',');
      }
      history.append("{\"id\":\"msg").append(n).append('-').append(m)
          .append("\",\"message\":\"Hello, this is message ").append(m)
          .append(" of the conversation about pricing and delivery times.\",\"type\":\"text\",\"timestamp\":")
          .append(t + m * 20).append('}');
    }
    history.append(']');
    return "{\"cid\":\"chat" + n + "\",\"agentEmail\":\"agent@example.com\",\"agentId\":\"agent" + (n % 7)
        + "\",\"agentName\":\"John Doe\",\"agentJoinedTime\":" + t + ",\"avgBetweenMsg\":30,"
        + "\"business_phone\":\"+1234567890\",\"phone\":\"+1234567890\",\"first_name\":\"Jane\","
        + "\"last_name\":\"Doe\",\"name\":\"Jane Doe\",\"fullUrl\":\"https://example.com/chat\","
        + "\"lastLiveMsg\":" + (t + 100) + ",\"changed\":" + (t + 200) + ",\"lastMessage\":\"Thank you!\","
        + "\"lastMessageTime\":" + (t + 150) + ",\"lastSender\":\"agent\",\"leadSentTo\":\"sales@example.com\","
        + "\"livechat\":1,\"livechatStarted\":" + t + ",\"msgType\":\"text\",\"regNo\":\"ABC123\","
        + "\"session\":\"session" + n + "\",\"sid\":\"site123\",\"sitename\":\"Example Site\","
        + "\"source\":\"website\",\"team\":\"Support\",\"uid\":\"user" + (n % 1000) + "\","
        + "\"url\":\"/support/chat\",\"history\":" + history + "}";
  }
}
