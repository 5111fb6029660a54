package io.sightline.web.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The pages' "Open file" over real HTTP: a Jaeger UI JSON and an OTLP JSON file are read without
 * being stored, every trace view, span details, the script's data and compare work on them with
 * {@code ?upload=}, everything from the file is escaped, and bad or oversized files are refused
 * naming the problem.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"management.server.port=0", "sightline.ui.upload-max-size=16KB"})
class UploadPagesTest {

  static final String A = "0000000000000abc";
  static final String B = "0000000000000def";
  static final Pattern KEY = Pattern.compile("\"key\":\"([0-9a-f]{32})\"");

  @LocalServerPort int port;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void jaegerUiJsonOpensInEveryViewWithoutBeingStored() throws Exception {
    HttpResponse<String> created = upload(resource("two-traces.ui.json"), "two-traces.ui.json");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.body())
        .contains("\"traces\":2", "\"spans\":4", "\"format\":\"Jaeger UI JSON\"");
    String key = key(created);
    assertThat(created.headers().firstValue("Location")).hasValue("/upload/" + key);

    String list = get("/upload/" + key).body();
    assertThat(list)
        .contains("2 traces in two-traces.ui.json")
        .contains("href=\"/trace/" + A + "?upload=" + key + "\"")
        .contains("href=\"/trace/" + B + "?upload=" + key + "\"")
        .contains("&lt;script&gt;shop&lt;/script&gt;")
        .doesNotContain("<script>shop");

    for (String view : new String[] {"timeline", "statistics", "graph", "flamegraph", "spans"}) {
      HttpResponse<String> page = get("/trace/" + A + "?view=" + view + "&upload=" + key);
      assertThat(page.statusCode()).as(view).isEqualTo(200);
      assertThat(page.body())
          .as(view)
          .contains("From file two-traces.ui.json")
          .contains("<meta name=\"sightline-upload\" content=\"" + key + "\">")
          .doesNotContain("<script>shop")
          .doesNotContain("<img src=x")
          .doesNotContain("/api/traces/" + A); // no store links for a file's trace
      // The view switcher's links stay on the file.
      assertThat(page.body()).contains("/trace/" + A + "?view=events&amp;upload=" + key);
    }
    String events = get("/trace/" + A + "?view=events&upload=" + key).body();
    assertThat(events).contains("cart &lt;b&gt;loaded&lt;/b&gt;").doesNotContain("<b>loaded");
    String stats = get("/trace/" + A + "?view=statistics&upload=" + key).body();
    assertThat(stats).contains("data-service=\"payments\"").contains("data-errors=\"1\"");

    assertThat(get("/trace/" + A + "/timeline.json?upload=" + key).body()).contains("charge");
    assertThat(get("/trace/" + A + "/flame.json?upload=" + key).statusCode()).isEqualTo(200);
    assertThat(get("/trace/" + A + "/find?q=charge&upload=" + key).body()).contains("\"rows\":[1]");
    String details = get("/trace/" + A + "/span/00000000000000a1?upload=" + key).body();
    assertThat(details).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img src=x");

    HttpResponse<String> compare = get("/trace/" + A + "..." + B + "?upload=" + key);
    assertThat(compare.statusCode()).isEqualTo(200);
    assertThat(compare.body()).contains("payments").doesNotContain("not found");

    // Never written to the store: without the upload the trace is unknown.
    assertThat(get("/trace/" + A).statusCode()).isEqualTo(404);
    assertThat(get("/api/traces/" + A).statusCode()).isEqualTo(404);
    // A trace the file does not have.
    assertThat(get("/trace/0123456789abcdef?upload=" + key).body())
        .contains("The file two-traces.ui.json has no trace with ID 0123456789abcdef.");
  }

  @Test
  void otlpJsonOpensToo() throws Exception {
    HttpResponse<String> created = upload(resource("one-trace.otlp.json"), "one-trace.otlp.json");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.body()).contains("\"format\":\"OTLP JSON\"", "\"spans\":2");
    String key = key(created);
    String id = "5b8efff798038103d269b633813fc60c";
    assertThat(get("/upload/" + key).body())
        .contains("<span class=\"root-svc\">frontend</span><span class=\"sep\">: </span>")
        .contains("<span class=\"root-op\">GET /home</span>");
    String spans = get("/trace/" + id + "?view=spans&upload=" + key).body();
    assertThat(spans).contains("load user").contains("From file one-trace.otlp.json");
    assertThat(get("/trace/" + id + "?view=events&upload=" + key).body()).contains("rendered");
  }

  @Test
  void badFilesAreRefusedNamingTheProblem() throws Exception {
    HttpResponse<String> unknown = upload("{\"hello\":\"world\"}".getBytes(), "x.json");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body())
        .contains("\"status\":400")
        .contains("not a trace file Sightline reads")
        .contains("line 1, column 1");
    HttpResponse<String> broken = upload("{\"data\": [ {\"traceID\": ".getBytes(), "y.json");
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(broken.body()).contains("not a trace file Sightline reads: line 1");
    HttpResponse<String> empty = upload(new byte[0], "z.json");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("the file is empty");
    HttpResponse<String> noSpans = upload("{\"data\":[]}".getBytes(), "e.json");
    assertThat(noSpans.statusCode()).isEqualTo(400);
    assertThat(noSpans.body()).contains("holds no span");
    for (HttpResponse<String> r : java.util.List.of(unknown, broken, empty, noSpans)) {
      assertThat(r.body()).doesNotContain("Exception").doesNotContain("at io.sightline");
    }
  }

  @Test
  void aFileOverTheLimitIs413() throws Exception {
    byte[] big = new byte[17 * 1024];
    java.util.Arrays.fill(big, (byte) ' ');
    HttpResponse<String> tooLarge = upload(big, "big.json");
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.body()).contains("too large: at most 16384 bytes");
  }

  @Test
  void unknownAndMalformedKeys() throws Exception {
    HttpResponse<String> gone = get("/upload/0123456789abcdef0123456789abcdef");
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(gone.body()).contains("no longer held");
    HttpResponse<String> bad = get("/trace/" + A + "?upload=nope");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("not an upload key");
  }

  private HttpResponse<String> upload(byte[] body, String name) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/upload?name=" + name))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String key(HttpResponse<String> created) {
    Matcher m = KEY.matcher(created.body());
    assertThat(m.find()).as(created.body()).isTrue();
    return m.group(1);
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = UploadPagesTest.class.getResourceAsStream("/upload/" + name)) {
      return in.readAllBytes();
    }
  }
}
