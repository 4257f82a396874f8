package com.serviceform.sdk.testkit;

import com.serviceform.sdk.ServiceformClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit Jupiter extension behind {@link ServiceformSandboxTest}: starts a {@link
 * ServiceformSandbox} per test class, resets it before each test, checks it for spec violations
 * after each test (unless {@link ServiceformSandboxTest#failOnSpecViolations()} is false), and
 * resolves parameters of type {@link ServiceformSandbox} and {@link ServiceformClient}.
 */
public final class ServiceformSandboxExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ServiceformSandboxExtension.class);
  private static final String KEY = "sandbox";

  /** A sandbox, its client, and the class context that started them. */
  private static final class Running implements AutoCloseable {
    final ServiceformSandbox sandbox;
    final ServiceformClient client;
    final String owner;
    final boolean failOnViolations;
    private boolean closed;

    Running(ServiceformSandbox sandbox, String owner, boolean failOnViolations) {
      this.sandbox = sandbox;
      this.client = sandbox.newClient();
      this.owner = owner;
      this.failOnViolations = failOnViolations;
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        try {
          client.close();
        } finally {
          sandbox.close();
        }
      }
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    running(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    Running running = store.get(KEY, Running.class);
    // A @Nested class uses its enclosing class's sandbox; only the class that started it stops it.
    if (running != null && running.owner.equals(context.getUniqueId())) {
      store.remove(KEY, Running.class);
      running.close();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    running(context).sandbox.reset();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Running running = running(context);
    if (running.failOnViolations) {
      running.sandbox.assertNoViolations();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == ServiceformSandbox.class || type == ServiceformClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Running running = running(context);
    return parameter.getParameter().getType() == ServiceformSandbox.class ? running.sandbox : running.client;
  }

  /** The sandbox of the class (or an enclosing class), started on first use. */
  private static Running running(ExtensionContext context) {
    Running existing = context.getStore(NAMESPACE).get(KEY, Running.class);
    if (existing != null) {
      return existing;
    }
    ExtensionContext classContext = classContext(context);
    return startOnce(classContext);
  }

  // getOrComputeIfAbsent is deprecated in JUnit 6, but its replacement does not exist in the JUnit 5
  // versions consumers may still run.
  @SuppressWarnings("deprecation")
  private static Running startOnce(ExtensionContext classContext) {
    return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(KEY, key -> start(classContext), Running.class);
  }

  /** The context of the outermost class in the chain, so that @Nested classes share its sandbox. */
  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    ExtensionContext outermostClass = null;
    while (current != null && current.getParent().isPresent()) {
      if (current.getTestMethod().isEmpty() && current.getTestClass().isPresent()) {
        outermostClass = current;
      }
      current = current.getParent().orElse(null);
    }
    if (outermostClass == null) {
      throw new ExtensionConfigurationException("ServiceformSandboxExtension needs a test class");
    }
    return outermostClass;
  }

  private static Running start(ExtensionContext classContext) {
    Class<?> testClass = classContext.getRequiredTestClass();
    Optional<ServiceformSandboxTest> settings = findSettings(testClass);
    SandboxData seed = settings.map(ServiceformSandboxTest::seed).filter(s -> !s.isEmpty())
        .map(resource -> readSeed(testClass, resource))
        .orElseGet(SandboxData::defaults);
    ServiceformSandbox sandbox = ServiceformSandbox.builder().seed(seed).start();
    return new Running(sandbox, classContext.getUniqueId(),
        settings.map(ServiceformSandboxTest::failOnSpecViolations).orElse(true));
  }

  private static Optional<ServiceformSandboxTest> findSettings(Class<?> testClass) {
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      ServiceformSandboxTest settings = c.getAnnotation(ServiceformSandboxTest.class);
      if (settings != null) {
        return Optional.of(settings);
      }
    }
    return Optional.empty();
  }

  private static SandboxData readSeed(Class<?> testClass, String resource) {
    String path = resource.startsWith("/") ? resource : "/" + resource;
    try (InputStream in = testClass.getResourceAsStream(path)) {
      if (in == null) {
        throw new ExtensionConfigurationException("@ServiceformSandboxTest(seed = \"" + resource
            + "\"): no such classpath resource");
      }
      return SandboxData.fromJson(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
