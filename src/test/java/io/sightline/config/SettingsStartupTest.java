package io.sightline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.SightlineApplication;
import io.sightline.testing.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * What the operator sees when a setting is wrong: the application stops before wiring anything,
 * with Spring Boot's failure report holding one paragraph that names the environment variable (not
 * the internal {@code sightline.*} property) and what it accepts — no stack trace. The variables
 * are passed as command-line arguments, which the application reads like the environment.
 */
@ExtendWith(OutputCaptureExtension.class)
class SettingsStartupTest {

  @TempDir Path dir;

  /** Starts the application with these settings, expecting it to fail; returns the report. */
  private static String failingStart(CapturedOutput output, String... settings) {
    List<String> args = new ArrayList<>(List.of(settings));
    args.add("--server.port=0");
    args.add("--management.server.port=0");
    assertThatThrownBy(
            () -> SpringApplication.run(SightlineApplication.class, args.toArray(new String[0])))
        .isInstanceOf(RuntimeException.class);
    String out = output.getOut() + output.getErr();
    String report = out.substring(Math.max(0, out.lastIndexOf("APPLICATION FAILED TO START")));
    assertThat(report).as(out).startsWith("APPLICATION FAILED TO START");
    assertThat(out)
        .as("no stack trace, no half-built context, no internal property names")
        .doesNotContain("\tat ")
        .doesNotContain("Exception encountered during context initialization")
        .doesNotContain("Failed to bind properties under");
    return report;
  }

  @Test
  void aBooleanThatIsNotOne(CapturedOutput output) {
    String report =
        failingStart(output, "--SPAN_STORAGE_TYPE=elasticsearch", "--ES_TLS_ENABLED=maybe");
    assertThat(report)
        .contains("Description:\n\nES_TLS_ENABLED=maybe is not a boolean (true or false).\n")
        .contains(
            "Action:\n\nSet ES_TLS_ENABLED to true or false, or unset it (default: false). See"
                + " docs/CONFIGURATION.md.");
  }

  @Test
  void aNumberThatIsNotOne(CapturedOutput output) {
    assertThat(failingStart(output, "--SPAN_STORAGE_TYPE=opensearch", "--ES_MAX_DOC_COUNT=lots"))
        .contains("ES_MAX_DOC_COUNT=lots is not a whole number.");
  }

  @Test
  void aDurationThatIsNotOne(CapturedOutput output) {
    assertThat(failingStart(output, "--SPAN_STORAGE_TYPE=elasticsearch", "--ES_TIMEOUT=5x"))
        .contains("ES_TIMEOUT=5x is not a duration (time: unknown unit \"x\" in duration \"5x\").")
        .contains("a Go duration such as 30s, 1m30s, 500ms or 72h");
  }

  @Test
  void anUnsupportedStorage(CapturedOutput output) {
    assertThat(failingStart(output, "--SPAN_STORAGE_TYPE=cassandra"))
        .contains("SPAN_STORAGE_TYPE=cassandra is not supported by Sightline")
        .contains("Set SPAN_STORAGE_TYPE to elasticsearch or opensearch, or unset it.");
  }

  @Test
  void serverUrlsThatAreNotUrls(CapturedOutput output) {
    assertThat(
            failingStart(
                output,
                "--SPAN_STORAGE_TYPE=elasticsearch",
                "--ES_SERVER_URLS=elasticsearch-client.elasticsearch.svc:9200"))
        .contains(
            "ES_SERVER_URLS=elasticsearch-client.elasticsearch.svc:9200 is not a list of URLs");
  }

  @Test
  void aCaFileThatIsNotThere(CapturedOutput output) {
    assertThat(
            failingStart(
                output,
                "--SPAN_STORAGE_TYPE=elasticsearch",
                "--ES_TLS_ENABLED=true",
                "--ES_TLS_CA=/es-tls/ca.crt"))
        .contains("ES_TLS_CA=/es-tls/ca.crt cannot be read: no such file.");
  }

  @Test
  void aCaFileThatHoldsNoCertificate(CapturedOutput output) throws IOException {
    Path ca = Files.writeString(dir.resolve("ca.crt"), "password=hunter2\n");
    String report =
        failingStart(
            output,
            "--SPAN_STORAGE_TYPE=elasticsearch",
            "--ES_TLS_ENABLED=true",
            "--ES_TLS_CA=" + ca);
    assertThat(report)
        .contains("ES_TLS_CA=" + ca + " holds no PEM certificate (-----BEGIN CERTIFICATE-----).")
        .doesNotContain("hunter2");
  }

  @Test
  void aClientCertificateWithoutItsKey(CapturedOutput output) {
    TestCertificates.Issued ca = TestCertificates.ca("test-ca");
    Path cert = TestCertificates.client(ca, "sightline").writeCertificate(dir.resolve("c.crt"));
    assertThat(
            failingStart(
                output,
                "--SPAN_STORAGE_TYPE=elasticsearch",
                "--ES_TLS_ENABLED=true",
                "--ES_TLS_CERT=" + cert))
        .contains("ES_TLS_CERT is set without ES_TLS_KEY");
  }

  @Test
  void aKeyThatIsNotTheCertificates(CapturedOutput output) {
    TestCertificates.Issued ca = TestCertificates.ca("test-ca");
    Path cert = TestCertificates.client(ca, "sightline").writeCertificate(dir.resolve("c.crt"));
    Path otherKey = TestCertificates.client(ca, "other").writeKey(dir.resolve("other.key"));
    assertThat(
            failingStart(
                output,
                "--SPAN_STORAGE_TYPE=elasticsearch",
                "--ES_TLS_ENABLED=true",
                "--ES_TLS_CERT=" + cert,
                "--ES_TLS_KEY=" + otherKey))
        .contains(
            "ES_TLS_KEY="
                + otherKey
                + " is not the private key of the certificate in ES_TLS_CERT="
                + cert);
  }

  @Test
  void tlsOptionsWithoutTlsEnabled(CapturedOutput output) {
    // jaeger-query refuses this too ("es.tls.* options cannot be used when es.tls.enabled is
    // false"): the operator believes the CA is in use, and it is not.
    assertThat(
            failingStart(
                output, "--SPAN_STORAGE_TYPE=elasticsearch", "--ES_TLS_SKIP_HOST_VERIFY=true"))
        .contains("ES_TLS_SKIP_HOST_VERIFY is set but ES_TLS_ENABLED is not true");
  }

  @Test
  void aBasePathThatIsNotAPath(CapturedOutput output) {
    assertThat(failingStart(output, "--QUERY_BASE_PATH=/jaeger?x"))
        .contains("QUERY_BASE_PATH must be a plain URL path such as /jaeger, not: /jaeger?x");
  }

  @Test
  void aPropertySetDirectlyIsReportedUnderItsVariable(CapturedOutput output) {
    assertThat(
            failingStart(
                output,
                "--SPAN_STORAGE_TYPE=elasticsearch",
                "--sightline.elasticsearch.reading.max-doc-count=lots"))
        .contains(
            "ES_MAX_DOC_COUNT=lots is not valid: expected a whole number, 1 or more (setting"
                + " sightline.elasticsearch.reading.max-doc-count).");
  }

  @Test
  void refusedSwitches(CapturedOutput output) {
    assertThat(failingStart(output, "--MULTI_TENANCY_ENABLED=true"))
        .contains("MULTI_TENANCY_ENABLED=true is not supported by Sightline: multi-tenancy");
  }
}
