package io.sightline.web.trace;

import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.ValueType;
import io.sightline.web.LinkTemplate;
import io.sightline.web.LinkTemplate.Value;
import io.sightline.web.UiConfig.LinkPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Jaeger UI's {@code linkPatterns} applied to a trace: links in the trace header ({@code traces})
 * and beside the tags, process tags and log fields of a span ({@code tags}, {@code process}, {@code
 * logs}). A placeholder {@code #{name}} takes, as in Jaeger UI: {@code trace.X} the trace's value X
 * ({@code traceID}, {@code traceName}, {@code duration}, {@code startTime}, {@code endTime}); else
 * the value of that key in the same list (the tags, process tags or log fields); else — not for
 * process tags — the span's {@code spanID}, {@code operationName}, {@code duration}, {@code
 * startTime}, tag or process tag of that name, then the same of its parent, and so on up. Values
 * are percent-encoded in URLs and as is in texts (which the pages escape); a pattern with a
 * placeholder nothing fills gives no link, as in Jaeger UI.
 */
final class TagLinks {

  /**
   * A link beside a tag or in the trace header.
   *
   * @param url where it goes
   * @param text what it says
   */
  record Link(String url, String text) {}

  /**
   * A span's links, aligned with {@link SpanDetails}' lists: {@code tags.get(i)} are the links of
   * the span's i-th tag (empty for none; several make a menu).
   *
   * @param tags per tag
   * @param process per process tag
   * @param logs per log, per field
   */
  record SpanLinks(List<List<Link>> tags, List<List<Link>> process, List<List<List<Link>>> logs) {}

  private TagLinks() {}

  /** The trace header's links: the patterns of type {@code traces}. */
  static List<Link> ofTrace(List<LinkPattern> patterns, TraceHeader header) {
    List<Link> links = new ArrayList<>();
    for (LinkPattern pattern : patterns) {
      if (pattern.types().contains("traces")) {
        Link link =
            link(
                pattern,
                name -> traceValue(header, name.startsWith("trace.") ? name.substring(6) : name));
        if (link != null) {
          links.add(link);
        }
      }
    }
    return links;
  }

  /** The links of one span's tags, process tags and log fields. */
  static SpanLinks ofSpan(List<LinkPattern> patterns, TraceView view, int row, SpanDetails span) {
    List<List<List<Link>>> logs = new ArrayList<>(span.logs().size());
    for (SpanDetails.Log log : span.logs()) {
      logs.add(section(patterns, "logs", log.fields(), view, row));
    }
    return new SpanLinks(
        section(patterns, "tags", span.tags(), view, row),
        section(patterns, "process", span.processTags(), view, row),
        logs);
  }

  /** The links of each field of one log of the span in {@code row} (for the events view). */
  static List<List<Link>> ofLog(
      List<LinkPattern> patterns, TraceView view, int row, List<KeyValue> fields) {
    List<SpanDetails.Tag> items = new ArrayList<>(fields.size());
    for (KeyValue kv : fields) {
      items.add(
          new SpanDetails.Tag(kv.key(), SpanMatcher.valueText(kv), kv.type().jaegerName(), null));
    }
    return section(patterns, "logs", items, view, row);
  }

  /** Whether any pattern is of this type: pages skip the work otherwise. */
  static boolean any(List<LinkPattern> patterns, String type) {
    for (LinkPattern pattern : patterns) {
      if (pattern.types().contains(type)) {
        return true;
      }
    }
    return false;
  }

  private static List<List<Link>> section(
      List<LinkPattern> patterns,
      String type,
      List<SpanDetails.Tag> items,
      TraceView view,
      int row) {
    List<List<Link>> out = new ArrayList<>(items.size());
    boolean any = any(patterns, type);
    for (SpanDetails.Tag item : items) {
      if (!any) {
        out.add(List.of());
        continue;
      }
      List<Link> links = new ArrayList<>(1);
      for (LinkPattern pattern : patterns) {
        if (pattern.matches(type, item.key(), item.value())) {
          Link link = link(pattern, name -> value(name, type, items, view, row));
          if (link != null) {
            links.add(link);
          }
        }
      }
      out.add(List.copyOf(links));
    }
    return out;
  }

  private static Link link(LinkPattern pattern, Function<String, Value> values) {
    String url = pattern.url().fill(values, true);
    LinkTemplate text = pattern.text();
    String label = text == null ? url : text.fill(values, false);
    return url == null || label == null ? null : new Link(url, label);
  }

  private static Value value(
      String name, String type, List<SpanDetails.Tag> items, TraceView view, int row) {
    if (name.startsWith("trace.")) {
      return traceValue(view.header, name.substring("trace.".length()));
    }
    for (SpanDetails.Tag item : items) {
      if (item.key().equals(name)) {
        return new Value(item.value(), numeric(item.type()));
      }
    }
    if (type.equals("process")) {
      return null; // Jaeger UI looks no further for process tags
    }
    // The span, then its ancestors (bounded: the tree has no cycles, and rows are finite).
    for (int r = row, steps = 0; r >= 0 && steps <= view.size(); r = view.tree.parentRow(r)) {
      steps++;
      Span span = view.span(r);
      Value own =
          switch (name) {
            case "spanID" -> Value.text(span.spanId().toString());
            case "operationName" -> Value.text(span.operationName());
            case "duration" -> Value.number(span.duration());
            case "startTime" -> Value.number(span.startTime());
            default -> null;
          };
      if (own == null) {
        own = find(span.tags(), name);
      }
      if (own == null) {
        own = find(span.process().tags(), name);
      }
      if (own != null) {
        return own;
      }
    }
    return null;
  }

  private static Value find(List<KeyValue> tags, String name) {
    for (KeyValue kv : tags) {
      if (kv.key().equals(name)) {
        return new Value(
            SpanMatcher.valueText(kv),
            kv.type() == ValueType.INT64 || kv.type() == ValueType.FLOAT64);
      }
    }
    return null;
  }

  private static boolean numeric(String jaegerType) {
    return jaegerType.equals("int64") || jaegerType.equals("float64");
  }

  /** A trace value of Jaeger UI's trace model, or {@code null} for another name. */
  private static Value traceValue(TraceHeader header, String name) {
    return switch (name) {
      case "traceID" -> Value.text(header.traceId());
      case "traceName" -> Value.text(header.name());
      case "duration" -> Value.number(header.durationMicros());
      case "startTime" -> Value.number(header.startMicros());
      case "endTime" -> Value.number(header.startMicros() + header.durationMicros());
      default -> null;
    };
  }
}
