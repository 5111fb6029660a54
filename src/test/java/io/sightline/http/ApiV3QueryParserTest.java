package io.sightline.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.trace.InvalidQueryException;
import io.sightline.trace.QueryLimits;
import io.sightline.trace.TraceId;
import io.sightline.trace.TraceLookup;
import io.sightline.trace.TraceQuery;
import io.sightline.trace.TraceRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiV3QueryParserTest {

  private final ApiV3QueryParser parser = new ApiV3QueryParser(QueryLimits.DEFAULTS);

  private static Map<String, List<String>> params(String... pairs) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      params.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
    }
    return params;
  }

  @Test
  void readsEveryCamelCaseParameter() {
    ApiV3QueryParser.Search search =
        parser.parseSearch(
            params(
                "query.serviceName", "frontend",
                "query.operationName", "GET /",
                "query.attributes", "{\"http.status_code\":\"5..\"}",
                "query.startTimeMin", "2026-05-01T11:00:00Z",
                "query.startTimeMax", "2026-05-01T12:00:00.5Z",
                "query.durationMin", "1.5ms",
                "query.durationMax", "2s",
                "query.searchDepth", "20",
                "query.rawTraces", "T"));

    TraceQuery query = search.query();
    assertThat(query.serviceName()).isEqualTo("frontend");
    assertThat(query.operationName()).isEqualTo("GET /");
    assertThat(query.tags()).containsExactly(Map.entry("http.status_code", "5.."));
    assertThat(query.startTimeMin()).isEqualTo(Instant.parse("2026-05-01T11:00:00Z"));
    assertThat(query.startTimeMax()).isEqualTo(Instant.parse("2026-05-01T12:00:00.5Z"));
    assertThat(query.durationMin()).isEqualTo(Duration.ofNanos(1_500_000));
    assertThat(query.durationMax()).isEqualTo(Duration.ofSeconds(2));
    assertThat(query.limit()).isEqualTo(20);
    assertThat(search.raw()).isTrue();
  }

  @Test
  void anySearchDepthJaegerAcceptsIsAccepted() {
    // No cap of Sightline's own (it was 1,500): the read budget guards memory instead.
    ApiV3QueryParser.Search search =
        parser.parseSearch(
            params(
                "query.serviceName", "frontend",
                "query.startTimeMin", "2026-05-01T11:00:00Z",
                "query.startTimeMax", "2026-05-01T12:00:00Z",
                "query.searchDepth", "5000"));
    assertThat(search.query().limit()).isEqualTo(5000);
  }

  @Test
  void snakeCaseAliasesWorkAndCamelCaseWins() {
    ApiV3QueryParser.Search search =
        parser.parseSearch(
            params(
                "query.service_name", "old",
                "query.serviceName", "new",
                "query.start_time_min", "2026-05-01T11:00:00Z",
                "query.start_time_max", "2026-05-01T12:00:00Z",
                "query.num_traces", "7",
                "query.raw_traces", "1"));

    assertThat(search.query().serviceName()).isEqualTo("new");
    assertThat(search.query().limit()).isEqualTo(7);
    assertThat(search.raw()).isTrue();
    // search_depth wins over num_traces; an empty camelCase value counts as absent.
    assertThat(
            parser
                .parseSearch(
                    params(
                        "query.searchDepth", "",
                        "query.search_depth", "3",
                        "query.num_traces", "7",
                        "query.startTimeMin", "2026-05-01T11:00:00Z",
                        "query.startTimeMax", "2026-05-01T12:00:00Z"))
                .query()
                .limit())
        .isEqualTo(3);
  }

  @Test
  void defaultsToJaegersSearchDepth() {
    assertThat(
            parser
                .parseSearch(
                    params(
                        "query.startTimeMin", "2026-05-01T11:00:00Z",
                        "query.startTimeMax", "2026-05-01T12:00:00Z"))
                .query()
                .limit())
        .isEqualTo(100);
  }

  @Test
  void aSpaceWhereAPlusWasSentIsAPlus() {
    // Grafana appends RFC 3339 times unescaped: "+01:00" reaches the server as " 01:00".
    ApiV3QueryParser.Search search =
        parser.parseSearch(
            params(
                "query.start_time_min", "2026-05-01T12:00:00 01:00",
                "query.start_time_max", "2026-05-01T13:00:00 01:00"));

    assertThat(search.query().startTimeMin()).isEqualTo(Instant.parse("2026-05-01T11:00:00Z"));
  }

  @Test
  void errorsNameTheSpellingThatWasUsed() {
    assertThatThrownBy(
            () ->
                parser.parseSearch(
                    params(
                        "query.start_time_min", "x",
                        "query.startTimeMax", "2026-05-01T12:00:00Z")))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageStartingWith("malformed parameter query.start_time_min: parsing time \"x\"");
    assertThatThrownBy(() -> parser.parseSearch(params("query.startTimeMin", "x")))
        .hasMessage("query.startTimeMin and query.startTimeMax are required");
  }

  @Test
  void getTraceTakesHexOrBase64AndTimeHints() {
    TraceRequest.Fetch fetch =
        parser.parseGetTrace(
            "RjrDXJ9kE61ISFo5U7thJA",
            params("start_time", "2026-05-01T11:00:00Z", "endTime", "2026-05-01T12:00:00Z"));

    TraceLookup lookup = fetch.lookups().get(0);
    assertThat(lookup.traceId()).isEqualTo(TraceId.parse("463ac35c9f6413ad48485a3953bb6124"));
    assertThat(lookup.start()).isEqualTo(Instant.parse("2026-05-01T11:00:00Z"));
    assertThat(lookup.end()).isEqualTo(Instant.parse("2026-05-01T12:00:00Z"));
    assertThat(fetch.raw()).isFalse();
  }

  @Test
  void operationsNeedNoServiceAndTakeEitherSpanKindSpelling() {
    assertThat(parser.parseOperations(params("span_kind", "server")))
        .isEqualTo(new ApiV3QueryParser.Operations("", "server"));
    assertThat(parser.parseOperations(params("service", "s", "spanKind", "client")))
        .isEqualTo(new ApiV3QueryParser.Operations("s", "client"));
  }
}
