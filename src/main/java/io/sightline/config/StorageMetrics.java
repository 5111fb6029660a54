package io.sightline.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sightline.trace.ArchiveStorage;
import io.sightline.trace.DependencyLink;
import io.sightline.trace.DependencyQuery;
import io.sightline.trace.DependencyReader;
import io.sightline.trace.InvalidQueryException;
import io.sightline.trace.Operation;
import io.sightline.trace.RequestCancelledException;
import io.sightline.trace.SpanReader;
import io.sightline.trace.StorageException;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.trace.TraceLookup;
import io.sightline.trace.TraceQuery;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Times every read of the trace store, so that the admin port's {@code /metrics} shows how the
 * store behaves: the timer {@value #TIMER} ({@code sightline_storage_requests_seconds} in
 * Prometheus), tagged with the store ({@code span}, {@code archive}, {@code dependencies}), the
 * operation ({@code getServices}, {@code findTraces}, …) and the outcome ({@code success}, or the
 * kind of failure: {@code unavailable}, {@code timeout}, {@code failed}, {@code invalid}, {@code
 * error}, {@code cancelled}: the client went away). The readers are wrapped where the use cases are
 * built, so the stores know nothing of metrics.
 */
final class StorageMetrics {

  static final String TIMER = "sightline.storage.requests";

  private final MeterRegistry registry;

  StorageMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  SpanReader timed(SpanReader reader, String store) {
    return new TimedSpanReader(reader, store);
  }

  DependencyReader timed(DependencyReader reader) {
    return new TimedDependencyReader(reader);
  }

  ArchiveStorage timed(ArchiveStorage archive) {
    return archive == null
        ? null
        : new ArchiveStorage(timed(archive.reader(), "archive"), archive.writer());
  }

  private <T> T time(String store, String operation, Supplier<T> call) {
    long start = System.nanoTime();
    String outcome = "success";
    try {
      return call.get();
    } catch (RequestCancelledException e) {
      outcome = "cancelled";
      throw e;
    } catch (StorageException e) {
      outcome = e.kind().name().toLowerCase(Locale.ROOT);
      throw e;
    } catch (InvalidQueryException e) {
      outcome = "invalid";
      throw e;
    } catch (RuntimeException | Error e) {
      outcome = "error";
      throw e;
    } finally {
      Timer.builder(TIMER)
          .description("Reads of the trace store")
          .tags("store", store, "operation", operation, "outcome", outcome)
          .publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofMillis(1))
          .maximumExpectedValue(Duration.ofSeconds(30))
          .register(registry)
          .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  private final class TimedSpanReader implements SpanReader {
    private final SpanReader reader;
    private final String store;

    TimedSpanReader(SpanReader reader, String store) {
      this.reader = reader;
      this.store = store;
    }

    @Override
    public List<String> getServices() {
      return time(store, "getServices", reader::getServices);
    }

    @Override
    public List<Operation> getOperations(String service, String spanKind) {
      return time(store, "getOperations", () -> reader.getOperations(service, spanKind));
    }

    @Override
    public List<TraceId> findTraceIds(TraceQuery query) {
      return time(store, "findTraceIds", () -> reader.findTraceIds(query));
    }

    @Override
    public List<Trace> findTraces(TraceQuery query) {
      return time(store, "findTraces", () -> reader.findTraces(query));
    }

    /**
     * A streamed search is timed in parts: its start (the trace ID search, for Elasticsearch) as
     * {@code findTraceBatches}, then each batch of traces as {@code nextTraceBatch}, so that a
     * search of 1,500 traces counts as one search and 30 batches, not 31 searches.
     */
    @Override
    public Iterator<List<Trace>> findTraceBatches(TraceQuery query) {
      Iterator<List<Trace>> batches =
          time(store, "findTraceBatches", () -> reader.findTraceBatches(query));
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return batches.hasNext();
        }

        @Override
        public List<Trace> next() {
          return time(store, "nextTraceBatch", batches::next);
        }
      };
    }

    @Override
    public List<Trace> getTraces(List<TraceLookup> lookups) {
      return time(store, "getTraces", () -> reader.getTraces(lookups));
    }
  }

  private final class TimedDependencyReader implements DependencyReader {
    private final DependencyReader reader;

    TimedDependencyReader(DependencyReader reader) {
      this.reader = reader;
    }

    @Override
    public List<DependencyLink> getDependencies(DependencyQuery query) {
      return time("dependencies", "getDependencies", () -> reader.getDependencies(query));
    }
  }
}
