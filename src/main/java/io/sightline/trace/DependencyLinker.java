package io.sightline.trace;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Service dependency links as Jaeger's daily spark-dependencies job derives them from stored spans
 * (docs/JAEGER-COMPAT.md §6, {@code SpansToDependencyLinks}), counted per UTC day: the one link
 * computation of Sightline (the {@code dependencies} command, the loader, the demo store).
 * docs/DEPENDENCIES.md lists the rules with their sources.
 *
 * <p>Per day the job reads that day's span index — the spans that <em>started</em> on that UTC day
 * — and groups them by trace ID. Within such a group:
 *
 * <ul>
 *   <li>identical spans count once;
 *   <li>spans sharing one span ID (Zipkin-style shared client/server spans) give a link from the
 *       service of the span with a tag valued {@code client}/{@code producer} to the one with a tag
 *       valued {@code server}/{@code consumer} (the job looks at every tag's value, not only {@code
 *       span.kind});
 *   <li>every reference (CHILD_OF and FOLLOWS_FROM, whatever trace it names) to a span of the group
 *       gives a link parent service → this span's service, also when both are the same service. A
 *       shared span is linked only from its {@code span.kind=client} side, and a reference to a
 *       shared span starts at its {@code span.kind=server} side;
 *   <li>a span with references but no span referring to it that carries the peer-service tag
 *       (default {@code peer.service}) gives a link to that peer, the uninstrumented downstream.
 * </ul>
 *
 * Each link found counts one call; the day's links are summed by (parent, child).
 *
 * <p>Feed traces one at a time with {@link #add(Trace)} to derive links from a stream without
 * holding it; {@link #byDay(Iterable)} does it for a collection.
 */
public final class DependencyLinker {

  /** The job's default {@code PEER_SERVICE_TAG}. */
  public static final String DEFAULT_PEER_SERVICE_TAG = "peer.service";

  private record Pair(String parent, String child) {}

  /** What the job compares to drop duplicate spans: all it reads of a span. */
  private record SpanKey(
      TraceId traceId,
      SpanId spanId,
      long startTime,
      TracedProcess process,
      List<KeyValue> tags,
      List<SpanReference> references) {

    SpanKey(Span span) {
      this(
          span.traceId(),
          span.spanId(),
          span.startTime(),
          span.process(),
          span.tags(),
          span.references());
    }

    /**
     * From the span ID and start time only: cheap (the tags and the process's tags are not hashed
     * span after span) and as good, as spans that differ there are rarely equal elsewhere; equal
     * keys still compare every component.
     */
    @Override
    public int hashCode() {
      return 31 * spanId.hashCode() + Long.hashCode(startTime);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SpanKey k
          && startTime == k.startTime
          && spanId.equals(k.spanId)
          && traceId.equals(k.traceId)
          && process.equals(k.process)
          && tags.equals(k.tags)
          && references.equals(k.references);
    }
  }

  private final String peerServiceTag;
  private final Map<LocalDate, Map<Pair, long[]>> counts = new TreeMap<>();

  public DependencyLinker() {
    this(DEFAULT_PEER_SERVICE_TAG);
  }

  public DependencyLinker(String peerServiceTag) {
    this.peerServiceTag = Objects.requireNonNull(peerServiceTag, "peerServiceTag");
  }

  /** Links of these traces, per UTC day, each day's links sorted by parent then child. */
  public static Map<LocalDate, List<DependencyLink>> byDay(Iterable<Trace> traces) {
    DependencyLinker links = new DependencyLinker();
    traces.forEach(links::add);
    return links.byDay();
  }

  /** Counts the links of one trace. */
  public void add(Trace trace) {
    // The job's unit of work: the spans of one trace ID within one day's index.
    Map<LocalDate, Map<TraceId, List<Span>>> groups = new TreeMap<>();
    for (Span span : trace.spans()) {
      groups
          .computeIfAbsent(day(span), d -> new LinkedHashMap<>())
          .computeIfAbsent(span.traceId(), id -> new ArrayList<>())
          .add(span);
    }
    groups.forEach(
        (day, byTrace) -> {
          Map<Pair, long[]> dayCounts = counts.computeIfAbsent(day, d -> new HashMap<>());
          for (List<Span> spans : byTrace.values()) {
            for (DependencyLink link : links(spans, peerServiceTag)) {
              dayCounts
                  .computeIfAbsent(new Pair(link.parent(), link.child()), p -> new long[1])[0]++;
            }
          }
        });
  }

  /** The links counted so far, per UTC day, each day's links sorted by parent then child. */
  public Map<LocalDate, List<DependencyLink>> byDay() {
    Map<LocalDate, List<DependencyLink>> result = new TreeMap<>();
    counts.forEach(
        (day, dayCounts) -> {
          List<DependencyLink> links = new ArrayList<>(dayCounts.size());
          dayCounts.forEach(
              (pair, n) -> links.add(new DependencyLink(pair.parent(), pair.child(), n[0])));
          links.sort(
              Comparator.comparing(DependencyLink::parent).thenComparing(DependencyLink::child));
          result.put(day, List.copyOf(links));
        });
    return result;
  }

  /**
   * The links counted so far, summed over every day, sorted by parent then child: the links the
   * daily job would have written for these traces, added up (a trace crossing midnight UTC is still
   * two units of work, as rule 1 of docs/DEPENDENCIES.md says).
   */
  public List<DependencyLink> total() {
    Map<Pair, Long> sums = new HashMap<>();
    counts.values().forEach(day -> day.forEach((pair, n) -> sums.merge(pair, n[0], Long::sum)));
    List<DependencyLink> links = new ArrayList<>(sums.size());
    sums.forEach((pair, n) -> links.add(new DependencyLink(pair.parent(), pair.child(), n)));
    links.sort(Comparator.comparing(DependencyLink::parent).thenComparing(DependencyLink::child));
    return List.copyOf(links);
  }

  /**
   * The links of one group of spans (one trace ID, one day), unmerged: each call counts 1, as
   * {@code SpansToDependencyLinks} emits them.
   */
  static List<DependencyLink> links(List<Span> spans, String peerServiceTag) {
    Set<SpanKey> seen = new HashSet<>();
    List<Span> unique = new ArrayList<>(spans.size());
    for (Span span : spans) {
      if (seen.add(new SpanKey(span))) {
        unique.add(span);
      }
    }
    Map<SpanId, List<Span>> byId = new LinkedHashMap<>();
    Set<SpanId> referenced = new HashSet<>();
    for (Span span : unique) {
      byId.computeIfAbsent(span.spanId(), id -> new ArrayList<>(1)).add(span);
      for (SpanReference reference : span.references()) {
        referenced.add(reference.spanId());
      }
    }
    List<DependencyLink> links = new ArrayList<>();
    for (List<Span> shared : byId.values()) {
      if (shared.size() > 1) {
        sharedSpanLink(shared, links);
      }
    }
    for (Span span : unique) {
      if (span.references().isEmpty()) {
        continue;
      }
      String service = span.process().serviceName();
      if (byId.get(span.spanId()).size() > 1 && !"client".equals(span.spanKind())) {
        continue; // the client side of a shared span carries the link to the parent
      }
      for (SpanReference reference : span.references()) {
        List<Span> parents = byId.get(reference.spanId());
        if (parents == null) {
          continue;
        }
        if (parents.size() > 1) {
          for (Span parent : parents) {
            if ("server".equals(parent.spanKind())) {
              links.add(link(parent.process().serviceName(), service));
              break;
            }
          }
        } else {
          links.add(link(parents.get(0).process().serviceName(), service));
        }
      }
      if (!referenced.contains(span.spanId())) {
        KeyValue peer = span.tag(peerServiceTag);
        if (peer != null) {
          links.add(link(service, peer.valueAsString()));
        }
      }
    }
    return links;
  }

  private static void sharedSpanLink(List<Span> shared, List<DependencyLink> links) {
    String client = null;
    String server = null;
    for (Span span : shared) {
      for (KeyValue tag : span.tags()) {
        String value = tag.valueAsString();
        if ("client".equals(value) || "producer".equals(value)) {
          client = span.process().serviceName();
        } else if ("server".equals(value) || "consumer".equals(value)) {
          server = span.process().serviceName();
        }
        if (client != null && server != null) {
          links.add(link(client, server));
          return;
        }
      }
    }
  }

  private static DependencyLink link(String parent, String child) {
    return new DependencyLink(parent, child, 1);
  }

  private static LocalDate day(Span span) {
    return LocalDate.ofEpochDay(Math.floorDiv(span.startTime(), 86_400_000_000L));
  }

  /** 00:00Z of the day: the timestamp the job gives that day's dependencies document. */
  public static Instant timestampOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
