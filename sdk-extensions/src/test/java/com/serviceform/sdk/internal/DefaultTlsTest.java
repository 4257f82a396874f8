package com.serviceform.sdk.internal;

import static org.junit.jupiter.api.Assertions.assertSame;

import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.junit.jupiter.api.Test;

class DefaultTlsTest {
  @Test
  void theJvmsDefaultTlsIsSetUpOnceWhetherStartedInTheBackgroundOrAskedForFirst() throws Exception {
    // Whichever comes first in this JVM (another test's client may have started the thread).
    ApacheHttpTransport.DefaultTls.prepare();
    TlsSocketStrategy first = ApacheHttpTransport.DefaultTls.get();
    ApacheHttpTransport.DefaultTls.prepare();
    assertSame(first, ApacheHttpTransport.DefaultTls.get());
  }
}
