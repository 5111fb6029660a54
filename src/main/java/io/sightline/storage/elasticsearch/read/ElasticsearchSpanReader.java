package io.sightline.storage.elasticsearch.read;

import com.fasterxml.jackson.databind.JsonNode;
import io.sightline.storage.elasticsearch.client.EsClient;
import io.sightline.storage.elasticsearch.client.EsResponse;
import io.sightline.storage.elasticsearch.client.EsStatusException;
import io.sightline.storage.elasticsearch.dsl.SearchBody;
import io.sightline.storage.elasticsearch.index.IndexRotation;
import io.sightline.storage.elasticsearch.index.IndexRotation.Kind;
import io.sightline.storage.elasticsearch.index.TimeWindow;
import io.sightline.trace.InvalidQueryException;
import io.sightline.trace.Operation;
import io.sightline.trace.SpanReader;
import io.sightline.trace.StorageException;
import io.sightline.trace.TagValuePattern;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.trace.TraceLookup;
import io.sightline.trace.TraceQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Jaeger's span and service indices (docs/JAEGER-COMPAT.md §4): services and operations from
 * the service index, trace searches as a {@code traceID} terms aggregation over the span index, and
 * whole traces with {@code _msearch}.
 */
public final class ElasticsearchSpanReader implements SpanReader {

  private static final Logger log = LoggerFactory.getLogger(ElasticsearchSpanReader.class);

  /** Query string of every {@code _search}: missing daily indices are no error. */
  static final Map<String, String> SEARCH_PARAMS =
      Map.of("ignore_unavailable", "true", "rest_total_hits_as_int", "true");

  /** Trace-by-ID hints before this are not plausible (a millisecond value read as µs, say). */
  private static final Instant EARLIEST_PLAUSIBLE = Instant.parse("2000-01-01T00:00:00Z");

  private final EsClient client;
  private final IndexRotation rotation;
  private final SpanQueries queries;
  private final ReadSettings settings;
  private final TraceFetcher fetcher;
  private final Clock clock;

  /**
   * @param dotReplacement {@code ES_TAGS_AS_FIELDS_DOT_REPLACEMENT}
   */
  public ElasticsearchSpanReader(
      EsClient client,
      IndexRotation rotation,
      ReadSettings settings,
      String dotReplacement,
      Clock clock) {
    this.client = client;
    this.rotation = rotation;
    this.queries = new SpanQueries(dotReplacement);
    this.settings = settings;
    this.fetcher = new TraceFetcher(client, queries, dotReplacement, settings.maxDocCount());
    this.clock = clock;
  }

  @Override
  public List<String> getServices() {
    return bucketKeys(
        "search services",
        Kind.SERVICE,
        queries.services(settings.maxDocCount()),
        SpanQueries.SERVICES_AGGREGATION,
        Function.identity());
  }

  /**
   * Elasticsearch stores no span kinds: {@code spanKind} is ignored and every kind is {@code ""}.
   */
  @Override
  public List<Operation> getOperations(String service, String spanKind) {
    return bucketKeys(
        "search operations",
        Kind.SERVICE,
        queries.operations(service, settings.maxDocCount()),
        SpanQueries.OPERATIONS_AGGREGATION,
        name -> new Operation(name, ""));
  }

  private <T> List<T> bucketKeys(
      String operation, Kind kind, SearchBody body, String aggregation, Function<String, T> map) {
    Instant now = clock.instant();
    List<String> indices = rotation.readIndices(kind, now.minus(settings.maxSpanAge()), now);
    if (indices.isEmpty()) {
      return List.of();
    }
    JsonNode response;
    try (EsResponse r = client.search(indices, body, SEARCH_PARAMS)) {
      response = r.tree();
    }
    JsonNode aggregations = response.get("aggregations");
    if (aggregations == null || aggregations.isNull()) {
      return List.of();
    }
    JsonNode buckets = aggregations.path(aggregation).get("buckets");
    if (buckets == null) {
      throw new StorageException(
          StorageException.Kind.FAILED,
          operation + " failed: could not find aggregation of " + aggregation);
    }
    List<T> out = new ArrayList<>(buckets.size());
    for (JsonNode bucket : buckets) {
      out.add(map.apply(bucket.path("key").asText()));
    }
    return out;
  }

