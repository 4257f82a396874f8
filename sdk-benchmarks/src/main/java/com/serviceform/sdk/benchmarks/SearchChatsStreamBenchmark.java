package com.serviceform.sdk.benchmarks;

import com.fasterxml.jackson.databind.MappingIterator;
import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.model.Chat;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * POST /chats answered with about 50 MB of chats with messages, consumed element by element
 * through the streaming API: average time per call (run with -prof gc for allocation per call).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 5, time = 5)
public class SearchChatsStreamBenchmark {

  @Benchmark
  public long sdkApache(Fixture f, Blackhole blackhole) {
    return drain(f.sdkApache, f, blackhole);
  }

  @Benchmark
  public long sdkJdk(Fixture f, Blackhole blackhole) {
    return drain(f.sdkJdk, f, blackhole);
  }

  @Benchmark
  public long sdkOkHttp(Fixture f, Blackhole blackhole) {
    return drain(f.sdkOkHttp, f, blackhole);
  }

  private static long drain(ServiceformClient client, Fixture f, Blackhole blackhole) {
    long count = 0;
    try (Stream<Chat> chats = client.streamChats(f.chatQuery)) {
      Iterator<Chat> it = chats.iterator();
      while (it.hasNext()) {
        blackhole.consume(it.next());
        count++;
      }
    }
    return count;
  }

  @Benchmark
  public long rawJdk(Fixture f, Blackhole blackhole) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(f.baseUrl + "/chats"))
        .header("sf-api-key", Fixture.API_KEY).header("Accept", "application/json")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(f.writer.writeValueAsBytes(f.chatQuery))).build();
    HttpResponse<InputStream> response = f.rawJdk.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      return consume(f, in, blackhole);
    }
  }

  @Benchmark
  public long rawOkHttp(Fixture f, Blackhole blackhole) throws IOException {
    okhttp3.Request request = new okhttp3.Request.Builder().url(f.baseUrl + "/chats")
        .header("sf-api-key", Fixture.API_KEY).header("Accept", "application/json")
        .post(okhttp3.RequestBody.create(f.writer.writeValueAsBytes(f.chatQuery),
            okhttp3.MediaType.get("application/json"))).build();
    try (okhttp3.Response response = f.rawOkHttp.newCall(request).execute()) {
      return consume(f, response.body().byteStream(), blackhole);
    }
  }

  @Benchmark
  public long rawApache(Fixture f, Blackhole blackhole) throws IOException {
    HttpPost post = new HttpPost(f.baseUrl + "/chats");
    post.addHeader("sf-api-key", Fixture.API_KEY);
    post.addHeader("Accept", "application/json");
    post.setEntity(new ByteArrayEntity(f.writer.writeValueAsBytes(f.chatQuery), ContentType.APPLICATION_JSON));
    return f.rawApache.execute(post, response -> {
      try (InputStream in = response.getEntity().getContent()) {
        return consume(f, in, blackhole);
      }
    });
  }

  private static long consume(Fixture f, InputStream in, Blackhole blackhole) throws IOException {
    long count = 0;
    try (MappingIterator<Chat> chats = f.chatReader.readValues(in)) {
      while (chats.hasNextValue()) {
        blackhole.consume(chats.nextValue());
        count++;
      }
    }
    Fixture.drain(in);
    return count;
  }
}
