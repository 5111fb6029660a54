package io.sightline.web.trace;

import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanLog;
import io.sightline.trace.ValueType;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Find in trace" ({@code uiFind}) with Jaeger UI's semantics ({@code utils/filter-spans.ts}):
 *
 * <ul>
 *   <li>The text splits into terms at whitespace; {@code "a quoted phrase"} is one term. A span
 *       matches when <em>any</em> term matches (OR), case-insensitively, as a substring of: the
 *       operation, the service, or a span tag, process tag or log field's key, value or {@code
 *       key=value}. A term equal to the span ID (lower-case hex) matches too.
 *   <li>A term {@code -text} is no search term: it excludes every key containing {@code text} from
 *       matching (its key and value are ignored).
 *   <li>An empty text matches nothing.
 * </ul>
 *
 * <p>Values read as in Jaeger's JSON: booleans {@code true}/{@code false}, numbers in decimal,
 * binary as base64.
 */
final class SpanMatcher {

  private static final Pattern TERM = Pattern.compile("[^\\s\"]+|\"([^\"]*)\"");

  private final String[] include;
  private final String[] exclude;

  /** The include terms that contain '=', and for each the text before its first '='. */
  private final String[] keyValueTerms;

  private final String[] keyValueHeads;

  private SpanMatcher(String[] include, String[] exclude) {
    this.include = include;
    this.exclude = exclude;
    List<String> terms = new ArrayList<>();
    List<String> heads = new ArrayList<>();
    for (String term : include) {
      int eq = term.indexOf('=');
      if (eq >= 0) {
        terms.add(term);
        heads.add(term.substring(0, eq));
      }
    }
    this.keyValueTerms = terms.toArray(String[]::new);
    this.keyValueHeads = heads.toArray(String[]::new);
  }

  /** Parses the find box's text. */
  static SpanMatcher parse(String text) {
    List<String> include = new ArrayList<>();
    List<String> exclude = new ArrayList<>();
    if (text != null) {
      Matcher m = TERM.matcher(text);
      while (m.find()) {
        String term = m.group(1) != null ? m.group(1) : m.group();
        if (term.isEmpty()) {
          continue;
        }
        String lower = term.toLowerCase(Locale.ROOT);
        if (lower.charAt(0) == '-') {
          exclude.add(lower.substring(1));
        } else {
          include.add(lower);
        }
      }
    }
    return new SpanMatcher(include.toArray(String[]::new), exclude.toArray(String[]::new));
  }

  /** True when there is nothing to search for (no term, or only exclusions). */
  boolean isEmpty() {
    return include.length == 0;
  }

  boolean matches(Span span) {
    if (include.length == 0) {
      return false;
    }
    if (anyContains(span.operationName()) || anyContains(span.process().serviceName())) {
      return true;
    }
    if (matchesAny(span.tags())) {
      return true;
    }
    for (SpanLog log : span.logs()) {
      if (matchesAny(log.fields())) {
        return true;
      }
    }
    if (matchesAny(span.process().tags())) {
      return true;
    }
    String spanId = span.spanId().toString();
    for (String term : include) {
      if (term.equals(spanId)) {
        return true;
      }
    }
    return false;
  }

  private boolean matchesAny(List<KeyValue> keyValues) {
    for (KeyValue kv : keyValues) {
      String key = kv.key();
      if (excluded(key)) {
        continue;
      }
      String value = valueText(kv);
      if (anyContains(key) || anyContains(value)) {
        return true;
      }
      if (keyValueTerms.length > 0 && matchesKeyValue(key, value)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a term with '=' occurs in {@code key=value}. A term that spans the '=' must have its
   * text before its own first '=' inside the key, so the joined string is only built when the key
   * contains that head: at 100,000 spans, joining every tag is most of the work.
   */
  private boolean matchesKeyValue(String key, String value) {
    String joined = null;
    for (int i = 0; i < keyValueTerms.length; i++) {
      if (containsIgnoreCase(key, keyValueHeads[i])) {
        if (joined == null) {
          joined = key + "=" + value;
        }
        if (containsIgnoreCase(joined, keyValueTerms[i])) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean excluded(String key) {
    for (String term : exclude) {
      if (containsIgnoreCase(key, term)) {
        return true;
      }
    }
    return false;
  }

  private boolean anyContains(String text) {
    for (String term : include) {
      if (containsIgnoreCase(text, term)) {
        return true;
      }
    }
    return false;
  }

  /** The value as Jaeger UI sees it in JSON. */
  static String valueText(KeyValue kv) {
    return kv.type() == ValueType.BINARY
        ? Base64.getEncoder().encodeToString(kv.binaryValue())
        : kv.valueAsString();
  }

  /**
   * Whether {@code text} contains {@code lowerNeedle} ignoring case, without allocating (find runs
   * over every tag of every span: at 100,000 spans a lower-cased copy of each is measurable).
   */
  static boolean containsIgnoreCase(String text, String lowerNeedle) {
    int n = lowerNeedle.length();
    if (n == 0) {
      return true;
    }
    char first = lowerNeedle.charAt(0);
    char firstUpper = Character.toUpperCase(first);
    int last = text.length() - n;
    for (int i = 0; i <= last; i++) {
      char c = text.charAt(i);
      if ((c == first || c == firstUpper) && text.regionMatches(true, i, lowerNeedle, 0, n)) {
        return true;
      }
    }
    return false;
  }
}
