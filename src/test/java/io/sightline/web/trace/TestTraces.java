package io.sightline.web.trace;

import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanLog;
import io.sightline.trace.SpanReference;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.trace.TracedProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Hand-built and synthetic traces for the web tests. Times are µs. */
public final class TestTraces {

  public static final TraceId TRACE_ID = TraceId.parse("4bf92f3577b34da6a3ce929d0e0e4736");
  public static final long T0 = 1_700_000_000_000_000L;

  private TestTraces() {}

  /**
   * A builder of one span. {@code id} (and a parent's) is a hex span ID, or any other name, which
   * stands for a stable made-up ID.
   */
  public static SpanBuilder span(String id) {
    return new SpanBuilder(id);
  }

  /** The span ID a test name stands for: hex names are themselves, others a hash. */
  public static SpanId id(String name) {
    if (name.matches("[0-9a-fA-F]{1,16}")) {
      return SpanId.parse(name);
    }
    return new SpanId(0x7a00_0000_0000_0000L | (name.hashCode() & 0xffff_ffffL));
  }

  public static Trace trace(SpanBuilder... spans) {
    List<Span> list = new ArrayList<>();
    for (SpanBuilder s : spans) {
      list.add(s.build());
    }
    return Trace.of(list);
  }

  /** Builds a {@link Span} with defaults: service "svc", operation = id, start T0, 1ms. */
  public static final class SpanBuilder {
    private final String id;
    private TraceId traceId = TRACE_ID;
    private String service = "svc";
    private String operation;
    private final List<SpanReference> refs = new ArrayList<>();
    private long start = T0;
    private long duration = 1_000;
    private final List<KeyValue> tags = new ArrayList<>();
    private final List<SpanLog> logs = new ArrayList<>();
    private final List<KeyValue> processTags = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    SpanBuilder(String id) {
      this.id = id;
      this.operation = id;
    }

    public SpanBuilder traceId(TraceId value) {
      this.traceId = value;
      return this;
    }

    public SpanBuilder service(String value) {
      this.service = value;
      return this;
    }

    public SpanBuilder op(String value) {
      this.operation = value;
      return this;
    }

    public SpanBuilder childOf(String parent) {
      refs.add(SpanReference.childOf(traceId, id(parent)));
      return this;
    }

    public SpanBuilder followsFrom(String parent) {
      refs.add(SpanReference.followsFrom(traceId, id(parent)));
      return this;
    }

    public SpanBuilder ref(SpanReference ref) {
      refs.add(ref);
      return this;
    }

    /** Start, µs after {@link #T0}, and duration in µs. */
    public SpanBuilder at(long offset, long dur) {
      this.start = T0 + offset;
      this.duration = dur;
      return this;
    }

    public SpanBuilder tag(KeyValue kv) {
      tags.add(kv);
      return this;
    }

    public SpanBuilder tag(String key, String value) {
      return tag(KeyValue.string(key, value));
    }

    public SpanBuilder processTag(String key, String value) {
      processTags.add(KeyValue.string(key, value));
      return this;
    }

    public SpanBuilder log(long offset, KeyValue... fields) {
      logs.add(new SpanLog(T0 + offset, List.of(fields)));
      return this;
    }

    public SpanBuilder error() {
      return tag(KeyValue.bool("error", true));
    }

    public SpanBuilder warning(String text) {
      warnings.add(text);
      return this;
    }

    public Span build() {
      return new Span(
          traceId,
          id(id),
          operation,
          refs,
          1,
          start,
          duration,
          tags,
          logs,
          new TracedProcess(service, processTags),
          warnings);
    }
  }

  /**
   * A synthetic trace of {@code size} spans shaped like a big fan-out: services calling services,
   * some deep chains, wide fan-outs, HTTP/DB tags, logs and errors. Built iteratively; the same
   * seed gives the same trace.
   */
  public static Trace synthetic(int size, long seed) {
    return synthetic(size, seed, TRACE_ID);
  }

  /** {@link #synthetic(int, long)} with this trace ID. */
  public static Trace synthetic(int size, long seed, TraceId traceId) {
    Random random = new Random(seed);
    String[] services = new String[24];
    for (int i = 0; i < services.length; i++) {
      services[i] = "service-" + (char) ('a' + i);
    }
    String[] ops = {
      "GET /api/orders", "POST /checkout", "SELECT orders", "publish event", "rpc Get"
    };
    List<Span> spans = new ArrayList<>(size);
    long[] starts = new long[size];
    long[] durations = new long[size];
    long total = 30_000_000L;
    starts[0] = T0;
    durations[0] = total;
    spans.add(syntheticSpan(traceId, 0, -1, "frontend", "GET /", T0, total, random, 0));
    for (int i = 1; i < size; i++) {
      // Mostly attach to a recent span (deep, bushy), sometimes to an early one (wide).
      int parent =
          random.nextInt(10) < 8
              ? Math.max(0, i - 1 - random.nextInt(Math.min(i, 20)))
              : random.nextInt(Math.min(i, 50));
      long pStart = starts[parent];
      long pDur = Math.max(1, durations[parent]);
      long offset = (long) (random.nextDouble() * pDur * 0.9);
      long dur = Math.max(1, (long) ((pDur - offset) * random.nextDouble()));
      starts[i] = pStart + offset;
      durations[i] = dur;
      String service = services[random.nextInt(services.length)];
      String op = ops[random.nextInt(ops.length)];
      spans.add(syntheticSpan(traceId, i, parent, service, op, starts[i], dur, random, i));
    }
    return Trace.of(spans);
  }

  private static Span syntheticSpan(
      TraceId traceId,
      int index,
      int parent,
      String service,
      String op,
      long start,
      long duration,
      Random random,
      int seq) {
    List<SpanReference> refs =
        parent < 0
            ? List.of()
            : List.of(SpanReference.childOf(traceId, new SpanId(0x1000L + parent)));
    List<KeyValue> tags = new ArrayList<>();
    tags.add(KeyValue.string("span.kind", random.nextBoolean() ? "server" : "client"));
    if (op.startsWith("GET") || op.startsWith("POST")) {
      tags.add(KeyValue.string("http.method", op.substring(0, op.indexOf(' '))));
      tags.add(KeyValue.int64("http.status_code", random.nextInt(50) == 0 ? 503 : 200));
      tags.add(KeyValue.string("http.url", "http://" + service + ":8080" + op.substring(4)));
    } else if (op.startsWith("SELECT")) {
      tags.add(KeyValue.string("db.system", "postgresql"));
      tags.add(KeyValue.string("db.statement", "SELECT * FROM orders WHERE id = " + seq));
    }
    if (random.nextInt(200) == 0) {
      tags.add(KeyValue.bool("error", true));
    }
    tags.add(KeyValue.string("request.id", "req-" + seq));
    List<SpanLog> logs =
        random.nextInt(4) == 0
            ? List.of(
                new SpanLog(
                    start + duration / 2,
                    List.of(KeyValue.string("event", "cache miss"), KeyValue.int64("key", seq))))
            : List.of();
    return new Span(
        traceId,
        new SpanId(0x1000L + index),
        op,
        refs,
        1,
        start,
        duration,
        tags,
        logs,
        new TracedProcess(service, List.of(KeyValue.string("hostname", service + "-pod-1"))),
        List.of());
  }
}
