package io.sightline.storage.elasticsearch.read;

import com.fasterxml.jackson.core.JsonParser;
import io.sightline.storage.elasticsearch.client.EsClient;
import io.sightline.storage.elasticsearch.client.EsErrors;
import io.sightline.storage.elasticsearch.client.EsPaths;
import io.sightline.storage.elasticsearch.client.EsResponse;
import io.sightline.storage.elasticsearch.client.EsStatusException;
import io.sightline.storage.elasticsearch.client.JsonCodec;
import io.sightline.storage.elasticsearch.document.SpanDecoder;
import io.sightline.storage.elasticsearch.index.IndexRotation;
import io.sightline.storage.elasticsearch.index.IndexRotation.Kind;
import io.sightline.trace.ProcessMap;
import io.sightline.trace.Span;
import io.sightline.trace.SpanScanner;
import io.sightline.trace.StorageException;
import io.sightline.trace.TraceId;
import io.sightline.trace.TracedProcess;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scans the spans that started within a time range sorted by {@code traceID}, page by page, and
 * hands them on one trace at a time: memory holds one page of hits and one trace whatever the range
 * holds.
 *
 * <p>Elasticsearch 8 and later: a point-in-time over the span indices of the range and {@code
 * search_after} pages sorted by {@code traceID} then {@code _shard_doc}. OpenSearch (whose
 * point-in-time API differs, and 1.x has none) and Elasticsearch 7: a scroll sorted by {@code
 * traceID}. Both read a consistent snapshot, so spans written meanwhile neither move nor repeat.
 */
public final class ElasticsearchSpanScanner implements SpanScanner {

  private static final Logger log = LoggerFactory.getLogger(ElasticsearchSpanScanner.class);
  private static final String KEEP_ALIVE = "5m";
  private static final String OPERATION = "scanning spans";

  private final EsClient client;
  private final IndexRotation rotation;
  private final String dotReplacement;
  private final int pageSize;
  private final int slices;

  /**
   * @param pageSize hits per request
   */
  public ElasticsearchSpanScanner(
      EsClient client, IndexRotation rotation, String dotReplacement, int pageSize) {
    this(client, rotation, dotReplacement, pageSize, 1);
  }

