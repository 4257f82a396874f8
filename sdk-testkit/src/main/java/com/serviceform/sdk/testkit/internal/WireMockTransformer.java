package com.serviceform.sdk.testkit.internal;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hands every request of the catch-all stub to the engine and turns its reply into WireMock's. */
public final class WireMockTransformer implements ResponseDefinitionTransformerV2 {
  public static final String NAME = "serviceform-sandbox";

  private final SandboxEngine engine;

  public WireMockTransformer(SandboxEngine engine) {
    this.engine = engine;
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    LoggedRequest request = serveEvent.getRequest();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpHeader header : request.getHeaders().all()) {
      headers.put(header.key(), header.values());
    }
    Reply reply;
    try {
      reply = engine.handle(new SandboxRequest(request.getMethod().getName(), request.getUrl(), headers, request.getBody()));
    } catch (RuntimeException e) {
      // A sandbox bug: answer it plainly rather than with WireMock's HTML error page.
      reply = Reply.error(500, "the sandbox failed: " + e);
    }
    ResponseDefinitionBuilder response = ResponseDefinitionBuilder.responseDefinition();
    if (reply.isConnectionReset()) {
      response.withFault(Fault.CONNECTION_RESET_BY_PEER);
    } else {
      // A text body: WireMock would round-trip a byte[] body through base64.
      response.withStatus(reply.status()).withBody(reply.bodyText());
      reply.headers().forEach(response::withHeader);
    }
    if (!reply.delay().isZero()) {
      response.withFixedDelay((int) reply.delay().toMillis());
    }
    return response.build();
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public String getName() {
    return NAME;
  }
}
