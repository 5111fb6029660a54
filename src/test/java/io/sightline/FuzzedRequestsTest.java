package io.sightline;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.sightline.testing.CapturedLogs;
import io.sightline.testing.RawHttp;
import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanReference;
import io.sightline.trace.SpanWriter;
import io.sightline.trace.TraceId;
import io.sightline.trace.TracedProcess;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Thousands of generated requests — random and malformed parameters, encodings, methods, headers,
 * long values — against every route of both ports of a real server on the embedded store. Fails on
 * any 5xx but 503 (and the metrics endpoints' designed 501), on a stack trace or a Java class name
 * in a body, and on an ERROR log line. Seeded: {@code -Dfuzz.seed=…} replays a run, {@code
 * -Dfuzz.requests=…} sets its size.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "management.server.port=0",
      "sightline.demo.enabled=false",
      "SIGHTLINE_DEMO=false"
    })
class FuzzedRequestsTest {

  private static final long SEED = Long.getLong("fuzz.seed", 20261207L);
  private static final int REQUESTS = Integer.getInteger("fuzz.requests", 2_000);

  /** A Java class name or a stack frame: what a body must never show. */
  private static final Pattern LEAK =
      Pattern.compile(
          "(?:java|javax|jakarta|org\\.springframework|org\\.apache|io\\.sightline|tools\\.jackson"
              + "|com\\.fasterxml)\\.[a-z]+\\.[A-Za-z.]*(?:Exception|Error)|\\tat [a-z]+\\.|"
              + "Exception:|\\w+Exception\\b");

  private static final String[] MAIN_ROUTES = {
    "/",
    "/search",
    "/search/operations",
    "/search/download",
    "/lookup",
    "/compare",
    "/dependencies",
    "/favicon.ico",
    "/trace/{id}",
    "/trace/{id}/timeline.json",
    "/trace/{id}/find",
    "/trace/{id}/span/{span}",
    "/trace/{id}...{id}",
    "/api/services",
    "/api/services/{service}/operations",
    "/api/operations",
    "/api/traces",
    "/api/traces/{id}",
    "/api/archive/{id}",
    "/api/transform",
    "/api/dependencies",
    "/api/metrics/latencies",
    "/api/metrics/calls",
    "/api/metrics/errors",
    "/api/metrics/minstep",
    "/api/quality-metrics",
    "/api/deep-dependencies",
    "/api/v3/services",
    "/api/v3/operations",
    "/api/v3/traces",
    "/api/v3/traces/{id}",
    "/api/v3/trace-summaries",
    "/api/nothing/{service}",
    "/v3/api-docs",
    "/swagger-ui/index.html",
    "/js/{service}.js",
    "/css/{service}",
    "/{service}",
  };

  private static final String[] ADMIN_ROUTES = {
    "/", "/metrics", "/actuator/health", "/actuator/health/liveness",
    "/actuator/health/readiness", "/actuator/info", "/actuator/prometheus", "/actuator/{service}",
    "/{service}",
  };

  private static final String[] NAMES = {
    "service",
    "operation",
    "tags",
    "tag",
    "limit",
    "lookback",
    "start",
    "end",
    "minDuration",
    "maxDuration",
    "endTs",
    "spanKind",
    "prettyPrint",
    "raw",
    "traceID",
    "step",
    "ratePer",
    "quantile",
    "groupByOperation",
    "query.service_name",
    "query.operation_name",
    "query.start_time_min",
    "query.start_time_max",
    "query.duration_min",
    "query.num_traces",
    "query.attributes",
    "start_time",
    "end_time",
    "uiEmbed",
    "uiTheme",
    "uiFind",
    "sort",
    "search_depth",
    "view",
    "changed",
    "a",
    "b",
    "x",
    "",
  };

  private static final String[] METHODS = {
    "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "PROPFIND", "get",
  };

  @LocalServerPort int port;
  @LocalManagementPort int adminPort;
  @Autowired SpanWriter store;

  private final List<String> traceIds = new ArrayList<>();

  private void writeTraces() {
    long now = System.currentTimeMillis() * 1000;
    for (int t = 1; t <= 5; t++) {
      TraceId trace = new TraceId(0, 0xf00 + t);
      traceIds.add(trace.toString());
      List<Span> spans = new ArrayList<>();
      for (int s = 1; s <= 4; s++) {
        spans.add(
            new Span(
                trace,
                new SpanId(s),
                "op-" + s + " \u202e\u0000\u001b<b>",
                s == 1 ? List.of() : List.of(SpanReference.childOf(trace, new SpanId(1))),
                1,
                now - 60_000_000L + s * 1000,
                500 * s,
                List.of(KeyValue.string("k", "v\u0007"), KeyValue.string("error", "true")),
                List.of(),
                new TracedProcess("svc-" + (t % 2), List.of(KeyValue.string("ip", "10.0.0.1"))),
                List.of()));
      }
      store.writeSpans(spans);
    }
    store.flush();
  }

  @Test
  void noGeneratedRequestBreaksTheServer() throws Exception {
    writeTraces();
    Random random = new Random(SEED);
    List<String> failures = new ArrayList<>();
    long started = System.nanoTime();
    try (CapturedLogs logs = CapturedLogs.capture()) {
      for (int i = 0; i < REQUESTS && failures.size() < 20; i++) {
        boolean admin = random.nextInt(100) < 15;
        String request = request(random, admin);
        RawHttp.Response response =
            RawHttp.send(admin ? adminPort : port, request.getBytes(StandardCharsets.UTF_8));
        String problem = problem(request, response);
        if (problem != null) {
          failures.add("#" + i + " " + problem + "\n  request: " + shorten(request));
        }
        for (String line : logs.atLeast(Level.ERROR)) {
          failures.add("#" + i + " ERROR logged: " + line + "\n  request: " + shorten(request));
        }
        logs.clear();
      }
    }
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    assertThat(failures).as("seed %d, %d s", SEED, seconds).isEmpty();
  }

