package com.serviceform.sdk.internal;

import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.List;

/** Which proxy a client's requests go through. */
final class Proxies {
  private Proxies() {}

  /**
   * The HTTP proxy for the client's base URL, or null for a direct connection: the configured
   * selector's choice, else the JVM's default selector's (its standard proxy properties). Every
   * request of a client goes to the same origin, so one answer, at build time, holds for all.
   */
  static Proxy forBaseUrl(ClientSettings settings) {
    ProxySelector selector = settings.proxySelector != null ? settings.proxySelector : ProxySelector.getDefault();
    if (selector == null) {
      return null;
    }
    List<Proxy> proxies = selector.select(URI.create(settings.baseUrl));
    for (Proxy proxy : proxies) {
      if (proxy.type() == Proxy.Type.HTTP) {
        return proxy;
      }
      if (proxy.type() == Proxy.Type.DIRECT) {
        return null;
      }
    }
    return null;
  }
}
