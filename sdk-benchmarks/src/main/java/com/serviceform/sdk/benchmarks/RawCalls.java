package com.serviceform.sdk.benchmarks;

import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * The hand-written calls the SDK is measured against: what a careful user writes with each raw
 * client, one shared client and reader, the body read as a stream to its end.
 */
final class RawCalls {
  private static final okhttp3.MediaType JSON = okhttp3.MediaType.get("application/json");

  private RawCalls() {}

  static <T> T jdkGet(Fixture f, String path, ObjectReader reader) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(f.baseUrl + path))
        .header("sf-api-key", Fixture.API_KEY).header("Accept", "application/json").GET().build();
    HttpResponse<InputStream> response = f.rawJdk.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      T value = reader.readValue(in);
      Fixture.drain(in);
      return value;
    }
  }

  static <T> T jdkPost(Fixture f, String path, byte[] body, ObjectReader reader)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(f.baseUrl + path))
        .header("sf-api-key", Fixture.API_KEY).header("Accept", "application/json")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    HttpResponse<InputStream> response = f.rawJdk.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      T value = reader.readValue(in);
      Fixture.drain(in);
      return value;
    }
  }

  static <T> T okHttpGet(Fixture f, String path, ObjectReader reader) throws IOException {
    okhttp3.Request request = new okhttp3.Request.Builder().url(f.baseUrl + path)
        .header("sf-api-key", Fixture.API_KEY).header("Accept", "application/json").build();
    try (okhttp3.Response response = f.rawOkHttp.newCall(request).execute()) {
      InputStream in = response.body().byteStream();
      T value = reader.readValue(in);
      Fixture.drain(in);
      return value;
    }
  }

  static <T> T okHttpPost(Fixture f, String path, byte[] body, ObjectReader reader) throws IOException {
    okhttp3.Request request = new okhttp3.Request.Builder().url(f.baseUrl + path)
        .header("sf-api-key", Fixture.API_KEY).header("Accept", "application/json")
        .post(okhttp3.RequestBody.create(body, JSON)).build();
    try (okhttp3.Response response = f.rawOkHttp.newCall(request).execute()) {
      InputStream in = response.body().byteStream();
      T value = reader.readValue(in);
      Fixture.drain(in);
      return value;
    }
  }

  static <T> T apacheGet(Fixture f, String path, ObjectReader reader) throws IOException {
    HttpGet get = new HttpGet(f.baseUrl + path);
    get.addHeader("sf-api-key", Fixture.API_KEY);
    get.addHeader("Accept", "application/json");
    return f.rawApache.execute(get, response -> {
      try (InputStream in = response.getEntity().getContent()) {
        T value = reader.readValue(in);
        Fixture.drain(in);
        return value;
      }
    });
  }

  static <T> T apachePost(Fixture f, String path, byte[] body, ObjectReader reader) throws IOException {
    HttpPost post = new HttpPost(f.baseUrl + path);
    post.addHeader("sf-api-key", Fixture.API_KEY);
    post.addHeader("Accept", "application/json");
    post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
    return f.rawApache.execute(post, response -> {
      try (InputStream in = response.getEntity().getContent()) {
        T value = reader.readValue(in);
        Fixture.drain(in);
        return value;
      }
    });
  }
}
