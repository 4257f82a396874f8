package com.serviceform.sdk.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against a {@link ServiceformSandbox}: one sandbox per class (shared with
 * {@code @Nested} classes), reset before each test, and a {@link ServiceformSandbox} and a ready
 * {@link com.serviceform.sdk.ServiceformClient} injected as parameters of test methods, lifecycle
 * methods and constructors.
 *
 * <pre>{@code
 * @ServiceformSandboxTest
 * class SpacesTest {
 *   @Test
 *   void listsTheSeededSpaces(ServiceformClient client) {
 *     assertEquals(2, client.flex().listSpaces().size());
 *   }
 * }
 * }</pre>
 *
 * <p>Same as {@code @ExtendWith(ServiceformSandboxExtension.class)}, plus the settings below.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ServiceformSandboxExtension.class)
public @interface ServiceformSandboxTest {
  /**
   * A classpath resource holding the seed in {@link SandboxData}'s JSON form, for example {@code
   * "/sandbox/my-seed.json"}; empty (the default) for {@link SandboxData#defaults()}.
   */
  String seed() default "";

  /**
   * Whether a test fails when a request or response of that test broke the spec (checked after each
   * test). Default true; set false in tests that send invalid requests on purpose.
   */
  boolean failOnSpecViolations() default true;
}
