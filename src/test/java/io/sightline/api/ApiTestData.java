package io.sightline.api;

import io.sightline.trace.DependencyLink;
import io.sightline.trace.DependencyWriter;
import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanLog;
import io.sightline.trace.SpanReference;
import io.sightline.trace.SpanWriter;
import io.sightline.trace.TraceId;
import io.sightline.trace.TracedProcess;
import java.time.Instant;
import java.util.List;

/**
 * The traces and dependencies behind the API golden files. "Now" is {@link #NOW}; every span is
 * within the hour before it.
 *
 * <ul>
 *   <li>Trace {@link #TRACE_A} (64-bit ID): a frontend request with a Zipkin-style shared span ID
 *       between a client span and its server span (the server span gets a new ID), a server span
 *       that starts before its client (clock skew warnings, adjustment disabled), typed tags,
 *       numeric IP tags, unsorted log fields and process tags;
 *   <li>Trace {@link #TRACE_B} (128-bit ID): one span with a link into another trace and an
 *       OpenTelemetry SDK tag (moved to the process);
 *   <li>Trace {@link #TRACE_C}: only in the archive.
 * </ul>
 */
final class ApiTestData {

  static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
  static final long NOW_MICROS = NOW.getEpochSecond() * 1_000_000;
  static final long START = NOW_MICROS - 600_000_000L; // ten minutes ago

  static final TraceId TRACE_A = new TraceId(0, 0xa1);
  static final TraceId TRACE_B = new TraceId(0x463ac35c9f6413adL, 0x48485a3953bb6124L);
  static final TraceId TRACE_C = new TraceId(0, 0xc3);

  private ApiTestData() {}

  static void seed(SpanWriter store, SpanWriter archive, DependencyWriter dependencies) {
    TracedProcess frontend =
        new TracedProcess(
            "frontend",
            List.of(KeyValue.string("hostname", "fe-1"), KeyValue.int64("ip", 0x0a000001)));
    TracedProcess customer =
        new TracedProcess(
            "customer",
            List.of(KeyValue.string("ip", "10.0.0.2"), KeyValue.string("client-uuid", "c-7")));
    Span root =
        new Span(
            TRACE_A,
            new SpanId(1),
            "HTTP GET /dispatch",
            List.of(),
            1,
            START,
            5_000,
            List.of(
                KeyValue.string("span.kind", "server"),
                KeyValue.int64("http.status_code", 200),
                KeyValue.string("http.url", "/dispatch?customer=123&nonce=<x>")),
            List.of(),
            frontend,
            List.of());
    Span client =
        new Span(
            TRACE_A,
            new SpanId(2),
            "HTTP GET /customer",
            List.of(SpanReference.childOf(TRACE_A, new SpanId(1))),
            1,
            START + 100,
            3_000,
            List.of(
                KeyValue.string("span.kind", "client"), KeyValue.int64("peer.ipv4", 0x0a000002)),
            List.of(),
            frontend,
            List.of());
    Span server =
        new Span(
            TRACE_A,
            new SpanId(2),
            "HTTP GET /customer",
            List.of(SpanReference.childOf(TRACE_A, new SpanId(1))),
            1,
            START + 50, // before its client: another host's clock
            2_500,
            List.of(KeyValue.string("span.kind", "server")),
            List.of(
                new SpanLog(
                    START + 60,
                    List.of(
                        KeyValue.string("level", "info"),
                        KeyValue.string("event", "cache miss"),
                        KeyValue.int64("attempt", 1)))),
            customer,
            List.of());
    Span query =
        new Span(
            TRACE_A,
            new SpanId(3),
            "SQL SELECT",
            List.of(SpanReference.childOf(TRACE_A, new SpanId(2))),
            1,
            START + 300,
            1_000,
            List.of(
                KeyValue.string("span.kind", "client"),
                KeyValue.string("db.statement", "SELECT * FROM customer WHERE id = ?"),
                KeyValue.float64("temperature", 72.5),
                KeyValue.int64("javascript_limit", 9223372036854775222L),
                KeyValue.bool("error", true),
                KeyValue.binary("blob", new byte[] {0, 0, 0x30, 0x39})),
            List.of(),
            customer,
            List.of());
    Span driver =
        new Span(
            TRACE_B,
            new SpanId(0xb1),
            "FindNearest",
            List.of(SpanReference.followsFrom(new TraceId(0, 0xa1), new SpanId(1))),
            0,
            START + 1_000_000,
            40_000,
            List.of(
                KeyValue.string("span.kind", "internal"),
                KeyValue.string("telemetry.sdk.language", "go")),
            List.of(),
            new TracedProcess("driver", List.of(KeyValue.string("ip", "10.0.0.3"))),
            List.of());
    Span archived =
        new Span(
            TRACE_C,
            new SpanId(0xc1),
            "archived-op",
            List.of(),
            1,
            START - 1_000_000,
            7,
            List.of(),
            List.of(),
            new TracedProcess("frontend", List.of()),
            List.of());
    store.writeSpans(List.of(root, client, server, query, driver));
    archive.writeSpans(List.of(archived));

    dependencies.writeDependencies(
        Instant.parse("2026-04-30T00:00:00Z"),
        List.of(
            new DependencyLink("frontend", "customer", 3),
            new DependencyLink("customer", "mysql", 2)));
    dependencies.writeDependencies(
        Instant.parse("2026-05-01T00:00:00Z"),
        List.of(
            new DependencyLink("frontend", "customer", 4),
            new DependencyLink("frontend", "driver", 1)));
  }
}
