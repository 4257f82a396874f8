package com.serviceform.sdk.internal;

import com.serviceform.sdk.events.CallStart;
import com.serviceform.sdk.events.EventListener;
import feign.Request;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's event listeners: starts the {@link CallEvents} of each call, and keeps a listener's
 * failure from breaking the call (each listener's first failure is logged at WARN, later ones are
 * not). A client without listeners has none of this: its calls check one field for null.
 */
final class Listeners {
  private static final Logger LOG = LoggerFactory.getLogger("com.serviceform.sdk.events");
  /** Bodies handed to listeners are cut here, as in the SDK's logs. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private final EventListener.Factory[] factories;
  /** The listeners when every one was registered as a shared instance: no per-call allocation for them. */
  private final EventListener[] shared;
  /** Per registration: the failure logged, or null. */
  private final AtomicReferenceArray<String> warned;
  final Redactor redactor;
  final boolean bodies;
  private final String serverAddress;
  private final int serverPort;

  private Listeners(List<EventListener.Factory> registered, Redactor redactor, boolean bodies, String baseUrl) {
    this.factories = registered.toArray(new EventListener.Factory[0]);
    this.warned = new AtomicReferenceArray<>(factories.length);
    this.redactor = redactor;
    this.bodies = bodies;
    EventListener[] instances = new EventListener[factories.length];
    boolean allShared = true;
    for (int i = 0; i < factories.length; i++) {
      if (factories[i] instanceof Shared) {
        instances[i] = ((Shared) factories[i]).listener;
      } else {
        allShared = false;
      }
    }
    this.shared = allShared ? instances : null;
    URI uri = URI.create(baseUrl);
    this.serverAddress = uri.getHost();
    this.serverPort = uri.getPort() != -1 ? uri.getPort()
        : "https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
  }

  /** The client's listeners, or null when it has none. */
  static Listeners of(ClientSettings settings, Redactor redactor) {
    return settings.eventListeners.isEmpty() ? null
        : new Listeners(settings.eventListeners, redactor, settings.eventBodies, settings.baseUrl);
  }

  /** One listener instance for every call, registered as a factory. */
  static final class Shared implements EventListener.Factory {
    final EventListener listener;

    Shared(EventListener listener) {
      this.listener = listener;
    }

    @Override
    public EventListener create(CallStart call) {
      return listener;
    }

    @Override
    public String toString() {
      return listener.getClass().getName();
    }
  }

  /** Starts a call's events (and tells the listeners). */
  CallEvents start(OperationCall operation, Request request, boolean streaming) {
    CallStart call = new CallStart(operation.operationId, request.httpMethod().name(), operation.urlTemplate,
        redactor.redact(request.url()), serverAddress, serverPort, operation.retrySafe, streaming,
        bodies ? text(request.body()) : null);
    EventListener[] listeners = shared;
    if (listeners == null) {
      listeners = new EventListener[factories.length];
      for (int i = 0; i < factories.length; i++) {
        try {
          listeners[i] = factories[i].create(call);
        } catch (Throwable t) {
          failed(i, "create", t);
        }
        if (listeners[i] == null) {
          listeners[i] = NONE;
        }
      }
    }
    CallEvents events = new CallEvents(this, listeners, call);
    events.callStart();
    return events;
  }

  private static final EventListener NONE = new EventListener() {};

  /** A body as redacted text for listeners that asked for bodies, at most {@value #MAX_BODY_BYTES} bytes. */
  String text(byte[] body) {
    if (body == null) {
      return null;
    }
    return redactor.redact(new String(body, 0, Math.min(body.length, MAX_BODY_BYTES), StandardCharsets.UTF_8));
  }

  /** Notes a listener's failure; logs it (redacted) only the first time for that listener. */
  void failed(int index, String method, Throwable failure) {
    if (failure instanceof VirtualMachineError) {
      throw (VirtualMachineError) failure;
    }
    if (warned.compareAndSet(index, null, method)) {
      LOG.warn("event listener {} threw {} in {}; the call goes on, and later failures of this listener are "
          + "not logged: {}", factories[index], failure.getClass().getName(), method,
          redactor.redact(String.valueOf(failure.getMessage())), redactor.scrub(failure));
    }
  }
}
