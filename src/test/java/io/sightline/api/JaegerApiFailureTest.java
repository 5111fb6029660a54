package io.sightline.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

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
 * What clients see when the store fails, there is no archive, or something unexpected breaks: a
 * readable message in Jaeger's error envelope, the right status, never a stack trace.
 */
@WebMvcTest
class JaegerApiFailureTest {

  @TestConfiguration
  static class Config {
    @Bean
    TestTraceStore store() {
      return new TestTraceStore();
    }

    @Bean
    TraceService traceService(TestTraceStore store) {
      // No archive storage configured.
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

  private MockHttpServletResponse get(String url) throws Exception {
    return mvc.perform(
            org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                URI.create(url)))
        .andReturn()
        .getResponse();
  }

  @Test
  void unavailableStorageIs503() throws Exception {
    store.failWith(
        new StorageException(
            StorageException.Kind.UNAVAILABLE,
            "Elasticsearch at http://es:9200 is unreachable: Connection refused"));
    GoldenHttp.assertMatches("api", "error-storage-unavailable", get("/api/services"));
  }

  @Test
  void storageTimeoutIs503() throws Exception {
    store.failWith(
        new StorageException(
            StorageException.Kind.TIMEOUT, "Elasticsearch did not answer within 5s"));
    GoldenHttp.assertMatches("api", "error-storage-timeout", get("/api/traces?service=frontend"));
  }

  @Test
  void storageFailureIs500() throws Exception {
    store.failWith(
        new StorageException(
            StorageException.Kind.FAILED,
            "Elasticsearch answered 400: failed to create query: maxClauseCount is set to 1024"));
    GoldenHttp.assertMatches("api", "error-storage-failed", get("/api/traces/a1"));
    GoldenHttp.assertMatches("api", "error-storage-failed", get("/api/dependencies"));
  }

  @Test
  void archiveWithoutArchiveStorageIs500() throws Exception {
    MockHttpServletResponse response =
        mvc.perform(post(URI.create("/api/archive/a1"))).andReturn().getResponse();
    GoldenHttp.assertMatches("api", "error-archive-not-configured", response);
  }

  @Test
  void unexpectedFailuresHideTheirDetails() throws Exception {
    store.failWith(null);
    TestTraceStore broken = store;
    broken.failWithUnchecked(new IllegalStateException("secret internal detail"));
    MockHttpServletResponse response = get("/api/services");
    GoldenHttp.assertMatches("api", "error-internal", response);
    assertThat(response.getContentAsString()).doesNotContain("secret", "Exception", "at io.");
  }
}