  private static String problem(String request, RawHttp.Response response) {
    int status = response.status();
    if (status == 0) {
      return "no HTTP answer: " + shorten(response.head());
    }
    boolean metrics = request.contains(" /api/metrics/") && status == 501;
    if (status >= 500 && status != 503 && !metrics) {
      return "status " + status + ": " + shorten(response.body());
    }
    // Prometheus metrics (admin port, for operators) name exception classes in their tags.
    boolean prometheus = request.contains(" /metrics") || request.contains(" /actuator/prometheus");
    if (!prometheus && LEAK.matcher(response.body()).find()) {
      return "status " + status + " leaks: " + shorten(response.body());
    }
    return null;
  }

  private String request(Random random, boolean admin) {
    String[] routes = admin ? ADMIN_ROUTES : MAIN_ROUTES;
    String route = routes[random.nextInt(routes.length)];
    StringBuilder target = new StringBuilder();
    int from = 0;
    for (int open = route.indexOf('{'); open >= 0; open = route.indexOf('{', from)) {
      int close = route.indexOf('}', open);
      target.append(route, from, open).append(pathValue(random, route.substring(open + 1, close)));
      from = close + 1;
    }
    target.append(route.substring(from));
    int params = random.nextInt(7);
    for (int p = 0; p < params; p++) {
      target.append(p == 0 ? '?' : '&');
      String name = random.nextInt(10) == 0 ? value(random) : NAMES[random.nextInt(NAMES.length)];
      target.append(name);
      if (random.nextInt(10) > 0) {
        target.append('=').append(value(random));
      }
    }
    String method = random.nextInt(10) < 7 ? "GET" : METHODS[random.nextInt(METHODS.length)];
    if (route.startsWith("/api/archive") || route.startsWith("/api/transform")) {
      method = random.nextInt(10) < 8 ? "POST" : method;
    }
    StringBuilder text = new StringBuilder();
    text.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    text.append("Host: localhost\r\nConnection: close\r\n");
    if (random.nextBoolean()) {
      text.append("Accept: ")
          .append(
              pick(
                  random,
                  "application/json",
                  "text/html",
                  "*/*",
                  "application/x-protobuf",
                  "text/plain;q=0.1",
                  "image/png",
                  "nonsense"))
          .append("\r\n");
    }
    if (random.nextInt(4) == 0) {
      text.append("Accept-Encoding: ").append(pick(random, "gzip", "br", "x")).append("\r\n");
    }
    if (random.nextInt(8) == 0) {
      text.append("X-Forwarded-For: ").append(value(random)).append("\r\n");
    }
    String body = "";
    if (!method.equals("GET") && !method.equals("HEAD") && random.nextBoolean()) {
      body = body(random);
      text.append("Content-Type: ")
          .append(
              pick(
                  random,
                  "application/json",
                  "application/x-www-form-urlencoded",
                  "text/plain",
                  "multipart/form-data; boundary=x",
                  "application/x-protobuf"))
          .append("\r\n");
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      text.append("Content-Length: ")
          .append(body.getBytes(StandardCharsets.UTF_8).length)
          .append("\r\n");
    }
    text.append("\r\n").append(body);
    return text.toString();
  }

  private String pathValue(Random random, String name) {
    if (name.equals("id") && random.nextBoolean()) {
      return traceIds.get(random.nextInt(traceIds.size()));
    }
    if (name.equals("service") && random.nextBoolean()) {
      return pick(random, "svc-0", "svc-1", "svc-0/x", "svc%2F1");
    }
    String value = value(random);
    // A raw space or '#' would end the target or start a fragment: no server sees those.
    return value.replace(" ", "%20").replace("#", "%23").replace("?", "%3F").replace("&", "%26");
  }

  private static String value(Random random) {
    return switch (random.nextInt(22)) {
      case 0 -> "";
      case 1 -> Integer.toString(random.nextInt());
      case 2 -> Long.toString(random.nextLong());
      case 3 -> "99999999999999999999999999";
      case 4 -> pick(random, "1h", "-5m", "1.5s", "10ms", "1e400h", "2h3m4s", "0", "NaN");
      case 5 -> "%zz";
      case 6 -> "%e0%80";
      case 7 -> "%";
      case 8 -> "%00%1b%c2%9b%e2%80%ae";
      case 9 -> "x".repeat(1 + random.nextInt(5_000));
      case 10 -> "{\"error\":\"true\"}";
      case 11 -> "{\"a\":";
      case 12 -> "[1,2]|^`\\<>";
      case 13 -> "%7B%22k%22%3A%22v%22%7D";
      case 14 -> "svc-" + random.nextInt(3);
      case 15 -> Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
      case 16 -> "%E2%9C%93%F0%9F%98%80";
      case 17 -> "2026-12-07T12:00:00Z";
      case 18 -> "true";
      case 19 -> "+ +%2B";
      case 20 -> "..%2F..%2Fetc%2Fpasswd";
      default -> "-1";
    };
  }

  private static String body(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> "{}";
      case 1 -> "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"zz\"}]}]}]}";
      case 2 -> "a=%zz&b=1";
      case 3 -> "{\"resourceSpans\":";
      case 4 -> "\u0000\u0001\u00ff";
      default -> "[" + "1,".repeat(random.nextInt(1000)) + "1]";
    };
  }

  private static String pick(Random random, String... choices) {
    return choices[random.nextInt(choices.length)];
  }

  private static String shorten(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }
}
