package com.serviceform.sdk.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.serviceform.sdk.ServiceformClient;
import com.serviceform.sdk.Transport;
import com.serviceform.sdk.errors.ServiceformIOException;
import java.io.File;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Corporate networks: a TLS server with a certificate of its own (trusted through the client's
 * SSLContext, refused without it), a CONNECT proxy in between (it sees the tunnel's target, never
 * the key or a byte of the request in clear), proxy credentials that go to the proxy only, the JVM's
 * standard proxy properties, and the application's name in the User-Agent. On both transports.
 */
@Timeout(60)
class ProxyAndTlsTest {
  static final String KEY = "sk_live_proxy_Test_Key_42";
  private static final String ITEM = "{\"id\":\"it-1\",\"space_id\":\"sp-1\",\"primary_field\":\"Acme\"}";

  @TempDir static Path folder;
  static TestCertificates certificates;

  HostileServer tls;

  @BeforeAll
  static void makeCertificates() throws Exception {
    certificates = TestCertificates.create(folder);
  }

  @BeforeEach
  void start() throws Exception {
    tls = new HostileServer(certificates.serverContext().getServerSocketFactory().createServerSocket());
    tls.script(c -> {
      while (c.read() != null) {
        c.respond(200, ITEM);
      }
    });
  }

  @AfterEach
  void stop() throws Exception {
    tls.close();
  }

  private String httpsUrl() {
    return "https://127.0.0.1:" + tls.port();
  }

  private ServiceformClient.Builder builder(Transport transport) {
    return ServiceformClient.builder().apiKey(KEY).baseUrl(httpsUrl()).transport(transport).sleeper(d -> { });
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aServerWithItsOwnCertificateIsTrustedOnlyThroughTheClientsSslContext(Transport transport) throws Exception {
    try (ServiceformClient client = builder(transport).build()) {
      ServiceformIOException e = assertThrows(ServiceformIOException.class, () -> client.flex().getItem("sp-1", "it-1"));
      assertTrue(causedBy(e, SSLHandshakeException.class), "refused by the JVM's trust: " + e);
    }
    try (ServiceformClient client = builder(transport).sslContext(certificates.clientContext()).build()) {
      assertEquals("it-1", client.flex().getItem("sp-1", "it-1").getId());
    }
    assertEquals(KEY, tls.requests().get(tls.requests().size() - 1).header("sf-api-key"));
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void httpsGoesThroughAConnectProxyThatNeverSeesTheKey(Transport transport) throws Exception {
    try (ConnectProxy proxy = new ConnectProxy(null);
        ServiceformClient client = builder(transport).sslContext(certificates.clientContext())
            .proxy(proxy.proxy()).build()) {
      assertEquals("it-1", client.flex().getItem("sp-1", "it-1").getId());
      assertEquals("it-1", client.flex().getItem("sp-1", "it-1").getId());
      assertTrue(proxy.heads().get(0).startsWith("CONNECT 127.0.0.1:" + tls.port() + " HTTP/1.1"), proxy.heads().toString());
      for (String head : proxy.heads()) {
        assertFalse(head.toLowerCase().contains("sf-api-key"), head);
      }
      String relayed = proxy.relayed();
      assertTrue(relayed.length() > 100, "the exchange went through the tunnel");
      assertFalse(relayed.contains(KEY), "the key crossed the proxy in clear");
      assertFalse(relayed.contains("/flex/spaces"), "the request line crossed the proxy in clear");
    }
    assertEquals(2, tls.requests().size());
  }

  @Test
  void proxyCredentialsGoToTheProxyOnly() throws Exception {
    try (ConnectProxy proxy = new ConnectProxy("proxy-user:proxy-pass");
        ServiceformClient client = builder(Transport.APACHE_HTTP_CLIENT_5).sslContext(certificates.clientContext())
            .proxy(proxy.proxy()).proxyCredentials("proxy-user", "proxy-pass").build()) {
      assertEquals("it-1", client.flex().getItem("sp-1", "it-1").getId());
      assertTrue(proxy.heads().stream().anyMatch(h -> h.contains("Proxy-Authorization: Basic ")), proxy.heads().toString());
    }
    for (HostileServer.Request request : tls.requests()) {
      assertEquals(null, request.header("proxy-authorization"), "the API never gets the proxy's credentials");
    }
  }

  @Test
  void theJdkTransportSaysAtOnceThatItWillNotSendBasicCredentialsForHttps() throws Exception {
    try (ConnectProxy proxy = new ConnectProxy("proxy-user:proxy-pass")) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> builder(Transport.JDK_HTTP_CLIENT).proxy(proxy.proxy()).proxyCredentials("proxy-user", "proxy-pass")
              .build());
      assertTrue(e.getMessage().contains("jdk.http.auth.tunneling.disabledSchemes"), e.getMessage());
      assertTrue(proxy.heads().isEmpty(), "nothing was sent");
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void noProxyOverridesTheJvmsSettings(Transport transport) throws Exception {
    try (ServiceformClient client = builder(transport).sslContext(certificates.clientContext())
        .proxy(Proxy.NO_PROXY).build()) {
      assertEquals("it-1", client.flex().getItem("sp-1", "it-1").getId());
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void theJvmsStandardProxyAndTrustStorePropertiesAreHonoured(Transport transport) throws Exception {
    // Its own JVM: these properties are read once per JVM. http.nonProxyHosts is emptied because its
    // default leaves out loopback, where this test's servers are.
    try (ConnectProxy proxy = new ConnectProxy(null)) {
      List<String> command = new ArrayList<>(List.of(
          System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
          "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=" + proxy.port(), "-Dhttp.nonProxyHosts=",
          "-Djavax.net.ssl.trustStore=" + certificates.trustStore, "-Djavax.net.ssl.trustStorePassword=changeit",
          "-Djavax.net.ssl.trustStoreType=PKCS12",
          "-cp", System.getProperty("java.class.path"), ProxyPropertiesMain.class.getName(),
          transport.name(), httpsUrl(), KEY));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(30, TimeUnit.SECONDS), output);
      assertEquals(0, process.exitValue(), output);
      assertTrue(output.contains("item=it-1"), output);
      assertTrue(proxy.heads().get(0).startsWith("CONNECT 127.0.0.1:" + tls.port()), proxy.heads().toString());
      assertFalse(proxy.relayed().contains(KEY));
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void appInfoIsAddedToTheUserAgent(Transport transport) throws Exception {
    try (ServiceformClient client = builder(transport).sslContext(certificates.clientContext())
        .appInfo("acme-crm", "4.2.0").build()) {
      client.flex().getItem("sp-1", "it-1");
    }
    String userAgent = tls.requests().get(0).header("user-agent");
    assertTrue(userAgent.startsWith("serviceform-java/"), userAgent);
    assertTrue(userAgent.endsWith(" acme-crm/4.2.0"), userAgent);
    assertThrows(IllegalArgumentException.class, () -> ServiceformClient.builder().appInfo("acme crm", "1"));
    assertThrows(IllegalArgumentException.class, () -> ServiceformClient.builder().appInfo("acme", "1/2"));
  }
}
