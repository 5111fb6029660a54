package io.sightline.testing.search;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An index prefix owned by one test, so tests sharing a server never see each other's indices: use
 * it as Jaeger's {@code ES_INDEX_PREFIX} (indices {@code <prefix>-jaeger-span-…}). Derived from the
 * test class and method, lower case, a valid index name, unique within the JVM and (through a
 * random run id) across runs against a long-lived {@code SIGHTLINE_TEST_ES_URL} server. After the
 * test, indices and templates named {@code <prefix>-*} are deleted (unless {@code
 * SIGHTLINE_TEST_KEEP_INDICES=true}).
 *
 * @param value e.g. {@code it-spanreaderit-findtraces-k3x9-12}
 */
public record IndexPrefix(String value) {

  private static final String RUN =
      Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36, 36 * 36 * 36 * 36), 36);

  private static final AtomicInteger COUNTER = new AtomicInteger();

  /** {@code <prefix>-<name>}, e.g. {@code index("jaeger-span-2024-05-01")}. */
  public String index(String name) {
    return value + "-" + name;
  }

  /** The pattern of every index and template this test may have created. */
  String pattern() {
    return value + "-*";
  }

  static IndexPrefix forTest(String className, String methodName) {
    return new IndexPrefix(
        "it-"
            + part(className, 24)
            + (methodName == null ? "" : "-" + part(methodName, 24))
            + "-"
            + RUN
            + "-"
            + COUNTER.incrementAndGet());
  }

  private static String part(String text, int max) {
    String simple = text.substring(text.lastIndexOf('.') + 1);
    String cleaned =
        simple.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (cleaned.length() > max) {
      cleaned = cleaned.substring(0, max).replaceAll("-+$", "");
    }
    return cleaned.isEmpty() ? "x" : cleaned;
  }
}
