package io.sightline.web.dependencies;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.testing.LoadedSightline;
import io.sightline.testing.search.IndexPrefix;
import io.sightline.testing.search.SearchServer;
import io.sightline.testing.search.SearchServerTest;
import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanReference;
import io.sightline.trace.Trace;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dependency page's live graph ({@code source=search}) on the packaged jar reading a real
 * Elasticsearch/OpenSearch that the loader filled as Jaeger's collector writes: the table's links
 * must be those counted here, independently of {@code DependencyLinker}, from the generated traces
 * the search matches. The search itself is the one every server runs in the conformance suite, so
 * one server is enough.
 */
@SearchServerTest(oneServer = true)
class LiveDependenciesIT {

  private static final Duration WINDOW = Duration.ofHours(2);
  private static final String SERVICE = "checkout-service";

  /** A row of the links table: caller, callee, calls. */
  private static final Pattern ROW =
      Pattern.compile(
          "<tr[^>]*>\\s*<td><a [^>]*>([^<]*)</a></td>\\s*<td><a [^>]*>([^<]*)</a></td>\\s*"
              + "<td class=\"num\">(\\d+)</td>");

  private final SearchServer server;

  LiveDependenciesIT(SearchServer server) {
    this.server = server;
  }

  @Test
  void theLiveGraphHasTheLinksOfTheTracesTheSearchMatches(IndexPrefix prefix) throws Exception {
    try (LoadedSightline loaded = LoadedSightline.start(server, prefix, 15, 3_000, WINDOW)) {
      long start = micros(loaded.now().minus(WINDOW));
      long end = micros(loaded.now());
      String window = "&lookback=custom&start=" + start + "&end=" + end;
      Predicate<Span> inWindow = s -> s.startTime() >= start && s.startTime() <= end;

      // Every trace with a span of the service: the sample is large enough to hold them all.
      List<Trace> matching =
          matching(loaded, s -> s.process().serviceName().equals(SERVICE) && inWindow.test(s));
      assertThat(matching).hasSizeBetween(5, 999);
      String html =
          page(
              loaded,
              "/dependencies?source=search&service="
                  + encode(SERVICE)
                  + "&limit=1000&view=table"
                  + window);
      assertThat(html)
          .contains("<strong>" + matching.size() + " traces</strong> matching")
          .contains("<code>service=" + SERVICE + "</code>")
          .doesNotContain("more traces may match");
      Map<String, Long> expected = independentLinks(matching);
      assertThat(expected).containsKey("api-gateway -> checkout-service");
      assertThat(rows(html)).isEqualTo(withoutSelfCalls(expected));

      // An operation narrows the traces.
      Span some =
          matching.get(matching.size() / 2).spans().stream()
              .filter(s -> s.process().serviceName().equals(SERVICE))
              .findFirst()
              .orElseThrow();
      String operation = some.operationName();
      List<Trace> byOperation =
          matching(
              loaded,
              s ->
                  s.process().serviceName().equals(SERVICE)
                      && s.operationName().equals(operation)
                      && inWindow.test(s));
      String narrowed =
          page(
              loaded,
              "/dependencies?source=search&service="
                  + encode(SERVICE)
                  + "&operation="
                  + encode(operation)
                  + "&limit=1000&view=table"
                  + window);
      assertThat(narrowed)
          .contains(
              "<strong>"
                  + (byOperation.size() == 1 ? "1 trace" : byOperation.size() + " traces")
                  + "</strong> matching");
      assertThat(rows(narrowed)).isEqualTo(withoutSelfCalls(independentLinks(byOperation)));

      // A small sample: stated, capped, and no more calls than the whole.
      String sampled =
          page(
              loaded,
              "/dependencies?source=search&service="
                  + encode(SERVICE)
                  + "&limit=3&view=table"
                  + window);
      assertThat(sampled)
          .contains("<strong>3 traces</strong> matching")
          .contains("data-limit=\"3\"")
          .contains("more traces may match");
      Map<String, Long> few = rows(sampled);
      assertThat(few).isNotEmpty();
      assertThat(expected).containsKeys(few.keySet().toArray(String[]::new));
      few.forEach(
          (link, calls) -> assertThat(calls).as(link).isLessThanOrEqualTo(expected.get(link)));
      assertThat(few.values().stream().mapToLong(Long::longValue).sum())
          .isLessThan(
              withoutSelfCalls(expected).values().stream().mapToLong(Long::longValue).sum());
    }
  }

  private static String page(LoadedSightline loaded, String path) throws Exception {
    HttpResponse<String> response = loaded.server().get(path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return response.body();
  }

  private static List<Trace> matching(LoadedSightline loaded, Predicate<Span> condition) {
    List<Trace> out = new ArrayList<>();
    for (Trace trace : loaded.traces()) {
      if (trace.spans().stream().anyMatch(condition)) {
        out.add(trace);
      }
    }
    return out;
  }

  /** The table's rows as "caller -> callee" → calls. */
  private static Map<String, Long> rows(String html) {
    Map<String, Long> rows = new TreeMap<>();
    Matcher m = ROW.matcher(html);
    while (m.find()) {
      rows.put(unescape(m.group(1)) + " -> " + unescape(m.group(2)), Long.parseLong(m.group(3)));
    }
    return rows;
  }

  /** The table lists calls between services; calls within one are listed apart. */
  private static Map<String, Long> withoutSelfCalls(Map<String, Long> links) {
    Map<String, Long> out = new TreeMap<>();
    links.forEach(
        (link, calls) -> {
          String[] ends = link.split(" -> ");
          if (!ends[0].equals(ends[1])) {
            out.put(link, calls);
          }
        });
    return out;
  }

  /**
   * Links counted here, per trace and UTC day (the daily job's unit of work), for traces whose span
   * IDs are unique: one per reference to a span of the group (parent service → child service), one
   * per referencing span no span refers to that has a peer.service tag.
   */
  static Map<String, Long> independentLinks(List<Trace> traces) {
    Map<String, Long> counts = new TreeMap<>();
    for (Trace trace : traces) {
      Map<Long, List<Span>> byDay = new HashMap<>();
      for (Span span : trace.spans()) {
        byDay
            .computeIfAbsent(
                Math.floorDiv(span.startTime(), 86_400_000_000L), d -> new ArrayList<>())
            .add(span);
      }
      for (List<Span> group : byDay.values()) {
        Map<SpanId, String> serviceOf = new HashMap<>();
        Set<SpanId> referenced = new HashSet<>();
        for (Span span : group) {
          serviceOf.put(span.spanId(), span.process().serviceName());
          span.references().forEach(r -> referenced.add(r.spanId()));
        }
        for (Span span : group) {
          String service = span.process().serviceName();
          for (SpanReference reference : span.references()) {
            String parent = serviceOf.get(reference.spanId());
            if (parent != null) {
              counts.merge(parent + " -> " + service, 1L, Long::sum);
            }
          }
          KeyValue peer = span.tag("peer.service");
          if (!span.references().isEmpty() && !referenced.contains(span.spanId()) && peer != null) {
            counts.merge(service + " -> " + peer.valueAsString(), 1L, Long::sum);
          }
        }
      }
    }
    return counts;
  }

  private static String unescape(String html) {
    return html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }
}
