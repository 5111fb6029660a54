package io.sightline;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.demo.DemoTraceGenerator;
import io.sightline.testing.PackagedJar;
import io.sightline.trace.Span;
import io.sightline.trace.Trace;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's promise, kept by the packaged jar itself: {@code java -jar target/sightline-*.jar}
 * with no configuration at all serves the embedded store filled with demo traces, and stops cleanly
 * on SIGTERM.
 */
class PackagedJarIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void withNoConfigurationTheJarServesDemoTracesAndStopsCleanly() throws Exception {
    // What the demo seeder writes (seed 42): the same traces, whatever the clock (IDs and shapes
    // come from the seed; only the times move).
    DemoTraceGenerator generator = new DemoTraceGenerator(42, Clock.systemUTC());
    List<Trace> demo = generator.defaultSet();
    Set<String> demoServices = new TreeSet<>();
    demo.forEach(t -> t.spans().forEach(s -> demoServices.add(s.process().serviceName())));
    Trace large = demo.get(demo.size() - 1);
    assertThat(large.spans()).hasSize(5_000);

    PackagedJar.Server server = PackagedJar.startServer(Map.of(), Duration.ofMinutes(3));
    try (server) {
      JsonNode services = get(server, "/api/services");
      List<String> names = new ArrayList<>();
      services.path("data").forEach(n -> names.add(n.asString()));
      assertThat(names).hasSize(13).containsExactlyInAnyOrderElementsOf(demoServices);
      assertThat(services.path("total").asInt()).isEqualTo(13);

      for (String service : List.of("checkout-service", "web-frontend", "payment-service")) {
        JsonNode traces =
            get(
                server,
                "/api/traces?service="
                    + URLEncoder.encode(service, StandardCharsets.UTF_8)
                    + "&lookback=6h&limit=20");
        assertThat(traces.path("data").size()).as(service).isBetween(1, 20);
        int largest = 0;
        for (JsonNode trace : traces.path("data")) {
          assertThat(trace.path("spans").size()).isPositive();
          largest = Math.max(largest, trace.path("spans").size());
          String traceId = trace.path("traceID").asString();
          Set<String> traceServices = new HashSet<>();
          trace.path("processes").forEach(p -> traceServices.add(p.path("serviceName").asString()));
          assertThat(traceServices).contains(service);
          trace
              .path("spans")
              .forEach(s -> assertThat(s.path("traceID").asString()).isEqualTo(traceId));
        }
        assertThat(largest).as("the largest trace of " + service).isGreaterThan(3);
      }

      // The 5,000-span re-index trace, whole.
      JsonNode fetched = get(server, "/api/traces/" + large.traceId());
      JsonNode spans = fetched.path("data").path(0).path("spans");
      assertThat(spans.size()).isEqualTo(5_000);
      Set<String> operations = new TreeSet<>();
      spans.forEach(s -> operations.add(s.path("operationName").asString()));
      Set<String> expectedOperations = new TreeSet<>();
      large.spans().stream().map(Span::operationName).forEach(expectedOperations::add);
      assertThat(operations).isEqualTo(expectedOperations);

      int status = server.stop(Duration.ofSeconds(60));
      String output = server.output();
      // A JVM ended by SIGTERM exits with 128 + 15 after its shutdown hooks ran.
      assertThat(status).as(output).isIn(0, 143);
      assertThat(output).contains("Graceful shutdown complete").doesNotContain(" ERROR ");
      assertThat(output).doesNotContain("Exception");
    }
  }

  private static JsonNode get(PackagedJar.Server server, String path) throws Exception {
    HttpResponse<String> response = server.get(path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
