package io.sightline.web.trace;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.trace.TraceLookup;
import io.sightline.trace.TraceService;
import io.sightline.web.TraceNotFoundException;
import io.sightline.web.WebUiProperties;
import io.sightline.web.upload.Uploads;
import java.time.Duration;
import java.time.Instant;

/**
 * Assembled trace views, cached briefly. Opening a trace page fetches the trace afresh (a reload
 * must show spans that arrived since) and caches its view; the requests the page then makes —
 * timeline data, span details, find — read the cached view instead of storage. The cache is bounded
 * by the total number of spans in it, not by the number of traces.
 */
class TraceViews {

  private final TraceService traces;
  private final Cache<Key, TraceView> cache;

  /** A cached view: a trace of the store ({@code upload} null) or of an uploaded file. */
  private record Key(TraceId traceId, String upload) {}

  /**
   * Where each recently opened trace lies in time, kept much longer than the views: the page's
   * later requests (timeline data, details, other views) fetch again with it when the view has left
   * the cache, so a trace older than the store's default lookup window keeps opening.
   */
  private final Cache<TraceId, TraceLookup> windows =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterAccess(Duration.ofHours(6)).build();

  TraceViews(TraceService traces, WebUiProperties properties) {
    this.traces = traces;
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(Math.max(0, properties.traceCacheMaxSpans()))
            .<Key, TraceView>weigher((key, view) -> view.size())
            .expireAfterWrite(properties.traceCacheTtl())
            .build();
  }

  /**
   * A freshly assembled view and what it took.
   *
   * @param view the view
   * @param fetchNanos time spent fetching the trace from storage
   * @param assembleNanos time spent assembling the view
   * @param fromArchive whether the trace store lacked the trace and the archive had it
   */
  record Fresh(TraceView view, long fetchNanos, long assembleNanos, boolean fromArchive) {}

  /**
   * Fetches and assembles the trace, replacing any cached view.
   *
   * @param lookup the trace, with the time window its link gave, if any
   * @throws TraceNotFoundException when no store has it
   */
  Fresh fresh(TraceLookup lookup) {
    TraceId traceId = lookup.traceId();
    if (lookup.start() == null && lookup.end() == null) {
      TraceLookup remembered = windows.getIfPresent(traceId);
      lookup = remembered != null ? remembered : lookup;
    }
    long started = System.nanoTime();
    // Adjusted as GET /api/traces/{id} returns it; from the archive when the store lacks it.
    TraceService.Fetched found =
        traces
            .fetchTrace(lookup, false)
            .filter(f -> !f.trace().spans().isEmpty())
            .orElseThrow(() -> new TraceNotFoundException(traceId));
    Trace trace = found.trace();
    long fetched = System.nanoTime();
    TraceView view = TraceViewAssembler.assemble(trace);
    long assembled = System.nanoTime();
    cache.put(new Key(traceId, null), view);
    long start = view.header.startMicros();
    windows.put(
        traceId,
        new TraceLookup(traceId, micros(start), micros(start + view.header.durationMicros())));
    return new Fresh(view, fetched - started, assembled - fetched, found.fromArchive());
  }

  /** The cached view, or a freshly fetched one when none is cached. */
  TraceView cached(TraceId traceId) {
    TraceView view = cache.getIfPresent(new Key(traceId, null));
    return view != null ? view : fresh(TraceLookup.of(traceId)).view();
  }

  /**
   * The view of a trace of an uploaded file, assembled once and cached like the store's.
   *
   * @throws io.sightline.web.NotFoundException when the file has no such trace
   */
  TraceView uploaded(Uploads.Upload upload, TraceId traceId) {
    Trace trace = upload.trace(traceId);
    return cache.get(new Key(traceId, upload.key()), key -> TraceViewAssembler.assemble(trace));
  }

  private static Instant micros(long micros) {
    return Instant.EPOCH.plusNanos(Math.multiplyExact(micros, 1_000L));
  }
}
