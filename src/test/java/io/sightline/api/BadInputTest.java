package io.sightline.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.sightline.api.v3.ApiV3ExceptionHandler;
import io.sightline.testing.CapturedLogs;
import io.sightline.testing.RawHttp;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Input Tomcat itself parses (real embedded Tomcat, raw sockets): malformed percent-encoding is a
 * 400 naming the parameter in the route's error shape with no log line above debug; raw characters
 * Go's server accepts are accepted; the container's own refusals of {@code /api/*} are enveloped.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "management.server.port=0",
      "sightline.demo.enabled=false",
      "SIGHTLINE_DEMO=false"
    })
class BadInputTest {

  @LocalServerPort int port;

  private CapturedLogs logs;

  @BeforeEach
  void capture() {
    logs = CapturedLogs.capture();
  }

  @AfterEach
  void release() {
    logs.close();
  }

  private static String envelope(String message) {
    return JaegerResponses.errorBody(400, message) + "\n";
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/api/traces?service=%zz|service|invalid URL escape \"%zz\"",
        "/api/traces?service=%e0%80|service|invalid UTF-8 in the decoded value",
        "/api/traces?service=frontend&limit=2%|limit|invalid URL escape \"%\"",
        "/api/dependencies?endTs=%zz|endTs|invalid URL escape \"%zz\"",
        "/api/services/a/operations?x%zz=1|x%zz|invalid URL escape \"%zz\"",
      })
  void malformedEncodingIsA400InTheEnvelopeNamingTheParameter(
      String target, String parameter, String problem) throws Exception {
    RawHttp.Response response = RawHttp.get(port, target);
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.header("Content-Type")).isEqualTo("text/plain;charset=utf-8");
    assertThat(response.body())
        .isEqualTo(envelope("unable to parse param '" + parameter + "': " + problem));
    assertThat(logs.atLeast(Level.INFO)).isEmpty();
  }

  @Test
  void apiV3AnswersInTheGatewaysShape() throws Exception {
    RawHttp.Response response = RawHttp.get(port, "/api/v3/traces?query.service_name=%zz");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body())
        .isEqualTo(
            ApiV3ExceptionHandler.errorBody(
                    400, "unable to parse param 'query.service_name': invalid URL escape \"%zz\"")
                + "\n");
    assertThat(logs.atLeast(Level.INFO)).isEmpty();
  }

  @Test
  void pagesAnswerPlainText() throws Exception {
    RawHttp.Response response = RawHttp.get(port, "/search?service=%e0%80");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body())
        .isEqualTo(
            "400 Bad Request: unable to parse param 'service': invalid UTF-8 in the decoded"
                + " value\n");
  }

  /** curl -g '…/api/traces?service=x&tags={"error":"true"}' as scripts write it. */
  @Test
  void rawBracesQuotesAndBracketsAreAcceptedAsGoAcceptsThem() throws Exception {
    RawHttp.Response response =
        RawHttp.get(port, "/api/traces?service=x&tags={\"error\":\"true\"}&x=[a]|^`\\");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).startsWith("{\"data\":[]");
    RawHttp.Response path = RawHttp.get(port, "/api/services/{a}[b]/operations");
    assertThat(path.status()).isEqualTo(200);
  }

  @Test
  void tooManyParametersIsA400InTheEnvelope() throws Exception {
    StringJoiner query = new StringJoiner("&");
    for (int i = 0; i < 1_500; i++) {
      query.add("p" + i + "=1");
    }
    RawHttp.Response response = RawHttp.get(port, "/api/services?" + query);
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body())
        .isEqualTo(envelope("unable to parse the request parameters: too many parameters"));
    assertThat(logs.atLeast(Level.WARN)).isEmpty();
  }

  /**
   * URLs up to 64 KB are taken (Tomcat's default is 8 KB); a longer request line cannot even be
   * read, so Tomcat cannot tell its route: a plain 400, never a stack trace or a log line.
   */
  @Test
  void longUrlsAreTakenUpTo64KiB() throws Exception {
    assertThat(RawHttp.get(port, "/api/services?x=" + "x".repeat(60_000)).status()).isEqualTo(200);
    RawHttp.Response response = RawHttp.get(port, "/api/traces?service=" + "x".repeat(100_000));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("400 Bad Request\n");
    assertThat(logs.atLeast(Level.WARN)).isEmpty();
  }

  @Test
  void multipartBodiesAreRefusedWith415() throws Exception {
    RawHttp.Response response =
        RawHttp.send(
            port,
            "POST /api/transform HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 3\r\n\r\nabc");
    assertThat(response.status()).isEqualTo(415);
    assertThat(response.body())
        .isEqualTo(JaegerResponses.errorBody(415, "multipart bodies are not accepted") + "\n");
  }
}