  /**
   * @param pageSize hits per request (per slice)
   * @param slices how many slices of the point-in-time to scan in parallel (Elasticsearch 8 and
   *     later; elsewhere one scroll): each is read in {@code traceID} order and the slices are
   *     merged by {@code traceID} ({@link SlicedScan})
   */
  public ElasticsearchSpanScanner(
      EsClient client, IndexRotation rotation, String dotReplacement, int pageSize, int slices) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("page size must be positive: " + pageSize);
    }
    if (slices < 1) {
      throw new IllegalArgumentException("slices must be positive: " + slices);
    }
    this.client = client;
    this.rotation = rotation;
    this.dotReplacement = dotReplacement;
    this.pageSize = pageSize;
    this.slices = slices;
  }

  @Override
  public long scan(Instant start, Instant end, Listener listener) {
    List<String> indices = rotation.readIndices(Kind.SPAN, start, end.minusMillis(1));
    Map<String, Object> query =
        Map.of(
            "range",
            Map.of(
                "startTimeMillis", Map.of("gte", start.toEpochMilli(), "lt", end.toEpochMilli())));
    boolean pointInTime = !client.serverInfo().isOpenSearch() && client.serverInfo().major() >= 8;
    if (pointInTime && slices > 1) {
      String pit = openPointInTime(indices);
      if (pit == null) {
        return 0;
      }
      try {
        return new SlicedScan(this, pit, query, slices).run(listener);
      } finally {
        release("DELETE", "/_pit", Map.of("id", pit));
      }
    }
    Grouping grouping = new Grouping(listener);
    if (pointInTime) {
      scanPointInTime(indices, query, grouping);
    } else {
      scanScroll(indices, query, grouping);
    }
    grouping.finish();
    return grouping.read;
  }

  /** Opens a point-in-time over the indices; {@code null} when none of them exists. */
  private String openPointInTime(List<String> indices) {
    try (EsResponse response =
        client.execute(
            "POST",
            EsPaths.path(EsPaths.indices(indices), "_pit"),
            Map.of("keep_alive", KEEP_ALIVE, "ignore_unavailable", "true"),
            null)) {
      return response.tree().path("id").asText();
    } catch (EsStatusException e) {
      if (e.status() == 404) {
        return null; // no span index for the range: nothing to scan
      }
      throw e;
    }
  }

  /**
   * The unsliced point-in-time scan: each page is fetched while the one before is decoded and
   * linked ({@link PageAhead}), so Elasticsearch's search of page n+1 and the job's work on page n
   * overlap; at most two raw pages exist at once.
   */
  private void scanPointInTime(List<String> indices, Object query, Grouping grouping) {
    String pit = openPointInTime(indices);
    if (pit == null) {
      return;
    }
    AtomicReference<String> latest = new AtomicReference<>(pit);
    try (PageAhead pages =
        new PageAhead(
            pit,
            (id, after) -> {
              latest.set(id);
              return pointInTimeBody(id, query, after, -1);
            })) {
      while (true) {
        Page page = decode(pages.next(), grouping);
        grouping.listener.read(grouping.read);
        if (page.hits < pageSize || page.lastSort.isEmpty()) {
          return;
        }
      }
    } finally {
      release("DELETE", "/_pit", Map.of("id", latest.get()));
    }
  }

  private void scanScroll(List<String> indices, Object query, Grouping grouping) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("size", pageSize);
    body.put("query", query);
    body.put("sort", List.of(Map.of("traceID", "asc")));
    body.put("track_total_hits", true);
    Page page;
    try {
      page =
          page(
              "POST",
              EsPaths.path(EsPaths.indices(indices), "_search"),
              Map.of("scroll", KEEP_ALIVE, "ignore_unavailable", "true"),
              body,
              grouping);
      grouping.listener.read(grouping.read);
    } catch (EsStatusException e) {
      if (e.status() == 404) {
        return;
      }
      throw e;
    }
    String scroll = page.continuation;
    try {
      while (page.hits > 0 && scroll != null) {
        page =
            page(
                "POST",
                "/_search/scroll",
                Map.of(),
                Map.of("scroll", KEEP_ALIVE, "scroll_id", scroll),
                grouping);
        grouping.listener.read(grouping.read);
        scroll = page.continuation == null ? scroll : page.continuation;
      }
    } finally {
      if (scroll != null) {
        release("DELETE", "/_search/scroll", Map.of("scroll_id", List.of(scroll)));
      }
    }
  }

  /**
   * One page of a point-in-time scan sorted by {@code traceID} then {@code _shard_doc}.
   *
   * @param after the previous page's last sort values, {@code null} for the first page (which asks
   *     for the total)
   * @param slice the slice of {@link #slices} to read, {@code -1} for all
   */
  Page pointInTimePage(String pit, Object query, List<Object> after, int slice, Hits hits) {
    return page("POST", "/_search", Map.of(), pointInTimeRequest(pit, query, after, slice), hits);
  }

  /** The raw body of one point-in-time page (see {@link #pointInTimePage}), read whole. */
  private byte[] pointInTimeBody(String pit, Object query, List<Object> after, int slice) {
    try (EsResponse response =
        client.execute(
            "POST", "/_search", Map.of(), pointInTimeRequest(pit, query, after, slice))) {
      return response.bytes();
    }
  }

  private Map<String, Object> pointInTimeRequest(
      String pit, Object query, List<Object> after, int slice) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("size", pageSize);
    body.put("query", query);
    body.put("pit", Map.of("id", pit, "keep_alive", KEEP_ALIVE));
    if (slice >= 0) {
      body.put("slice", Map.of("id", slice, "max", slices));
    }
    body.put("sort", List.of(Map.of("traceID", "asc"), Map.of("_shard_doc", "asc")));
    body.put("track_total_hits", after == null);
    if (after != null) {
      body.put("search_after", after);
    }
    return body;
  }

  int pageSize() {
    return pageSize;
  }

  /** Receives one page's hits as they are parsed. */
  interface Hits {

    /** The total number of hits (the first page). */
    void total(long total);

    /**
     * One hit.
     *
     * @param span the span, {@code null} when the hit could not be decoded
     * @param sort its sort values
     */
    void add(Span span, List<Object> sort);
  }

  /** One request; its hits go to {@code hits} as they are parsed. */
  private Page page(
      String method, String path, Map<String, String> params, Object body, Hits hits) {
    try (EsResponse response = client.execute(method, path, params, body);
        JsonParser parser = response.parser()) {
      return read(parser, hits);
    } catch (IOException e) {
      throw EsErrors.whileReading(OPERATION, e);
    }
  }

  /** A page read whole beforehand; its hits go to {@code hits}. */
  private Page decode(byte[] body, Hits hits) {
    try (JsonParser parser = JsonCodec.mapper().getFactory().createParser(body)) {
      return read(parser, hits);
    } catch (IOException e) {
      throw EsErrors.whileReading(OPERATION, e);
    }
  }

  private Page read(JsonParser parser, Hits hits) throws IOException {
    Page page = new Page();
    new SearchHitsReader(SpanDecoder.forLinking(dotReplacement))
        .readSearch(
            parser,
            OPERATION,
            new SearchHitsReader.Sink() {
              @Override
              public void total(int item, long total) {
                hits.total(total);
              }

              @Override
              public TraceId traceId(int item) {
                return null; // a document without a usable traceID cannot be grouped
              }

              @Override
              public void hit(int item, String index, String id, Span span, List<Object> sort) {
                page.hits++;
                page.lastSort = sort;
                hits.add(span, sort);
              }

              @Override
              public void continuation(String id) {
                page.continuation = id;
              }
            });
    return page;
  }

  /** Frees a point-in-time or scroll; failing to is logged, not fatal (they expire). */
  private void release(String method, String path, Object body) {
    try {
      client.execute(method, path, Map.of(), body).close();
    } catch (StorageException e) {
      log.debug("could not release {}: {}", path, e.getMessage());
    }
  }

  static final class Page {
    int hits;
    List<Object> lastSort = List.of();
    String continuation;
  }

  /** Collects consecutive hits of one {@code traceID} and hands each trace on when it ends. */
  private static final class Grouping implements Hits {
    final Listener listener;
    long read;
    long skipped;
    boolean totalGiven;
    TraceId traceId;
    List<Span> spans = new ArrayList<>();
    Function<TracedProcess, TracedProcess> processes = ProcessMap.canonical();

    Grouping(Listener listener) {
      this.listener = listener;
    }

    @Override
    public void total(long total) {
      if (!totalGiven) {
        totalGiven = true;
        listener.total(total);
      }
    }

    @Override
    public void add(Span span, List<Object> sort) {
      read++;
      if (span == null) {
        skipped++;
        return;
      }
      if (!span.traceId().equals(traceId)) {
        flush();
        traceId = span.traceId();
      }
      spans.add(ProcessMap.withCanonicalProcess(span, processes));
    }

    void flush() {
      if (!spans.isEmpty()) {
        listener.trace(spans);
        spans = new ArrayList<>();
        processes = ProcessMap.canonical();
      }
    }

    void finish() {
      flush();
      if (skipped > 0) {
        log.warn("{} span documents without a traceID were skipped", skipped);
      }
    }
  }
}
