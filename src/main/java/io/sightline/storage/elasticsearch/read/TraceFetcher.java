package io.sightline.storage.elasticsearch.read;

import com.fasterxml.jackson.core.JsonParser;
import io.sightline.storage.elasticsearch.client.EsClient;
import io.sightline.storage.elasticsearch.client.EsErrors;
import io.sightline.storage.elasticsearch.client.EsResponse;
import io.sightline.storage.elasticsearch.client.MultiSearchItem;
import io.sightline.storage.elasticsearch.document.SpanDecoder;
import io.sightline.storage.elasticsearch.dsl.MultiSearchHeader;
import io.sightline.storage.elasticsearch.index.TimeWindow;
import io.sightline.trace.ProcessMap;
import io.sightline.trace.ReadBudget;
import io.sightline.trace.Span;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.trace.TracedProcess;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Fetches whole traces with {@code _msearch} (docs/JAEGER-COMPAT.md §4.4, the v2.20+ algorithm):
 * one search per trace over every stored spelling of its ID, sorted by {@code [startTime, spanID]}
 * with an exact total, and follow-up pages with {@code search_after} only for the traces not yet
 * complete. However many spans a trace has, it comes back whole.
 *
 * <p>Each hit is decoded straight into a domain span while the response streams in and appended to
 * its trace's span list, so the spans exist once, as domain objects.
 *
 * <p>Each trace is charged to the request's {@link ReadBudget} as a whole when its exact total
 * arrives, before its hits are decoded (a wait or a refusal happens before the memory is used).
 *
 * <p><b>Paging without losing spans.</b> {@code search_after} is strict, so two documents with the
 * same {@code [startTime, spanID]} (a span stored twice, or client and server sharing a span ID and
 * a start time) split across pages would lose one. The next page therefore starts just
 * <em>before</em> the last sort values (the last span ID's immediate predecessor among possible
 * IDs), and hits seen at exactly those values are recognised by index and document ID and skipped.
 */
final class TraceFetcher {

  /** Spans charged at a time to the {@link ReadBudget} when the total does not cover them. */
  static final int CHARGE_WITHOUT_TOTAL = 256;

  /** Searches per {@code _msearch} request, bounding the size of one response. */
  static final int SEARCHES_PER_REQUEST = 50;

  /**
   * One trace to fetch.
   *
   * @param traceId the trace
   * @param indices where to look
   * @param window the span start window, or null for no time condition
   */
  record Target(TraceId traceId, List<String> indices, TimeWindow window) {
    Target {
      Objects.requireNonNull(traceId, "traceId");
      indices = List.copyOf(indices);
    }
  }

  private final EsClient client;
  private final SpanQueries queries;
  private final String dotReplacement;
  private final int pageSize;

  /**
   * @param dotReplacement {@code ES_TAGS_AS_FIELDS_DOT_REPLACEMENT}
   */
  TraceFetcher(EsClient client, SpanQueries queries, String dotReplacement, int pageSize) {
    this.client = client;
    this.queries = queries;
    this.dotReplacement = dotReplacement;
    this.pageSize = pageSize;
  }

  /**
   * The traces, in target order; traces without any span are left out.
   *
   * @throws io.sightline.trace.StorageException when a request or one of its searches fails
   */
  List<Trace> fetch(List<Target> targets) {
    List<Progress> all = new ArrayList<>(targets.size());
    for (Target target : targets) {
      all.add(new Progress(target));
    }
    List<Progress> pending = new ArrayList<>(all);
    while (!pending.isEmpty()) {
      for (int from = 0; from < pending.size(); from += SEARCHES_PER_REQUEST) {
        round(pending.subList(from, Math.min(pending.size(), from + SEARCHES_PER_REQUEST)));
      }
      List<Progress> next = new ArrayList<>();
      for (Progress progress : pending) {
        if (progress.needsAnotherPage(pageSize)) {
          next.add(progress);
        }
      }
      pending = next;
    }
    List<Trace> traces = new ArrayList<>(all.size());
    for (Progress progress : all) {
      if (!progress.spans.isEmpty()) {
        traces.add(progress.trace());
      }
    }
    return traces;
  }

