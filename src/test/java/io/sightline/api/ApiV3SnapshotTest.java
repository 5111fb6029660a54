package io.sightline.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.sightline.http.TraceQueryParser;
import io.sightline.storage.memory.MemoryDependencyStore;
import io.sightline.storage.memory.MemorySpanStore;
import io.sightline.storage.memory.MemoryStoreProperties;
import io.sightline.testing.Fixtures;
import io.sightline.trace.KeyValue;
import io.sightline.trace.QueryLimits;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanReference;
import io.sightline.trace.TraceId;
import io.sightline.trace.TraceService;
import io.sightline.trace.TracedProcess;
import io.sightline.trace.adjust.Adjusters;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jaeger's {@code /api/v3} response snapshots reproduced exactly: the data of Jaeger's gateway test
 * put into the embedded store, the snapshot's request sent, the body compared as JSON (Jaeger's
 * snapshots are re-indented with sorted keys, so byte order cannot be compared).
 *
 * <p>Not reproduced here: {@code GetOperations.json}, whose operation carries the span kind {@code
 * server} — the embedded store, like Elasticsearch, records no span kinds, so the gateway reports
 * {@code internal}; and {@code GetServices.json}, a list of one name. Their shapes are checked in
 * {@link ApiV3GoldenTest}.
 */
@WebMvcTest
class ApiV3SnapshotTest {

  private static final String SNAPSHOTS =
      "cmd/jaeger/internal/extension/jaegerquery/internal/apiv3/snapshots";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Jaeger's test trace lives at the epoch; "now" is an hour later. */
  private static final Instant NOW = Instant.parse("1970-01-01T01:00:00Z");

  private static final TraceId TRACE = TraceId.parse("1");

  @TestConfiguration
  static class Config {
    @Bean
    MemorySpanStore store() {
      return new MemorySpanStore(
          MemoryStoreProperties.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Bean
    TraceQueryParser traceQueryParser() {
      return new TraceQueryParser(Clock.fixed(NOW, ZoneOffset.UTC), QueryLimits.DEFAULTS);
    }

    @Bean
    TraceService traceService(MemorySpanStore store) {
      return new TraceService(
          store,
          new MemoryDependencyStore(),
          null,
          Adjusters.standard(Duration.ZERO),
          Duration.ZERO);
    }
  }

  @Autowired MockMvc mvc;
  @Autowired MemorySpanStore store;

  @BeforeEach
  void seed() {
    if (!store.getServices().isEmpty()) {
      return;
    }
    // GetServices, GetTrace, FindTraces: a server span with an error status, no resource.
    store.writeSpans(
        List.of(
            span(
                TRACE,
                2,
                "foobar",
                List.of(),
                0,
                0,
                List.of(KeyValue.string("span.kind", "server"), KeyValue.bool("error", true)),
                new TracedProcess("", List.of()))));
    // FindTraceSummaries: a root span and an erroneous child (its 100 ns and 900 ns offsets
    // truncate to whole microseconds), service "frontend".
    TraceId summaries = TraceId.parse("1234");
    TracedProcess frontend = new TracedProcess("frontend", List.of());
    store.writeSpans(
        List.of(
            span(
                summaries,
                1,
                "HTTP GET /",
                List.of(),
                1_000_000_000L,
                1_000_000,
                List.of(),
                frontend),
            span(
                summaries,
                2,
                "",
                List.of(SpanReference.childOf(summaries, new SpanId(1))),
                1_000_000_000L,
                0,
                List.of(KeyValue.bool("error", true)),
                frontend)));
  }

  @Test
  void getTraceSnapshot() throws Exception {
    assertBodyEquals("/api/v3/traces/1", "GetTrace.json");
  }

  @Test
  void findTracesSnapshot() throws Exception {
    assertBodyEquals(
        "/api/v3/traces?query.serviceName=&query.operationName=foobar"
            + "&query.startTimeMin=1970-01-01T00:00:00Z&query.startTimeMax=1970-01-01T00:00:00.5Z",
        "FindTraces.json");
  }

  @Test
  void findTraceSummariesSnapshot() throws Exception {
    String body =
        call("/api/v3/trace-summaries?query.serviceName=frontend"
                + "&query.startTimeMin=1970-01-01T00:16:00Z"
                + "&query.startTimeMax=1970-01-01T00:17:00Z")
            .getContentAsString();
    // Jaeger's snapshot trace has the ID 1; ours is 0x1234 so that it is a trace of its own.
    String expected =
        Fixtures.read(Fixtures.JAEGER_HEAD, SNAPSHOTS, "FindTraceSummaries.json")
            .replace("00000000000000000000000000000001", "00000000000000000000000000001234");
    assertThat(JSON.readTree(body)).isEqualTo(JSON.readTree(expected));
  }

  private void assertBodyEquals(String url, String snapshot) throws Exception {
    MockHttpServletResponse response = call(url);
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getContentType()).isEqualTo("application/json");
    assertThat(JSON.readTree(response.getContentAsString()))
        .isEqualTo(JSON.readTree(Fixtures.read(Fixtures.JAEGER_HEAD, SNAPSHOTS, snapshot)));
  }

  private MockHttpServletResponse call(String url) throws Exception {
    return mvc.perform(get(URI.create(url))).andReturn().getResponse();
  }

  private static Span span(
      TraceId trace,
      long id,
      String name,
      List<SpanReference> references,
      long start,
      long duration,
      List<KeyValue> tags,
      TracedProcess process) {
    return new Span(
        trace,
        new SpanId(id),
        name,
        references,
        0,
        start,
        duration,
        tags,
        List.of(),
        process,
        List.of());
  }
}
