package com.serviceform.sdk.testkit.internal;

import com.serviceform.sdk.model.AgentChatStatistics;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.ChatMessage;
import com.serviceform.sdk.model.ChatStatistics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Chat statistics computed from held chats. The vendor does not define the figures; these are the
 * sandbox's definitions (also in docs/testing.md):
 *
 * <ul>
 *   <li>response time of a chat: {@code agentJoinedTime - livechatStarted} in seconds, for chats
 *       that have both; averages are over those chats (0 when there are none), rounded to 2 places;
 *   <li>duration of a chat: from its first message (else {@code livechatStarted}) to {@code
 *       lastMessageTime}; buckets {@code 0-5 minutes} (under 300 s), {@code 5-10 minutes} (under
 *       600 s), {@code 10+ minutes}; chats without both ends are not bucketed;
 *   <li>{@code chatsBySource} counts by {@code source} ({@code unknown} when absent);
 *   <li>{@code satisfactionScore} is never present: chats carry no rating.
 * </ul>
 */
final class ChatStatisticsCalculator {
  static final Set<String> METRICS = Set.of(
      "totalChats", "averageResponseTime", "satisfactionScore", "chatsByAgent", "chatsBySource",
      "chatDurations");

  private ChatStatisticsCalculator() {}

  static ChatStatistics compute(List<Chat> chats, Set<String> metrics) {
    long responseSum = 0;
    int responseCount = 0;
    Map<String, Agent> agents = new TreeMap<>();
    Map<String, Long> bySource = new TreeMap<>();
    Map<String, Long> durations = new LinkedHashMap<>();
    durations.put("0-5 minutes", 0L);
    durations.put("5-10 minutes", 0L);
    durations.put("10+ minutes", 0L);

    for (Chat chat : chats) {
      Long response = responseTime(chat);
      if (response != null) {
        responseSum += response;
        responseCount++;
      }
      if (chat.getAgentId() != null) {
        Agent agent = agents.computeIfAbsent(chat.getAgentId(), id -> new Agent());
        agent.chats++;
        if (agent.name == null) {
          agent.name = chat.getAgentName();
        }
        if (response != null) {
          agent.responseSum += response;
          agent.responseCount++;
        }
      }
      bySource.merge(chat.getSource() == null ? "unknown" : chat.getSource(), 1L, Long::sum);
      Long duration = duration(chat);
      if (duration != null) {
        String bucket = duration < 300 ? "0-5 minutes" : duration < 600 ? "5-10 minutes" : "10+ minutes";
        durations.merge(bucket, 1L, Long::sum);
      }
    }

    ChatStatistics stats = new ChatStatistics();
    // The generated model starts with empty collections; a metric not asked for must be absent.
    stats.setChatsByAgent(null);
    stats.setChatsBySource(null);
    stats.setChatDurations(null);
    if (metrics.contains("totalChats")) {
      stats.setTotalChats((long) chats.size());
    }
    if (metrics.contains("averageResponseTime")) {
      stats.setAverageResponseTime(average(responseSum, responseCount));
    }
    if (metrics.contains("chatsByAgent")) {
      List<AgentChatStatistics> byAgent = new ArrayList<>();
      agents.forEach((id, agent) -> byAgent.add(new AgentChatStatistics()
          .agentId(id)
          .agentName(agent.name)
          .totalChats(agent.chats)
          .averageResponseTime(average(agent.responseSum, agent.responseCount))));
      stats.setChatsByAgent(byAgent);
    }
    if (metrics.contains("chatsBySource")) {
      stats.setChatsBySource(bySource);
    }
    if (metrics.contains("chatDurations")) {
      stats.setChatDurations(durations);
    }
    return stats;
  }

  private static Long responseTime(Chat chat) {
    if (chat.getAgentJoinedTime() == null || chat.getLivechatStarted() == null) {
      return null;
    }
    return Math.max(0, chat.getAgentJoinedTime() - chat.getLivechatStarted());
  }

  private static Long duration(Chat chat) {
    Long start = null;
    if (chat.getHistory() != null) {
      for (ChatMessage message : chat.getHistory()) {
        if (message != null && message.getTimestamp() != null
            && (start == null || message.getTimestamp() < start)) {
          start = message.getTimestamp();
        }
      }
    }
    if (start == null) {
      start = chat.getLivechatStarted();
    }
    if (start == null || chat.getLastMessageTime() == null) {
      return null;
    }
    return Math.max(0, chat.getLastMessageTime() - start);
  }

  private static double average(long sum, int count) {
    return count == 0 ? 0.0 : Math.round(sum * 100.0 / count) / 100.0;
  }

  private static final class Agent {
    String name;
    long chats;
    long responseSum;
    int responseCount;
  }
}