  /**
   * The traces a batch at a time: each {@code next()} fetches the next {@link
   * #SEARCHES_PER_REQUEST} targets whole, as {@link #fetch} does.
   */
  Iterator<List<Trace>> inBatches(List<Target> targets) {
    List<Target> all = List.copyOf(targets);
    return new Iterator<>() {
      private int from;

      @Override
      public boolean hasNext() {
        return from < all.size();
      }

      @Override
      public List<Trace> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        int to = Math.min(all.size(), from + SEARCHES_PER_REQUEST);
        List<Trace> batch = fetch(all.subList(from, to));
        from = to;
        return batch;
      }
    };
  }

  /** One {@code _msearch} with the next page of each of these traces. */
  private void round(List<Progress> batch) {
    List<MultiSearchItem> items = new ArrayList<>(batch.size());
    for (Progress progress : batch) {
      progress.startPage();
      Target target = progress.target;
      items.add(
          new MultiSearchItem(
              MultiSearchHeader.of(target.indices()),
              queries.tracePage(
                  target.traceId(), target.window(), pageSize, progress.searchAfter())));
    }
    String operation = "fetching " + batch.size() + (batch.size() == 1 ? " trace" : " traces");
    try (EsResponse response = client.msearch(items, Map.of());
        JsonParser parser = response.parser()) {
      new SearchHitsReader(new SpanDecoder(dotReplacement))
          .readMultiSearch(
              parser,
              operation,
              new SearchHitsReader.Sink() {
                @Override
                public void total(int item, long total) {
                  batch.get(item).total(total);
                }

                @Override
                public TraceId traceId(int item) {
                  return batch.get(item).target.traceId();
                }

                @Override
                public void hit(int item, String index, String id, Span span, List<Object> sort) {
                  batch.get(item).accept(index, id, span, sort);
                }
              });
    } catch (IOException e) {
      throw EsErrors.whileReading(operation, e);
    }
  }

  /** What has been fetched of one trace. */
  private static final class Progress {
    final Target target;
    final List<Span> spans = new ArrayList<>();

    /** One process instance per distinct process of the trace (memory, and faster adjusting). */
    final Function<TracedProcess, TracedProcess> processes = ProcessMap.canonical();

    long total = -1;

    /** Spans charged to the request's {@link ReadBudget} for this trace so far. */
    long charged;

    int pageHits;
    int pageNew;

    /** Sort values of the last hit: [startTime (long), spanID (string)]. */
    List<Object> lastSort;

    /** Hits (index/id) seen with exactly {@link #lastSort}. */
    final Set<String> atLastSort = new HashSet<>();

    boolean stalled;

    /** Continue strictly after the last sort values (see {@link #needsAnotherPage}). */
    boolean strictNext;

    Progress(Target target) {
      this.target = target;
    }

    /** The exact total arrives before the hits: the whole trace is charged before it is read. */
    void total(long total) {
      this.total = total;
      charge(total);
    }

    private void charge(long upTo) {
      if (upTo > charged) {
        ReadBudget.charge(upTo - charged);
        charged = upTo;
      }
    }

    void startPage() {
      pageHits = 0;
      pageNew = 0;
    }

    void accept(String index, String id, Span span, List<Object> sort) {
      pageHits++;
      String key = index + "/" + id;
      boolean sameAsLast = lastSort != null && lastSort.equals(sort);
      if (sameAsLast && atLastSort.contains(key)) {
        return; // already read on the previous page
      }
      if (!sameAsLast) {
        lastSort = sort;
        atLastSort.clear();
      }
      atLastSort.add(key);
      if (span == null) {
        return;
      }
      if (spans.size() >= charged) {
        charge(charged + CHARGE_WITHOUT_TOTAL); // more spans than the total said, or no total
      }
      spans.add(ProcessMap.withCanonicalProcess(span, processes));
      pageNew++;
    }

    boolean needsAnotherPage(int pageSize) {
      if (pageHits < pageSize || (total >= 0 && spans.size() >= total)) {
        return false;
      }
      if (lastSort == null || lastSort.size() < 2) {
        stalled = true;
        return false;
      }
      if (pageNew == 0) {
        if (strictNext) {
          stalled = true; // nothing new even past the tie: stop rather than loop
          return false;
        }
        // The whole page was the tie at the boundary (as many equal [startTime, spanID] as a
        // page holds): step strictly past it, at the risk of skipping an exact duplicate.
        strictNext = true;
        return true;
      }
      strictNext = false;
      return true;
    }

    List<Object> searchAfter() {
      if (lastSort == null) {
        return null;
      }
      Object spanId = lastSort.get(1);
      String id = spanId instanceof String s ? s : "";
      List<Object> after = new ArrayList<>(2);
      after.add(lastSort.get(0));
      after.add(strictNext ? id : predecessor(id));
      return after;
    }

    Trace trace() {
      if (stalled || total > spans.size()) {
        return new Trace(
            spans,
            List.of(
                "only "
                    + spans.size()
                    + " of the trace's "
                    + total
                    + " stored spans could be read"));
      }
      return Trace.of(spans);
    }
  }

  /**
   * A string just before {@code id} in Elasticsearch's keyword order (UTF-8 bytes), with no span ID
   * in between: the last character decremented followed by U+FFFF, or {@code id} without a last
   * U+0000. {@code ""} for {@code ""}.
   */
  static String predecessor(String id) {
    if (id.isEmpty()) {
      return "";
    }
    char last = id.charAt(id.length() - 1);
    String head = id.substring(0, id.length() - 1);
    return last == 0 ? head : head + (char) (last - 1) + '\uffff';
  }
}
