package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.ResponseValidation;
import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.model.Space;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ModulePathTest {
  @Test
  void theSdkIsLoadedAsNamedModules() {
    assertTrue(SpaceNames.class.getModule().isNamed(), "the test does not run on the module path");
    assertEquals("com.serviceform.sdk", ServiceformClient.class.getModule().getName());
    assertEquals("com.serviceform.sdk.generated", Space.class.getModule().getName());
  }

  // One exchange with a server on loopback (java.base only: the module needs nothing else).
  @Test
  void aCallWorksFromTheModule() throws Exception {
    AtomicReference<String> requestLine = new AtomicReference<>();
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread answering = new Thread(() -> {
        try (Socket socket = server.accept()) {
          BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
          requestLine.set(in.readLine());
          for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            // headers: not needed
          }
          byte[] body = "[{\"id\":\"sp-1\",\"name\":\"Sales\"}]".getBytes(StandardCharsets.UTF_8);
          OutputStream out = socket.getOutputStream();
          out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
              + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(body);
          out.flush();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      answering.start();
      assertEquals(List.of("Sales"), SpaceNames.of("module-path-key", "http://127.0.0.1:" + server.getLocalPort()));
      answering.join(10_000);
    }
    assertEquals("GET /flex/spaces HTTP/1.1", requestLine.get());
  }

  // Response validation reads the spec's schemas, a resource of the generated module: found there on
  // the module path too (building the client loads them, or fails).
  @Test
  void responseValidationFindsTheSchemasOnTheModulePath() {
    try (ServiceformClient client = ServiceformClient.builder().apiKey("module-path-key")
        .baseUrl("http://127.0.0.1:9").responseValidation(ResponseValidation.WARN).build()) {
      assertEquals("http://127.0.0.1:9", client.baseUrl());
    }
  }
}
