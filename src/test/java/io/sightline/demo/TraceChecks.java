package io.sightline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.KeyValue;
import io.sightline.trace.RefType;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanLog;
import io.sightline.trace.SpanReference;
import io.sightline.trace.Trace;
import io.sightline.trace.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Structural checks every generated trace must pass. */
final class TraceChecks {

  static final Set<String> PROCESS_TAGS =
      Set.of(
          "service.version",
          "host.name",
          "ip",
          "k8s.pod.name",
          "k8s.namespace.name",
          "telemetry.sdk.name",
          "telemetry.sdk.language",
          "telemetry.sdk.version");

  static final Set<String> KINDS = Set.of("server", "client", "producer", "consumer", "internal");

  private TraceChecks() {}

  /**
   * Checks one trace; returns how many CHILD_OF spans end after their parent (allowed only below a
   * client that gave up with DEADLINE_EXCEEDED).
   */
  static int assertValid(Trace trace) {
    List<Span> spans = trace.spans();
    assertThat(spans).isNotEmpty();
    Map<SpanId, Span> byId = new HashMap<>();
    for (Span span : spans) {
      assertThat(span.spanId().value()).isNotZero();
      assertThat(byId.put(span.spanId(), span)).as("unique span ID %s", span.spanId()).isNull();
      assertThat(span.traceId()).isEqualTo(trace.traceId());
    }
    int roots = 0;
    int lateChildren = 0;
    for (Span span : spans) {
      String where = span.process().serviceName() + " " + span.operationName();
      assertThat(span.duration()).as("duration of %s", where).isPositive();
      assertThat(span.flags()).isEqualTo(1);
      assertThat(span.warnings()).isEmpty();
      assertThat(KINDS).as("span.kind of %s", where).contains(span.spanKind());
      assertThat(span.tag("otel.scope.name")).as("scope of %s", where).isNotNull();
      assertProcess(span);
      for (SpanLog log : span.logs()) {
        assertThat(log.timestamp())
            .as("log of %s", where)
            .isBetween(span.startTime(), span.endTime());
        assertThat(log.fields()).isNotEmpty();
        assertThat(log.fields().get(0).key()).isEqualTo("event");
      }
      assertErrorConsistent(span, where);
      if (span.references().isEmpty()) {
        roots++;
        continue;
      }
      assertThat(span.references()).hasSize(1);
      SpanReference reference = span.references().get(0);
      assertThat(reference.traceId()).isEqualTo(span.traceId());
      Span parent = byId.get(reference.spanId());
      assertThat(parent).as("parent of %s", where).isNotNull();
      assertThat(span.startTime())
          .as("start of %s", where)
          .isGreaterThanOrEqualTo(parent.startTime());
      assertKindFitsParent(span, parent, reference.refType(), where);
      if (reference.refType() == RefType.CHILD_OF && span.endTime() > parent.endTime()) {
        // Only a gRPC client that gave up on its deadline may end before its server.
        assertThat(parent.tag("rpc.grpc.status_code"))
            .as("%s ends after its parent %s", where, parent.operationName())
            .isEqualTo(KeyValue.int64("rpc.grpc.status_code", 4));
        assertThat(span.spanKind()).isEqualTo("server");
        lateChildren++;
      }
    }
    assertThat(roots).as("roots").isEqualTo(1);
    assertThat(spans.get(0).references()).as("the first span is the root").isEmpty();
    return lateChildren;
  }

  private static void assertProcess(Span span) {
    List<String> keys = new ArrayList<>();
    for (KeyValue tag : span.process().tags()) {
      keys.add(tag.key());
      assertThat(tag.type()).isEqualTo(ValueType.STRING);
    }
    assertThat(keys).containsAll(PROCESS_TAGS);
    assertThat(span.process().serviceName()).isNotBlank();
  }

  private static void assertErrorConsistent(Span span, String where) {
    KeyValue error = span.tag("error");
    KeyValue status = span.tag("otel.status_code");
    if (error == null) {
      assertThat(status).as("status of %s", where).isNull();
      assertThat(span.isError()).isFalse();
      return;
    }
    assertThat(error).isEqualTo(KeyValue.bool("error", true));
    assertThat(status).isEqualTo(KeyValue.string("otel.status_code", "ERROR"));
    // Where the failure is handled in the service's own code, the exception is recorded.
    if (!span.spanKind().equals("client")) {
      assertThat(exceptions(span)).as("exception event of %s", where).isNotEmpty();
    }
    for (SpanLog exception : exceptions(span)) {
      List<String> keys = exception.fields().stream().map(KeyValue::key).toList();
      assertThat(keys).contains("exception.type", "exception.message", "exception.stacktrace");
    }
  }

  static List<SpanLog> exceptions(Span span) {
    return span.logs().stream()
        .filter(log -> log.fields().contains(KeyValue.string("event", "exception")))
        .toList();
  }

  /** Span kinds follow the call graph: who may call whom. */
  private static void assertKindFitsParent(Span span, Span parent, RefType type, String where) {
    String kind = span.spanKind();
    String parentKind = parent.spanKind();
    switch (kind) {
      case "server" -> {
        assertThat(type).isEqualTo(RefType.CHILD_OF);
        assertThat(parentKind).as("parent of server %s", where).isEqualTo("client");
        assertThat(parent.process().serviceName())
            .as("a server span is called from another service: %s", where)
            .isNotEqualTo(span.process().serviceName());
      }
      case "consumer" -> {
        assertThat(type)
            .as("a consumer follows from its producer: %s", where)
            .isEqualTo(RefType.FOLLOWS_FROM);
        assertThat(parentKind).isEqualTo("producer");
      }
      default -> {
        assertThat(type).isEqualTo(RefType.CHILD_OF);
        assertThat(parentKind)
            .as("%s runs inside a server, consumer or internal span", where)
            .isIn("server", "consumer", "internal");
        assertThat(parent.process()).isEqualTo(span.process());
      }
    }
  }

  /** Children by parent span ID (any reference type). */
  static Map<SpanId, List<Span>> children(Trace trace) {
    Map<SpanId, List<Span>> children = new HashMap<>();
    for (Span span : trace.spans()) {
      for (SpanReference reference : span.references()) {
        children.computeIfAbsent(reference.spanId(), id -> new ArrayList<>()).add(span);
      }
    }
    return children;
  }

  /** The depth of the deepest span (root = 1). */
  static int depth(Trace trace) {
    Map<SpanId, Integer> depths = new HashMap<>();
    int max = 0;
    for (Span span : trace.spans()) {
      // Parents precede children in generated traces.
      SpanId parent = span.references().isEmpty() ? null : span.references().get(0).spanId();
      int depth = parent == null ? 1 : depths.get(parent) + 1;
      depths.put(span.spanId(), depth);
      max = Math.max(max, depth);
    }
    return max;
  }
}
