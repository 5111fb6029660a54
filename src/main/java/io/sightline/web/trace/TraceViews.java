package io.sightline.web.trace;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.sightline.trace.TraceId;
import io.sightline.web.TraceNotFoundException;
import io.sightline.web.WebUiProperties;
import org.springframework.stereotype.Component;

/**
 * Assembled trace views, cached briefly. Opening a trace page fetches the trace afresh (a reload
 * must show spans that arrived since) and caches its view; the requests the page then makes —
 * timeline data, span details, find — read the cached view instead of storage. The cache is bounded
 * by the total number of spans in it, not by the number of traces.
 */
@Component
class TraceViews {

  private final TraceFetcher fetcher;
  private final Cache<TraceId, TraceView> cache;

  TraceViews(TraceFetcher fetcher, WebUiProperties properties) {
    this.fetcher = fetcher;
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(Math.max(0, properties.traceCacheMaxSpans()))
            .<TraceId, TraceView>weigher((id, view) -> view.size())
            .expireAfterWrite(properties.traceCacheTtl())
            .build();
  }

  /**
   * Fetches and assembles the trace, replacing any cached view.
   *
   * @throws TraceNotFoundException when no store has it
   */
  TraceView fresh(TraceId traceId) {
    TraceView view = assemble(traceId);
    cache.put(traceId, view);
    return view;
  }

  /** The cached view, or a freshly fetched one when none is cached. */
  TraceView cached(TraceId traceId) {
    TraceView view = cache.getIfPresent(traceId);
    return view != null ? view : fresh(traceId);
  }

  private TraceView assemble(TraceId traceId) {
    return TraceViewAssembler.assemble(
        fetcher.fetch(traceId).orElseThrow(() -> new TraceNotFoundException(traceId)));
  }
}
