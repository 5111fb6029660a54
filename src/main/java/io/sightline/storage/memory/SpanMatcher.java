package io.sightline.storage.memory;

import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanLog;
import io.sightline.trace.TagValuePattern;
import io.sightline.trace.TraceQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The per-span conditions of a trace search, as Jaeger's Elasticsearch query applies them to one
 * span document: service, operation, duration and every tag. (The start-time window is applied by
 * the index range.)
 *
 * <ul>
 *   <li>Service and operation are exact, case-sensitive keyword matches.
 *   <li>Duration: {@code [min, max]} in µs, where a missing max is 24 hours once a min is given, so
 *       a min-only search never finds spans longer than a day.
 *   <li>Each tag matches a span tag, a process tag or a field of any log with that exact key, whose
 *       value as Elasticsearch indexes it (a keyword: bools {@code true}/{@code false}, numbers in
 *       decimal, binary in hex) fully matches the tag's Lucene regular expression. Tags may be met
 *       in different places of the span, each independently.
 *   <li>Keys, names and values longer than 256 characters are not indexed ({@code ignore_above})
 *       and never match.
 * </ul>
 */
final class SpanMatcher {

  private final String serviceName;
  private final String operationName;
  private final TraceQuery.DurationRange durations;
  private final List<TagCondition> tags;

  private SpanMatcher(TraceQuery query) {
    this.serviceName = query.serviceName();
    this.operationName = query.operationName();
    this.durations = query.spanDurationMicros();
    List<TagCondition> conditions = new ArrayList<>(query.tags().size());
    for (Map.Entry<String, String> tag : query.tags().entrySet()) {
      conditions.add(
          new TagCondition(tag.getKey(), TagValuePattern.compile(tag.getKey(), tag.getValue())));
    }
    this.tags = List.copyOf(conditions);
  }

  /**
   * Compiles the query's conditions.
   *
   * @throws io.sightline.trace.InvalidQueryException naming the tag when a value pattern is not a
   *     valid regular expression
   */
  static SpanMatcher of(TraceQuery query) {
    return new SpanMatcher(query);
  }

  boolean matches(Span span) {
    if (!serviceName.isEmpty() && !keywordEquals(span.process().serviceName(), serviceName)) {
      return false;
    }
    if (!operationName.isEmpty() && !keywordEquals(span.operationName(), operationName)) {
      return false;
    }
    if (durations != null
        && (span.duration() < durations.min() || span.duration() > durations.max())) {
      return false;
    }
    for (TagCondition tag : tags) {
      if (!tag.matchesAny(span.tags())
          && !tag.matchesAny(span.process().tags())
          && !tag.matchesAnyLog(span.logs())) {
        return false;
      }
    }
    return true;
  }

  private static boolean keywordEquals(String indexed, String wanted) {
    return indexed.length() <= ServiceCatalog.IGNORE_ABOVE && indexed.equals(wanted);
  }

  private record TagCondition(String key, TagValuePattern pattern) {

    boolean matchesAny(List<KeyValue> keyValues) {
      for (KeyValue kv : keyValues) {
        if (kv.key().equals(key) && key.length() <= ServiceCatalog.IGNORE_ABOVE) {
          String indexed = kv.valueAsString();
          if (indexed.length() <= ServiceCatalog.IGNORE_ABOVE && pattern.matches(indexed)) {
            return true;
          }
        }
      }
      return false;
    }

    boolean matchesAnyLog(List<SpanLog> logs) {
      for (SpanLog log : logs) {
        if (matchesAny(log.fields())) {
          return true;
        }
      }
      return false;
    }
  }
}
