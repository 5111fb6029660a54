package io.sightline.storage.elasticsearch.read;

import static io.sightline.storage.elasticsearch.dsl.FieldQuery.Kind.MATCH;
import static io.sightline.storage.elasticsearch.dsl.FieldQuery.Kind.REGEXP;

import io.sightline.storage.elasticsearch.dsl.Aggregation;
import io.sightline.storage.elasticsearch.dsl.Aggregation.BucketOrder;
import io.sightline.storage.elasticsearch.dsl.BoolQuery;
import io.sightline.storage.elasticsearch.dsl.FieldQuery;
import io.sightline.storage.elasticsearch.dsl.NestedQuery;
import io.sightline.storage.elasticsearch.dsl.Query;
import io.sightline.storage.elasticsearch.dsl.RangeQuery;
import io.sightline.storage.elasticsearch.dsl.SearchBody;
import io.sightline.storage.elasticsearch.dsl.SortField;
import io.sightline.storage.elasticsearch.dsl.TermQuery;
import io.sightline.storage.elasticsearch.dsl.TermsQuery;
import io.sightline.storage.elasticsearch.index.TimeWindow;
import io.sightline.trace.TraceId;
import io.sightline.trace.TraceQuery;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The search bodies the span and dependency readers send (docs/JAEGER-COMPAT.md §4), built from
 * typed values. Pure.
 *
 * <p>Top-level conditions go into {@code bool.filter} rather than Jaeger's {@code bool.must}: no
 * search of ours needs a relevance score, and filter clauses are cacheable. Everything else matches
 * Jaeger's wire format; the golden tests state each difference.
 */
final class SpanQueries {

  static final String SERVICES_AGGREGATION = "distinct_services";
  static final String OPERATIONS_AGGREGATION = "distinct_operations";
  static final String TRACE_IDS_AGGREGATION = "traceIDs";
  static final String START_TIME_AGGREGATION = "startTime";

  static final String TRACE_ID = "traceID";
  static final String SPAN_ID = "spanID";
  static final String START_TIME = "startTime";
  static final String START_TIME_MILLIS = "startTimeMillis";
  static final String DURATION = "duration";
  static final String OPERATION_NAME = "operationName";
  static final String SERVICE_NAME = "serviceName";
  static final String PROCESS_SERVICE_NAME = "process.serviceName";

  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX").withZone(ZoneOffset.UTC);

  /** The nested fields a tag may be in, searched in this order. */
  private static final List<String> NESTED_TAG_PATHS =
      List.of("tags", "process.tags", "logs.fields");

  private final String dotReplacement;

  /**
   * @param dotReplacement what {@code .} in a tag key becomes in a tags-as-fields field name
   *     ({@code ES_TAGS_AS_FIELDS_DOT_REPLACEMENT}, default {@code @})
   */
  SpanQueries(String dotReplacement) {
    this.dotReplacement = Objects.requireNonNull(dotReplacement, "dotReplacement");
  }

  /** Service names in the service index: a terms aggregation, no hits. */
  SearchBody services(int size) {
    return SearchBody.aggregate(
        null, Map.of(SERVICES_AGGREGATION, Aggregation.terms(SERVICE_NAME, size)));
  }

  /** A service's operation names in the service index. */
  SearchBody operations(String service, int size) {
    return SearchBody.aggregate(
        BoolQuery.filter(new TermQuery(SERVICE_NAME, service)),
        Map.of(OPERATIONS_AGGREGATION, Aggregation.terms(OPERATION_NAME, size)));
  }

  /**
   * The IDs of the traces with a span matching every condition of the query: a {@code traceID}
   * terms aggregation ordered by the latest matching span start (docs/JAEGER-COMPAT.md §4.3).
   */
  SearchBody findTraceIds(TraceQuery query) {
    List<Query> conditions = new ArrayList<>();
    TraceQuery.DurationRange durations = query.spanDurationMicros();
    if (durations != null) {
      conditions.add(RangeQuery.between(DURATION, durations.min(), durations.max()));
    }
    TimeWindow window = new TimeWindow(query.startTimeMin(), query.startTimeMax());
    conditions.add(RangeQuery.between(START_TIME_MILLIS, window.startMillis(), window.endMillis()));
    if (!query.serviceName().isEmpty()) {
      conditions.add(new FieldQuery(MATCH, PROCESS_SERVICE_NAME, query.serviceName()));
    }
    if (!query.operationName().isEmpty()) {
      conditions.add(new FieldQuery(MATCH, OPERATION_NAME, query.operationName()));
    }
    query.tags().forEach((key, value) -> conditions.add(tagQuery(key, value)));
    Aggregation traceIds =
        Aggregation.terms(
            TRACE_ID,
            query.limit(),
            BucketOrder.desc(START_TIME_AGGREGATION),
            Map.of(START_TIME_AGGREGATION, Aggregation.max(START_TIME)));
    return SearchBody.aggregate(
        BoolQuery.filter(conditions), Map.of(TRACE_IDS_AGGREGATION, traceIds));
  }

  /**
   * One tag condition: the value pattern matches the tag in the span's or the process's
   * tags-as-fields object, or in the nested span tags, process tags or any log's fields.
   */
  Query tagQuery(String key, String valuePattern) {
    String fieldKey = key.replace(".", dotReplacement);
    List<Query> anywhere = new ArrayList<>(5);
    anywhere.add(BoolQuery.must(new FieldQuery(REGEXP, "tag." + fieldKey, valuePattern)));
    anywhere.add(BoolQuery.must(new FieldQuery(REGEXP, "process.tag." + fieldKey, valuePattern)));
    for (String path : NESTED_TAG_PATHS) {
      anywhere.add(
          new NestedQuery(
              path,
              BoolQuery.must(
                  List.of(
                      new FieldQuery(MATCH, path + ".key", key),
                      new FieldQuery(REGEXP, path + ".value", valuePattern)))));
    }
    return BoolQuery.should(anywhere);
  }

  /**
   * One page of a trace's spans: every stored spelling of its ID, optionally within a window of
   * {@code startTimeMillis}, sorted by {@code [startTime, spanID]} so that {@code searchAfter} can
   * continue where the last page ended, with an exact total.
   *
   * @param window the span start window, or null for all time
   * @param searchAfter the last page's final sort values, or null for the first page
   */
  SearchBody tracePage(TraceId traceId, TimeWindow window, int size, List<Object> searchAfter) {
    List<Query> conditions = new ArrayList<>(2);
    conditions.add(new TermsQuery(TRACE_ID, traceId.storageSpellings()));
    if (window != null) {
      conditions.add(
          RangeQuery.between(START_TIME_MILLIS, window.startMillis(), window.endMillis()));
    }
    return new SearchBody(
        size,
        BoolQuery.filter(conditions),
        List.of(SortField.asc(START_TIME), SortField.asc(SPAN_ID)),
        searchAfter,
        true,
        null);
  }

  /** Dependencies documents stamped within {@code [start, end]}. */
  SearchBody dependencies(Instant start, Instant end, int size) {
    return SearchBody.hits(
        size,
        BoolQuery.filter(
            RangeQuery.between("timestamp", RFC3339.format(start), RFC3339.format(end))));
  }
}
