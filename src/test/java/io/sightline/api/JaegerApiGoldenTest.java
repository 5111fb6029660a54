package io.sightline.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import io.sightline.testing.GoldenHttp;
import io.sightline.trace.ArchiveStorage;
import io.sightline.trace.DependencyWriter;
import io.sightline.trace.SpanWriter;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Every {@code /api/*} endpoint and every error message against the embedded store, compared byte
 * for byte (status, content type, body with or without its trailing newline) with the golden files
 * in {@code src/test/resources/api/}.
 */
@SpringBootTest(
    properties = {
      "sightline.query.name-cache-ttl=0s",
      "sightline.demo.enabled=false",
      "SIGHTLINE_DEMO=false"
    })
@AutoConfigureMockMvc
class JaegerApiGoldenTest {

  @TestConfiguration
  static class FixedClock {
    @Bean
    @Primary
    Clock testClock() {
      return Clock.fixed(ApiTestData.NOW, ZoneOffset.UTC);
    }
  }

  private static boolean seeded;

  @Autowired MockMvc mvc;
  @Autowired SpanWriter store;
  @Autowired ArchiveStorage archive;
  @Autowired DependencyWriter dependencies;

  @BeforeEach
  void seed() {
    synchronized (JaegerApiGoldenTest.class) {
      if (!seeded) {
        ApiTestData.seed(store, archive.writer(), dependencies);
        seeded = true;
      }
    }
  }

  private MockHttpServletResponse call(String method, String url) throws Exception {
    // A URI, not a template: the query string goes as written, percent escapes and all.
    return mvc.perform(request(HttpMethod.valueOf(method), URI.create(url)))
        .andReturn()
        .getResponse();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = ' ',
      value = {
        // services and operations
        "GET /api/services services",
        "GET /api/services?prettyPrint=true services-pretty",
        "GET /api/services?prettyPrint=false services",
        "GET /api/services/customer/operations operations-legacy",
        "GET /api/services/nobody/operations operations-legacy-empty",
        "GET /api/operations?service=customer operations",
        "GET /api/operations?service=customer&spanKind=server operations-spankind",
        "GET /api/operations?service=nobody operations-empty",
        "GET /api/operations operations-no-service",
        "GET /api/operations?service= operations-no-service",
        // search
        "GET /api/traces?service=frontend&start=1777633200000000&end=1777636800000000 search",
        "GET /api/traces?service=frontend&start=1777633200000000&end=1777636800000000&raw=true search-raw",
        "GET /api/traces?service=driver&tags=%7B%22telemetry.sdk.language%22%3A%22go%22%7D&lookback=custom search-driver",
        "GET /api/traces?service=frontend&operation=nothing search-empty",
        "GET /api/traces?service=customer&minDuration=2ms&maxDuration=3ms&limit=1 search-durations",
        // fetch by ID
        "GET /api/traces?traceID=a1&traceID=ffff&traceID=C3&traceID=463ac35c9f6413ad48485a3953bb6124 fetch-ids",
        "GET /api/traces?traceID=a1 fetch-one-id",
        "GET /api/traces/a1 trace-a",
        "GET /api/traces/00000000000000a1?prettyPrint=1 trace-a-pretty",
        "GET /api/traces/A1?raw=true trace-a-raw",
        "GET /api/traces/463ac35c9f6413ad48485a3953bb6124 trace-b",
        "GET /api/traces/RjrDXJ9kE61ISFo5U7thJA== trace-b",
        "GET /api/traces/RjrDXJ9kE61ISFo5U7thJA trace-b",
        "GET /api/traces/463ac35c9f6413ad48485a3953bb6124?start=1777636200000&end=1777636800000 trace-b",
        "GET /api/traces/c3 trace-c-archived",
        // dependencies
        "GET /api/dependencies?endTs=1777636800000&lookback=172800000 dependencies",
        "GET /api/dependencies?endTs=1777636800000&lookback=172800000&service=driver dependencies-service",
        "GET /api/dependencies?endTs=1777636800000&lookback=3600000 dependencies-empty",
        "GET /api/dependencies dependencies-default",
        // parameter errors
        "GET /api/traces error-service-required",
        "GET /api/traces?service=s&start=yesterday error-start",
        "GET /api/traces?service=s&end=1.5 error-end",
        "GET /api/traces?service=s&limit=abc error-limit",
        "GET /api/traces?service=s&limit=-1 error-limit-negative",
        "GET /api/traces?service=s&minDuration=100 error-min-duration",
        "GET /api/traces?service=s&maxDuration=1d error-max-duration",
        "GET /api/traces?service=s&minDuration=abc error-duration-invalid",
        "GET /api/traces?service=s&minDuration=2s&maxDuration=1s error-durations",
        "GET /api/traces?service=s&tag=nocolon error-tag",
        "GET /api/traces?service=s&tags=%7B%22x%22%3A123%7D error-tags-type",
        "GET /api/traces?service=s&tags=%7Bbad error-tags-syntax",
        "GET /api/traces?traceID=xyz error-trace-id-param",
        "GET /api/traces?service=s&raw=maybe error-raw",
        "GET /api/traces?service=s&start=2&end=1 error-start-after-end",
        "GET /api/traces?service=s&start=0 error-window",
        "GET /api/traces/ffff error-trace-not-found",
        "GET /api/traces/xyz! error-trace-id",
        "GET /api/traces/zzzz error-trace-id-base64-length",
        "GET /api/traces/123456789012345678901234567890123 error-trace-id-too-long",
        "GET /api/traces/a1?start=x error-trace-start",
        "GET /api/traces/a1?raw=x error-trace-raw",
        "POST /api/archive/ffff error-archive-not-found",
        "POST /api/archive/xyz! error-trace-id",
        "GET /api/dependencies?endTs=x error-end-ts",
        "GET /api/dependencies?lookback=1h error-lookback",
        "GET /api/dependencies?lookback=99999999999 error-lookback-cap",
        // routing: unknown paths and wrong methods under /api are Go's plain 404
        "GET /api/nope not-found",
        "GET /api not-found",
        "GET /api/services/a/b/operations not-found",
        "POST /api/services not-found",
        "DELETE /api/traces/a1 not-found",
        "GET /api/archive/a1 not-found",
        "PUT /api/dependencies not-found",
      })
  void matchesGolden(String method, String url, String golden) throws Exception {
    GoldenHttp.assertMatches("api", golden, call(method, url));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = ' ',
      value = {"POST /api/archive/a1 archive"})
  void archiveMatchesGolden(String method, String url, String golden) throws Exception {
    GoldenHttp.assertMatches("api", golden, call(method, url));
    // Archived: still found, and a second archive succeeds too.
    GoldenHttp.assertMatches("api", golden, call(method, url));
  }
}
