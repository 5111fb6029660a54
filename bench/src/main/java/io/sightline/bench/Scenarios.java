package io.sightline.bench;

import io.sightline.trace.TraceId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scenarios of issue #8 over the data set. Searches ask for the demo shop's entry service,
 * {@code web-frontend}, over the last hour (Jaeger UI's default lookback) and, for 1,500 traces,
 * over the whole window; times are relative to the data set's fixed now.
 */
final class Scenarios {

  static final String SERVICE = "web-frontend";

  /** Service and operation names straight from the store, as Zipkin (which caches none) does. */
  static final Map<String, String> NO_NAME_CACHE = Map.of("sightline.query.name-cache-ttl", "0s");

  private Scenarios() {}

  /** Everything measured against Elasticsearch 8.19 (raw floor where it applies). */
  static List<Scenario> all(DataSet data, boolean withPages, Map<Integer, TraceId> largeIds) {
    List<Scenario> list = new ArrayList<>();
    list.add(
        new Scenario(
            "services",
            "/api/services",
            ResponseSummary.Kind.JAEGER_LIST,
            NO_NAME_CACHE,
            null,
            true,
            "/api/v2/services",
            ResponseSummary.Kind.ZIPKIN_LIST,
            "Names scenarios run with Sightline's name cache off (`name-cache-ttl=0s`) so that each"
                + " request reaches Elasticsearch, as the raw replay and Zipkin do.",
            false));
    list.add(
        new Scenario(
            "services, name cache on (default 10 s)",
            "/api/services",
            ResponseSummary.Kind.JAEGER_LIST,
            Map.of(),
            null,
            false,
            null,
            null,
            "\"name cache on\" is Sightline's default: service names reused for 10 s, so nearly"
                + " every request is answered from memory (no raw ratio: no Elasticsearch request).",
            false));
    list.add(
        new Scenario(
            "operations of " + SERVICE,
            "/api/services/" + SERVICE + "/operations",
            ResponseSummary.Kind.JAEGER_LIST,
            NO_NAME_CACHE,
            null,
            true,
            "/api/v2/spans?serviceName=" + SERVICE,
            ResponseSummary.Kind.ZIPKIN_LIST,
            null,
            false));
    long end = data.nowMicros();
    long hour = Duration.ofHours(1).toNanos() / 1000;
    long window = data.window().toNanos() / 1000;
    String lastHour = "&start=" + (end - hour) + "&end=" + end;
    String zipkinLastHour = "&endTs=" + data.nowMillis() + "&lookback=" + hour / 1000;
    list.add(
        search(
            "search: service, limit 20, last hour",
            "?service=" + SERVICE + "&limit=20" + lastHour,
            "?serviceName=" + SERVICE + "&limit=20" + zipkinLastHour,
            false));
    list.add(
        search(
            "search: + tag error=true",
            "?service="
                + SERVICE
                + "&limit=20"
                + lastHour
                + "&tags="
                + URLEncoder.encode("{\"error\":\"true\"}", StandardCharsets.UTF_8),
            "?serviceName="
                + SERVICE
                + "&limit=20"
                + zipkinLastHour
                + "&annotationQuery="
                + URLEncoder.encode("error=true", StandardCharsets.UTF_8),
            false));
    list.add(
        search(
            "search: + duration 100 ms–1 s",
            "?service=" + SERVICE + "&limit=20" + lastHour + "&minDuration=100ms&maxDuration=1s",
            "?serviceName="
                + SERVICE
                + "&limit=20"
                + zipkinLastHour
                + "&minDuration=100000&maxDuration=1000000",
            false));
    list.add(
        search(
            "search: service, limit 1500, " + data.window().toDays() + " days",
            searchWholeWindow(data, 1500),
            "?serviceName="
                + SERVICE
                + "&limit=1500&endTs="
                + data.nowMillis()
                + "&lookback="
                + window / 1000,
            true));
    for (int size : data.largeTraces()) {
      TraceId id = largeIds.get(size);
      list.add(
          new Scenario(
              String.format(Locale.ROOT, "trace by ID: %,d spans", size),
              "/api/traces/" + id,
              ResponseSummary.Kind.JAEGER_TRACES,
              Map.of(),
              null,
              true,
              "/api/v2/trace/" + id,
              ResponseSummary.Kind.ZIPKIN_TRACE,
              null,
              size >= 100_000));
    }
    if (data.largeTraces().contains(100_000)) {
      list.add(
          new Scenario(
              "trace by ID: 100,000 spans, -Xmx512m",
              "/api/traces/" + largeIds.get(100_000),
              ResponseSummary.Kind.JAEGER_TRACES,
              Map.of(),
              "512m",
              false,
              null,
              null,
              "The -Xmx512m row is the same request as the rows above it, with Sightline's heap"
                  + " capped at 512 MB (target: a 100k-span trace served under 512 MB of heap),"
                  + " at the lowest concurrency only.",
              true));
    }
    if (withPages) {
      for (int size : data.largeTraces()) {
        TraceId id = largeIds.get(size);
        list.add(
            new Scenario(
                String.format(Locale.ROOT, "trace page HTML: %,d spans", size),
                "/trace/" + id,
                ResponseSummary.Kind.BYTES,
                Map.of(),
                null,
                true,
                null,
                null,
                "The trace page HTML fetches and assembles the trace on every request (plus the"
                    + " first 300 rows as plain HTML); timeline JSON reads the assembled view, cached"
                    + " for 2 min, so it is served without Elasticsearch (no raw ratio).",
                size >= 100_000));
        list.add(
            new Scenario(
                String.format(Locale.ROOT, "timeline JSON: %,d spans", size),
                "/trace/" + id + "/timeline.json",
                ResponseSummary.Kind.BYTES,
                Map.of(),
                null,
                false,
                null,
                null,
                null,
                size >= 100_000));
      }
    }
    list.add(
        new Scenario(
            "dependencies, 7 days",
            "/api/dependencies?endTs="
                + data.nowMillis()
                + "&lookback="
                + Duration.ofDays(7).toMillis(),
            ResponseSummary.Kind.JAEGER_LIST,
            Map.of(),
            null,
            true,
            null,
            null,
            "Zipkin's dependencies come from its separate Spark job (zipkin-dependencies), not run"
                + " here: dependencies are measured against raw Elasticsearch only.",
            false));
    return List.copyOf(list);
  }

  /** The query of a search for {@code limit} traces of {@link #SERVICE} over the whole window. */
  static String searchWholeWindow(DataSet data, int limit) {
    long end = data.nowMicros();
    long window = data.window().toNanos() / 1000;
    return "?service=" + SERVICE + "&limit=" + limit + "&start=" + (end - window) + "&end=" + end;
  }

  private static Scenario search(String name, String query, String zipkinQuery, boolean heavy) {
    return new Scenario(
        name,
        "/api/traces" + query,
        ResponseSummary.Kind.JAEGER_TRACES,
        Map.of(),
        null,
        true,
        "/api/v2/traces" + zipkinQuery,
        ResponseSummary.Kind.ZIPKIN_TRACES,
        null,
        heavy);
  }
}