  @Override
  public List<TraceId> findTraceIds(TraceQuery query) {
    // Validated as Elasticsearch would, so a bad pattern is the client's error (400), never ours.
    query.tags().forEach(TagValuePattern::compile);
    List<String> indices =
        rotation.readIndices(Kind.SPAN, query.startTimeMin(), query.startTimeMax());
    JsonNode response;
    try (EsResponse r = client.search(indices, queries.findTraceIds(query), SEARCH_PARAMS)) {
      response = r.tree();
    } catch (EsStatusException e) {
      if (e.status() == 400 && !query.tags().isEmpty()) {
        throw new InvalidQueryException(
            "tags",
            "the storage rejected the tag query " + query.tags().keySet() + ": " + e.getMessage());
      }
      throw e;
    }
    JsonNode buckets =
        response.path("aggregations").path(SpanQueries.TRACE_IDS_AGGREGATION).path("buckets");
    // Legacy (stripped) and padded spellings of one ID are separate buckets: keep the first.
    Set<TraceId> ids = new LinkedHashSet<>();
    for (JsonNode bucket : buckets) {
      String key = bucket.path("key").asText();
      try {
        ids.add(TraceId.parse(key));
      } catch (IllegalArgumentException e) {
        log.debug("skipping unparseable trace ID {}", key);
      }
    }
    return List.copyOf(ids);
  }

  @Override
  public List<Trace> findTraces(TraceQuery query) {
    List<TraceFetcher.Target> targets = searchTargets(query);
    return targets.isEmpty() ? List.of() : fetcher.fetch(targets);
  }

  @Override
  public Iterator<List<Trace>> findTraceBatches(TraceQuery query) {
    return fetcher.inBatches(searchTargets(query));
  }

  /** The traces a search finds, each to be fetched whole from the search's (padded) window. */
  private List<TraceFetcher.Target> searchTargets(TraceQuery query) {
    List<TraceId> ids = findTraceIds(query);
    if (ids.isEmpty()) {
      return List.of();
    }
    TimeWindow window =
        new TimeWindow(query.startTimeMin(), query.startTimeMax()).pad(settings.maxTraceDuration());
    List<String> indices = rotation.readIndices(Kind.SPAN, window.start(), window.end());
    List<TraceFetcher.Target> targets = new ArrayList<>(ids.size());
    for (TraceId id : ids) {
      targets.add(new TraceFetcher.Target(id, indices, window));
    }
    return targets;
  }

  /**
   * Looks in {@code [now − maxSpanAge, now]}, widened by the max trace duration (no time limit
   * through aliases or in the archive). A lookup's start/end widen that window when plausible, so a
   * trace older than the max span age can be found with them, but they never narrow it: Grafana
   * sends milliseconds where microseconds belong, and a bad hint must not hide a trace.
   */
  @Override
  public List<Trace> getTraces(List<TraceLookup> lookups) {
    Map<TraceId, TraceLookup> unique = new LinkedHashMap<>();
    for (TraceLookup lookup : lookups) {
      unique.putIfAbsent(lookup.traceId(), lookup);
    }
    if (unique.isEmpty()) {
      return List.of();
    }
    Instant now = clock.instant();
    TimeWindow defaultWindow =
        new TimeWindow(now.minus(settings.maxSpanAge()), now).pad(settings.maxTraceDuration());
    List<String> defaultIndices =
        rotation.readIndices(Kind.SPAN, defaultWindow.start(), defaultWindow.end());
    List<TraceFetcher.Target> targets = new ArrayList<>(unique.size());
    for (TraceLookup lookup : unique.values()) {
      if (!settings.timeWindows()) {
        targets.add(new TraceFetcher.Target(lookup.traceId(), defaultIndices, null));
        continue;
      }
      TimeWindow hint = plausibleHint(lookup, now);
      if (hint == null) {
        targets.add(new TraceFetcher.Target(lookup.traceId(), defaultIndices, defaultWindow));
      } else {
        TimeWindow padded = hint.pad(settings.maxTraceDuration());
        Set<String> indices = new LinkedHashSet<>(defaultIndices);
        indices.addAll(rotation.readIndices(Kind.SPAN, padded.start(), padded.end()));
        targets.add(
            new TraceFetcher.Target(
                lookup.traceId(), List.copyOf(indices), defaultWindow.hull(padded)));
      }
    }
    return fetcher.fetch(targets);
  }

  /** The lookup's window when it makes sense as span start times, else null. */
  private TimeWindow plausibleHint(TraceLookup lookup, Instant now) {
    Instant start = lookup.start();
    Instant end = lookup.end();
    if (start == null && end == null) {
      return null;
    }
    if (start == null) {
      start = end.minus(settings.maxSpanAge());
    }
    if (end == null) {
      end = now;
    }
    Instant latest = now.plus(settings.maxTraceDuration());
    if (start.isBefore(EARLIEST_PLAUSIBLE) || end.isAfter(latest) || end.isBefore(start)) {
      return null;
    }
    return new TimeWindow(start, end);
  }
}
