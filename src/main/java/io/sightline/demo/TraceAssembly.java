package io.sightline.demo;

import io.sightline.demo.ShopTopology.Pod;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import java.util.ArrayList;

/** Collects the spans of one trace while it is generated, and hands out unique span IDs. */
final class TraceAssembly {

  final TraceId traceId;
  final DemoRandom random;
  final ShopTopology shop;

  private final ArrayList<SpanDraft> drafts;
  private final long idBase;
  private long idCounter;

  TraceAssembly(TraceId traceId, DemoRandom random, ShopTopology shop, int expectedSpans) {
    this.traceId = traceId;
    this.random = random;
    this.shop = shop;
    this.drafts = new ArrayList<>(expectedSpans);
    this.idBase = random.nextLong();
  }

  /** A new trace ID: mostly 128-bit (W3C), sometimes 64-bit (older B3/Jaeger propagation). */
  static TraceId newTraceId(DemoRandom random, boolean sixtyFourBit) {
    long high = sixtyFourBit ? 0 : random.nextLong();
    long low = random.nextLong();
    if (!sixtyFourBit && high == 0) {
      high = 1;
    }
    return new TraceId(high, low == 0 ? 1 : low);
  }

  SpanDraft root(Pod pod, String name, long start) {
    return add(new SpanDraft(nextId(), null, false, name, pod, start));
  }

  SpanDraft child(SpanDraft parent, Pod pod, String name, long start) {
    checkStart(parent, start);
    return add(new SpanDraft(nextId(), parent, false, name, pod, start));
  }

  /** A span caused by {@code cause} but not waited for by it (async work): FOLLOWS_FROM. */
  SpanDraft followsFrom(SpanDraft cause, Pod pod, String name, long start) {
    checkStart(cause, start);
    return add(new SpanDraft(nextId(), cause, true, name, pod, start));
  }

  int size() {
    return drafts.size();
  }

  /** The finished trace; every span must have ended. */
  Trace build() {
    ArrayList<Span> spans = new ArrayList<>(drafts.size());
    for (SpanDraft draft : drafts) {
      spans.add(draft.toSpan(traceId));
    }
    return Trace.of(spans);
  }

  private SpanDraft add(SpanDraft draft) {
    drafts.add(draft);
    return draft;
  }

  /**
   * The finaliser is a bijection, so distinct counter values give distinct IDs: unique within the
   * trace without a set of used IDs.
   */
  private SpanId nextId() {
    long id;
    do {
      id = DemoRandom.mix(idBase + idCounter++);
    } while (id == 0);
    return new SpanId(id);
  }

  private static void checkStart(SpanDraft parent, long start) {
    if (start < parent.start) {
      throw new IllegalStateException("a child of " + parent.name + " would start before it");
    }
  }
}
