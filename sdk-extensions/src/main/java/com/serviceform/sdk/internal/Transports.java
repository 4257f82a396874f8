package com.serviceform.sdk.internal;

import feign.Client;

/** Builds the built-in transport a client's settings ask for. */
final class Transports {
  private Transports() {}

  static Client create(ClientSettings settings) {
    switch (settings.transport) {
      case JDK_HTTP_CLIENT:
        return new JdkHttpTransport(settings);
      case APACHE_HTTP_CLIENT_5:
      default:
        return new ApacheHttpTransport(settings);
    }
  }
}
