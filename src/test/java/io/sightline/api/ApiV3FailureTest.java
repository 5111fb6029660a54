package io.sightline.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.sightline.http.TraceQueryParser;
import io.sightline.testing.GoldenHttp;
import io.sightline.testing.TestTraceStore;
import io.sightline.trace.QueryLimits;
import io.sightline.trace.StorageException;
import io.sightline.trace.TraceService;
import io.sightline.trace.adjust.Adjusters;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What {@code /api/v3} clients see when the store fails: the gateway's {@code
 * {"error":{"httpCode","message"}}} with the status the shared failure mapping decides, as plain
 * text with a trailing newline; never a stack trace.
 */
@WebMvcTest
class ApiV3FailureTest {

  private static final String WINDOW =
      "query.startTimeMin=2026-05-01T11:00:00Z&query.startTimeMax=2026-05-01T12:00:00Z";

  @TestConfiguration
  static class Config {
    @Bean
    TestTraceStore store() {
      return new TestTraceStore();
    }

    @Bean
    TraceService traceService(TestTraceStore store) {
      return new TraceService(store, store, null, Adjusters.standard(Duration.ZERO), Duration.ZERO);
    }

    @Bean
    TraceQueryParser traceQueryParser() {
      return new TraceQueryParser(Clock.systemUTC(), QueryLimits.DEFAULTS);
    }
  }

  @Autowired MockMvc mvc;
  @Autowired TestTraceStore store;

  @AfterEach
  void heal() {
    store.failWith(null);
  }

  private MockHttpServletResponse call(String url) throws Exception {
    return mvc.perform(get(URI.create(url))).andReturn().getResponse();
  }

  @Test
  void unavailableStorageIs503() throws Exception {
    store.failWith(
        new StorageException(
            StorageException.Kind.UNAVAILABLE,
            "Elasticsearch at http://es:9200 is unreachable: Connection refused"));
    GoldenHttp.assertMatches("api-v3", "error-storage-unavailable", call("/api/v3/services"));
    GoldenHttp.assertMatches(
        "api-v3", "error-storage-unavailable", call("/api/v3/traces?" + WINDOW));
  }

  @Test
  void storageTimeoutIs503() throws Exception {
    store.failWith(
        new StorageException(
            StorageException.Kind.TIMEOUT, "Elasticsearch did not answer within 5s"));
    GoldenHttp.assertMatches(
        "api-v3", "error-storage-timeout", call("/api/v3/operations?service=frontend"));
  }

  @Test
  void storageFailureIs500() throws Exception {
    store.failWith(
        new StorageException(
            StorageException.Kind.FAILED,
            "Elasticsearch answered 400: failed to create query: maxClauseCount is set to 1024"));
    GoldenHttp.assertMatches("api-v3", "error-storage-failed", call("/api/v3/traces/a1"));
    GoldenHttp.assertMatches(
        "api-v3", "error-storage-failed", call("/api/v3/trace-summaries?" + WINDOW));
  }

  @Test
  void unexpectedFailuresHideTheirDetails() throws Exception {
    store.failWithUnchecked(new IllegalStateException("secret internal detail"));
    MockHttpServletResponse response = call("/api/v3/traces/a1");
    GoldenHttp.assertMatches("api-v3", "error-internal", response);
    assertThat(response.getContentAsString()).doesNotContain("secret", "Exception", "at io.");
  }
}
