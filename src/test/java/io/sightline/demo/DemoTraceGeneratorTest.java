package io.sightline.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.trace.KeyValue;
import io.sightline.trace.RefType;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.Trace;
import io.sightline.trace.TracedProcess;
import io.sightline.trace.ValueType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DemoTraceGeneratorTest {

  static final Instant NOW = Instant.parse("2025-03-14T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final long NOW_MICROS = NOW.getEpochSecond() * 1_000_000L;

  static final Set<String> SHOP_SERVICES =
      Set.of(
          "web-frontend",
          "api-gateway",
          "auth-service",
          "catalog-service",
          "search-service",
          "recommendation-service",
          "cart-service",
          "checkout-service",
          "payment-service",
          "inventory-service",
          "shipping-service",
          "notification-service",
          "order-worker");

  @Test
  void sameSeedAndClockGiveIdenticalTraces() {
    List<Trace> first = new DemoTraceGenerator(7, CLOCK).defaultSet();
    List<Trace> second = new DemoTraceGenerator(7, CLOCK).defaultSet();
    assertThat(second).isEqualTo(first);
    assertThat(first).hasSize(DemoTraceGenerator.DEFAULT_TRACE_COUNT + 1);
  }

  @Test
  void anotherSeedOrClockGivesOtherTraces() {
    Trace base = new DemoTraceGenerator(7, CLOCK).trace(0, Duration.ofHours(6));
    Trace otherSeed = new DemoTraceGenerator(8, CLOCK).trace(0, Duration.ofHours(6));
    Trace otherClock =
        new DemoTraceGenerator(7, Clock.offset(CLOCK, Duration.ofMinutes(1)))
            .trace(0, Duration.ofHours(6));
    assertThat(otherSeed.traceId()).isNotEqualTo(base.traceId());
    assertThat(otherClock.traceId()).isEqualTo(base.traceId());
    assertThat(otherClock.spans().get(0).startTime() - base.spans().get(0).startTime())
        .isEqualTo(60_000_000L);
  }

  @Test
  void eachTraceDependsOnlyOnItsIndex() {
    DemoTraceGenerator generator = new DemoTraceGenerator(3, CLOCK);
    Duration window = Duration.ofHours(6);
    List<Trace> hundred = generator.traces(100, window).toList();
    List<Trace> firstOfThousand = generator.traces(1000, window).limit(100).toList();
    assertThat(firstOfThousand).isEqualTo(hundred);
    assertThat(generator.trace(42, window)).isEqualTo(hundred.get(42));
    assertThat(generator.defaultSet(100, window).subList(0, 100)).isEqualTo(hundred);
    assertThat(generator.traces(100, window).parallel().toList()).isEqualTo(hundred);
  }

  @Test
  void generatedTracesAreStructurallyValidOverManySeeds() {
    int traces = 0;
    int late = 0;
    for (long seed = 1; seed <= 40; seed++) {
      for (Trace trace :
          new DemoTraceGenerator(seed, CLOCK).traces(150, Duration.ofHours(6)).toList()) {
        late += TraceChecks.assertValid(trace);
        traces++;
      }
    }
    assertThat(traces).isEqualTo(6000);
    // Gateway timeouts on slow recommendations: rare, but present.
    assertThat(late).isPositive().isLessThan(traces / 50);
  }

  @Test
  void storefrontProfileStaysSmallAndValid() {
    List<Trace> traces =
        new DemoTraceGenerator(5, CLOCK, DemoProfile.STOREFRONT)
            .traces(500, Duration.ofHours(6))
            .toList();
    traces.forEach(TraceChecks::assertValid);
    assertThat(services(traces))
        .containsExactlyInAnyOrder(
            "web-frontend", "api-gateway", "catalog-service", "cart-service");
    Trace large = new DemoTraceGenerator(5, CLOCK, DemoProfile.STOREFRONT).generateLargeTrace(777);
    assertThat(large.spans()).hasSize(777);
    TraceChecks.assertValid(large);
    assertThat(services(List.of(large))).containsExactly("catalog-service");
  }

  @Test
  void theShopRunsThirteenServicesOnSeveralPodsEach() {
    List<Trace> traces =
        new DemoTraceGenerator(11, CLOCK).traces(2000, Duration.ofHours(6)).toList();
    assertThat(services(traces)).isEqualTo(SHOP_SERVICES);
    Map<String, Set<TracedProcess>> processes = new HashMap<>();
    for (Trace trace : traces) {
      for (Span span : trace.spans()) {
        processes
            .computeIfAbsent(span.process().serviceName(), s -> new HashSet<>())
            .add(span.process());
      }
    }
    processes.forEach(
        (service, pods) -> {
          if (!service.equals("notification-service")) {
            assertThat(pods).as("pods of %s", service).hasSizeGreaterThanOrEqualTo(2);
          }
        });
    Set<String> catalogVersions =
        processes.get("catalog-service").stream()
            .map(p -> tag(p.tags(), "service.version"))
            .collect(Collectors.toSet());
    assertThat(catalogVersions).as("a canary next to the stable version").hasSize(2);
  }

  @Test
  void theDataShowsErrorsRetriesFanOutOutliersAndAsyncWork() {
    List<Trace> traces =
        new DemoTraceGenerator(21, CLOCK).traces(3000, Duration.ofHours(6)).toList();
    int sixtyFourBit = 0;
    int errorTraces = 0;
    int retried = 0;
    int followsFrom = 0;
    int slow = 0;
    int fanOut = 0;
    int binary = 0;
    int cacheMisses = 0;
    for (Trace trace : traces) {
      if (trace.traceId().high() == 0) {
        sixtyFourBit++;
      }
      List<Span> spans = trace.spans();
      if (spans.stream().anyMatch(Span::isError)) {
        errorTraces++;
      }
      if (spans.stream().anyMatch(s -> s.tag("http.request.resend_count") != null)) {
        retried++;
      }
      if (spans.stream()
          .anyMatch(
              s ->
                  !s.references().isEmpty()
                      && s.references().get(0).refType() == RefType.FOLLOWS_FROM)) {
        followsFrom++;
      }
      if (spans.get(0).duration() > 1_000_000) {
        slow++;
      }
      if (hasParallelChildren(trace)) {
        fanOut++;
      }
      if (spans.stream()
          .flatMap(s -> s.tags().stream())
          .anyMatch(t -> t.type() == ValueType.BINARY)) {
        binary++;
      }
      if (spans.stream()
          .flatMap(s -> s.logs().stream())
          .anyMatch(l -> l.fields().contains(KeyValue.string("event", "cache miss")))) {
        cacheMisses++;
      }
    }
    assertThat(sixtyFourBit).as("64-bit trace IDs").isBetween(100, 600);
    assertThat(errorTraces).as("traces with errors").isBetween(60, 600);
    assertThat(retried).as("traces with retried requests").isPositive();
    assertThat(followsFrom).as("traces with async work").isBetween(150, 400);
    assertThat(slow).as("slow outliers").isBetween(15, 300);
    assertThat(fanOut).as("traces with parallel calls").isGreaterThan(1000);
    assertThat(binary).as("traces with a binary tag").isPositive();
    assertThat(cacheMisses).isGreaterThan(300);
  }

  @Test
  void aFailedPaymentFailsTheCheckoutAndTheRequest() {
    int unavailable = 0;
    int declined = 0;
    for (Trace trace :
        new DemoTraceGenerator(5, CLOCK).traces(4000, Duration.ofHours(6)).toList()) {
      Span payment = find(trace, "payment-service", "POST /charge");
      if (payment == null || status(payment) == 200) {
        continue;
      }
      Span checkout = find(trace, "checkout-service", "oteldemo.CheckoutService/PlaceOrder");
      assertThat(checkout.isError()).as("checkout fails with the payment").isTrue();
      assertThat(tag(checkout.tags(), "otel.status_description"))
          .startsWith("failed to charge card: ");
      assertThat(TraceChecks.exceptions(checkout)).hasSize(1);
      Span gateway = find(trace, "api-gateway", "POST /api/checkout");
      if (status(payment) == 402) {
        declined++;
        assertThat(payment.isError()).as("a declined card is no server error").isFalse();
        assertThat(status(gateway)).isEqualTo(402);
        assertThat(gateway.isError()).isFalse();
      } else {
        unavailable++;
        assertThat(status(payment)).isEqualTo(502);
        assertThat(payment.isError()).isTrue();
        // Three attempts at the provider, the repeated ones marked, with retry events between.
        List<Span> attempts =
            trace.spans().stream()
                .filter(s -> !s.references().isEmpty())
                .filter(s -> s.references().get(0).spanId().equals(payment.spanId()))
                .filter(s -> s.spanKind().equals("client"))
                .toList();
        assertThat(attempts).hasSize(3).allMatch(Span::isError);
        assertThat(attempts.get(2).tag("http.request.resend_count"))
            .isEqualTo(KeyValue.int64("http.request.resend_count", 2));
        assertThat(
                payment.logs().stream()
                    .filter(l -> l.fields().contains(KeyValue.string("event", "retry"))))
            .hasSize(2);
        assertThat(status(gateway)).isEqualTo(502);
        assertThat(gateway.isError()).isTrue();
        assertThat(trace.spans().get(0).isError()).as("the root fails too").isTrue();
      }
      // A failed checkout publishes nothing, so no async work follows.
      assertThat(trace.spans()).noneMatch(s -> s.spanKind().equals("consumer"));
    }
    assertThat(unavailable).isPositive();
    assertThat(declined).isPositive();
  }

  @Test
  void spanKindsCarryTheirSemanticConventionAttributes() {
    List<Trace> traces =
        new DemoTraceGenerator(9, CLOCK).traces(1500, Duration.ofHours(6)).toList();
    Map<String, Integer> seen = new HashMap<>();
    for (Trace trace : traces) {
      for (Span span : trace.spans()) {
        String where = span.process().serviceName() + " " + span.operationName();
        String kind = span.spanKind();
        if (span.tag("http.request.method") != null && kind.equals("server")) {
          count(seen, "http server");
          assertHas(
              span,
              "http.route",
              "url.path",
              "url.scheme",
              "server.address",
              "server.port",
              "user_agent.original",
              "network.peer.address");
          assertThat(span.tag("http.response.status_code").type()).isEqualTo(ValueType.INT64);
          assertThat(span.operationName())
              .isEqualTo(value(span, "http.request.method") + " " + value(span, "http.route"));
        } else if (span.tag("http.request.method") != null) {
          count(seen, "http client");
          assertThat(kind).isEqualTo("client");
          assertHas(span, "url.full", "server.address", "server.port", "network.peer.address");
          assertThat(span.tag("http.response.status_code").type()).isEqualTo(ValueType.INT64);
          assertThat(span.operationName()).isEqualTo(value(span, "http.request.method"));
        } else if (span.tag("rpc.system") != null) {
          count(seen, "grpc " + kind);
          assertThat(kind).isIn("client", "server");
          assertHas(
              span,
              "rpc.service",
              "rpc.method",
              "server.address",
              "server.port",
              "network.peer.address");
          assertThat(span.tag("rpc.grpc.status_code").type()).isEqualTo(ValueType.INT64);
          assertThat(span.operationName())
              .isEqualTo(value(span, "rpc.service") + "/" + value(span, "rpc.method"));
        } else if (span.tag("db.system") != null) {
          count(seen, value(span, "db.system"));
          assertThat(kind).isEqualTo("client");
          assertHasOneOf(span, "db.statement", "db.query.text");
          assertHasOneOf(span, "db.operation", "db.operation.name");
          assertHas(span, "server.address", "server.port", "peer.service");
          if (value(span, "db.system").equals("postgresql")) {
            assertHasOneOf(span, "db.name", "db.namespace");
            assertThat(span.operationName()).startsWith(operation(span) + " ");
          } else {
            assertThat(value(span, "db.system")).isEqualTo("redis");
            assertThat(span.operationName()).isEqualTo(operation(span));
          }
        } else if (span.tag("messaging.system") != null) {
          count(seen, kind);
          assertThat(kind).isIn("producer", "consumer");
          assertHas(
              span,
              "messaging.destination.name",
              "messaging.operation",
              "messaging.kafka.message.key");
          assertThat(span.operationName())
              .isEqualTo(
                  value(span, "messaging.destination.name")
                      + " "
                      + value(span, "messaging.operation"));
          if (kind.equals("producer")) {
            assertThat(value(span, "peer.service")).isEqualTo("kafka");
          }
        } else if (span.tag("url.full") != null) {
          throw new AssertionError(where + " has url.full but no method");
        } else {
          count(seen, "other " + kind);
          assertThat(kind).as("%s carries no protocol attributes", where).isEqualTo("internal");
        }
      }
    }
    assertThat(seen)
        .containsKeys(
            "http server",
            "http client",
            "grpc client",
            "grpc server",
            "postgresql",
            "redis",
            "producer",
            "consumer",
            "other internal");
    assertThat(seen.get("grpc client")).isEqualTo(seen.get("grpc server"));
  }

  @Test
  void bothDatabaseConventionsAppear() {
    Set<String> statementKeys = new TreeSet<>();
    for (Trace trace : new DemoTraceGenerator(9, CLOCK).traces(500, Duration.ofHours(6)).toList()) {
      for (Span span : trace.spans()) {
        if (span.tag("db.statement") != null) {
          statementKeys.add("db.statement");
        }
        if (span.tag("db.query.text") != null) {
          statementKeys.add("db.query.text");
        }
      }
    }
    assertThat(statementKeys).containsExactly("db.query.text", "db.statement");
  }

  @Test
  void tracesFillTheWindowBeforeNowDenserRecently() {
    Duration window = Duration.ofHours(6);
    long windowStart = NOW_MICROS - window.toNanos() / 1000;
    int lastHour = 0;
    int firstHour = 0;
    List<Trace> traces = new DemoTraceGenerator(13, CLOCK).defaultSet(2000, window);
    for (Trace trace : traces) {
      for (Span span : trace.spans()) {
        assertThat(span.startTime()).isGreaterThanOrEqualTo(windowStart);
        assertThat(span.endTime()).isLessThanOrEqualTo(NOW_MICROS);
      }
      long start = trace.spans().get(0).startTime();
      if (start >= NOW_MICROS - 3_600_000_000L) {
        lastHour++;
      } else if (start < windowStart + 3_600_000_000L) {
        firstHour++;
      }
    }
    assertThat(lastHour).isGreaterThan(firstHour * 3 / 2);
    assertThat(firstHour).isPositive();

    // A three-day window spreads over four UTC days and follows the daily rhythm.
    Map<Long, Integer> perHourOfDay = new HashMap<>();
    Set<Long> days = new HashSet<>();
    for (Trace trace :
        new DemoTraceGenerator(13, CLOCK).traces(6000, Duration.ofDays(3)).toList()) {
      long start = trace.spans().get(0).startTime();
      assertThat(start).isGreaterThanOrEqualTo(NOW_MICROS - Duration.ofDays(3).toNanos() / 1000);
      days.add(Math.floorDiv(start, 86_400_000_000L));
      perHourOfDay.merge(Math.floorMod(start, 86_400_000_000L) / 3_600_000_000L, 1, Integer::sum);
    }
    assertThat(days).hasSize(4);
    assertThat(perHourOfDay.get(15L)).isGreaterThan(2 * perHourOfDay.get(3L));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 29, 100, 1234, 5000})
  void largeTracesHaveExactlyTheRequestedSize(int size) {
    Trace trace = new DemoTraceGenerator(17, CLOCK).generateLargeTrace(size);
    assertThat(trace.spans()).hasSize(size);
    TraceChecks.assertValid(trace);
  }

  @Test
  void theDefaultLargeTraceIsADeepBatchJob() {
    List<Trace> set = new DemoTraceGenerator(17, CLOCK).defaultSet();
    Trace large = set.get(set.size() - 1);
    assertThat(large.spans()).hasSize(5000);
    assertThat(large.spans().get(0).operationName()).isEqualTo("reindex products");
    assertThat(TraceChecks.depth(large)).isEqualTo(6);
    Map<SpanId, List<Span>> children = TraceChecks.children(large);
    List<Span> batches = children.get(large.spans().get(0).spanId());
    assertThat(batches.size()).as("not a flat list").isBetween(20, 100);
    assertThat(hasParallelChildren(large)).as("batches run in parallel").isTrue();
    assertThat(services(List.of(large)))
        .containsExactlyInAnyOrder("search-service", "catalog-service", "inventory-service");
  }

  @Test
  void aHundredThousandSpanTraceFitsInReasonableMemory() {
    DemoTraceGenerator generator = new DemoTraceGenerator(17, CLOCK);
    long before = usedHeapAfterGc();
    Trace trace = generator.generateLargeTrace(100_000);
    long after = usedHeapAfterGc();
    assertThat(trace.spans()).hasSize(100_000);
    long retained = after - before;
    System.out.printf(
        "100,000-span trace retains about %,d bytes (%d bytes per span)%n",
        retained, retained / 100_000);
    // Constant tags and processes are shared: well under 1 KB per span.
    assertThat(retained).isLessThan(100L * 1024 * 1024);
    TraceChecks.assertValid(trace);
    assertThat(TraceChecks.depth(trace)).isEqualTo(6);
  }

  @Test
  void streamsTracesUpToASpanBudgetAndMeasuresThroughput() {
    DemoTraceGenerator generator = new DemoTraceGenerator(1, CLOCK);
    long started = System.nanoTime();
    long[] spans = {0};
    long[] traces = {0};
    Span[] last = {null};
    generator
        .tracesWithSpans(300_000, Duration.ofDays(3))
        .forEach(
            trace -> {
              traces[0]++;
              spans[0] += trace.spans().size();
              last[0] = trace.spans().get(0);
            });
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "streamed %,d traces, %,d spans in %.2f s: %,.0f spans/s%n",
        traces[0], spans[0], seconds, spans[0] / seconds);
    assertThat(spans[0]).isGreaterThanOrEqualTo(300_000).isLessThan(300_000 + 200);
    assertThat(last[0]).isNotNull();
  }

  @Test
  void rejectsNonsense() {
    DemoTraceGenerator generator = new DemoTraceGenerator(1, CLOCK);
    assertThatThrownBy(() -> generator.generateLargeTrace(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> generator.traces(5, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> generator.trace(-1, Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------- helpers

  static Set<String> services(List<Trace> traces) {
    Set<String> services = new TreeSet<>();
    traces.forEach(t -> t.spans().forEach(s -> services.add(s.process().serviceName())));
    return services;
  }

  static boolean hasParallelChildren(Trace trace) {
    for (List<Span> siblings : TraceChecks.children(trace).values()) {
      List<Span> sorted = new ArrayList<>(siblings);
      sorted.sort((a, b) -> Long.compare(a.startTime(), b.startTime()));
      for (int i = 1; i < sorted.size(); i++) {
        if (sorted.get(i).startTime() < sorted.get(i - 1).endTime()) {
          return true;
        }
      }
    }
    return false;
  }

  private static Span find(Trace trace, String service, String operation) {
    return trace.spans().stream()
        .filter(
            s -> s.process().serviceName().equals(service) && s.operationName().equals(operation))
        .findFirst()
        .orElse(null);
  }

  private static long status(Span span) {
    return span.tag("http.response.status_code").longValue();
  }

  private static String tag(List<KeyValue> tags, String key) {
    return tags.stream().filter(t -> t.key().equals(key)).findFirst().orElseThrow().valueAsString();
  }

  private static String value(Span span, String key) {
    return span.tag(key).valueAsString();
  }

  private static String operation(Span span) {
    KeyValue old = span.tag("db.operation");
    return old != null ? old.valueAsString() : value(span, "db.operation.name");
  }

  private static void assertHas(Span span, String... keys) {
    for (String key : keys) {
      assertThat(span.tag(key))
          .as("%s of %s %s", key, span.process().serviceName(), span.operationName())
          .isNotNull();
    }
  }

  private static void assertHasOneOf(Span span, String first, String second) {
    assertThat(span.tag(first) != null || span.tag(second) != null)
        .as("%s or %s on %s", first, second, span.operationName())
        .isTrue();
  }

  private static void count(Map<String, Integer> seen, String what) {
    seen.merge(what, 1, Integer::sum);
  }

  private static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
