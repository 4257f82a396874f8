import com.serviceform.sdk.testkit.ServiceformSandbox;

/**
 * How long ServiceformSandbox.start() takes in a fresh JVM (first) and again in the same JVM
 * (second), for docs/testing.md's footprint section. Run with the standalone jar on the class path:
 *
 * <pre>
 * java -cp sdk-testkit/target/serviceform-sdk-testkit-&lt;version&gt;-standalone.jar tools/SandboxStartTime.java
 * </pre>
 */
public class SandboxStartTime {
  public static void main(String[] args) {
    long t0 = System.nanoTime();
    ServiceformSandbox first = ServiceformSandbox.start();
    long t1 = System.nanoTime();
    first.close();
    long t2 = System.nanoTime();
    ServiceformSandbox second = ServiceformSandbox.start();
    long t3 = System.nanoTime();
    second.close();
    System.out.printf("first start %d ms, second start %d ms%n", (t1 - t0) / 1_000_000, (t3 - t2) / 1_000_000);
  }
}
