package io.sightline.web.trace;

import io.sightline.web.UiConfig.LinkPattern;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.UriUtils;

/**
 * Jaeger UI's {@code linkPatterns} of type {@code tags} and {@code process} for one span's details:
 * a link beside each tag whose key a pattern names. {@code #{name}} placeholders take the value of
 * the span's tag, else its process tag, of that name ({@code trace.traceID} and {@code span.spanID}
 * too), percent-encoded in the URL and as is in the text (which the page escapes); a pattern with a
 * placeholder the span cannot fill gives no link, as in Jaeger UI.
 */
final class TagLinks {

  /**
   * A link beside a tag.
   *
   * @param url where it goes
   * @param text what it says
   */
  record Link(String url, String text) {}

  private static final Pattern PLACEHOLDER = Pattern.compile("#\\{([^}]+)}");

  private TagLinks() {}

  /** The links by {@code "tags:" + key} and {@code "process:" + key}. */
  static Map<String, Link> of(List<LinkPattern> patterns, SpanDetails span) {
    Map<String, Link> links = new HashMap<>();
    if (patterns.isEmpty()) {
      return links;
    }
    Map<String, String> values = new HashMap<>();
    span.processTags().forEach(t -> values.put(t.key(), t.value()));
    span.tags().forEach(t -> values.put(t.key(), t.value()));
    values.put("trace.traceID", span.traceId());
    values.put("span.spanID", span.spanId());
    for (LinkPattern pattern : patterns) {
      List<SpanDetails.Tag> section =
          switch (pattern.type()) {
            case "tags" -> span.tags();
            case "process" -> span.processTags();
            default -> List.of(); // logs and traces: not shown yet
          };
      for (SpanDetails.Tag tag : section) {
        if (!tag.key().equals(pattern.key())) {
          continue;
        }
        String url = fill(pattern.url(), values, true);
        String text = pattern.text() == null ? url : fill(pattern.text(), values, false);
        if (url != null && text != null) {
          links.putIfAbsent(pattern.type() + ":" + tag.key(), new Link(url, text));
        }
      }
    }
    return links;
  }

  /** The template with its placeholders filled, or {@code null} when one has no value. */
  private static String fill(String template, Map<String, String> values, boolean encode) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        return null;
      }
      String filled = encode ? UriUtils.encode(value, StandardCharsets.UTF_8) : value;
      m.appendReplacement(out, Matcher.quoteReplacement(filled));
    }
    m.appendTail(out);
    return out.toString();
  }
}
