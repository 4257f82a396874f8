package com.serviceform.sdk.tests;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.model.Chat;
import com.serviceform.sdk.model.ChatQuery;
import com.serviceform.sdk.retry.RetryPolicy;
import java.util.stream.Stream;

/**
 * Run by {@link StreamingMemoryTest} in a JVM with a small heap: consumes the chats response of
 * the server at args[1] either through the streaming API ({@code stream}) or the ordinary list
 * ({@code list}).
 */
public final class StreamingMemoryMain {
  private StreamingMemoryMain() {}

  public static void main(String[] args) throws Exception {
    String baseUrl = args[1];
    try (ServiceformClient client = ServiceformClient.builder().apiKey("memory-test-key").baseUrl(baseUrl)
        .retryPolicy(RetryPolicy.none()).build()) {
      if (args[0].equals("stream")) {
        long chats = 0;
        long messages = 0;
        try (Stream<Chat> stream = client.streamChats(new ChatQuery().showMessages(true))) {
          for (Chat chat : (Iterable<Chat>) stream::iterator) {
            chats++;
            messages += chat.getHistory().size();
          }
        }
        Runtime runtime = Runtime.getRuntime();
        System.out.println("chats=" + chats + " messages=" + messages + " maxHeap=" + runtime.maxMemory());
      } else {
        try {
          System.out.println("listed=" + client.chats().searchChats(new ChatQuery().showMessages(true)).size());
        } catch (OutOfMemoryError expected) {
          System.out.println("out-of-memory");
          System.exit(42);
        }
      }
    }
  }
}
