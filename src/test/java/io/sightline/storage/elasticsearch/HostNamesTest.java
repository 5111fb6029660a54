package io.sightline.storage.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.testing.TestCertificates;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code ES_TLS_SERVER_NAME} matching, as Go's {@code VerifyHostname}. */
class HostNamesTest {

  @ParameterizedTest(name = "{0} ~ {1}: {2}")
  @CsvSource({
    "es.example.com, es.example.com, true",
    "ES.Example.COM, es.example.com., true",
    "*.example.com, es.example.com, true",
    "*.example.com, a.b.example.com, false",
    "*.example.com, example.com, false",
    "*.com, example.com, false",
    "es.example.com, es.example.org, false",
    "e*.example.com, es.example.com, false"
  })
  void names(String pattern, String host, boolean matches) {
    assertThat(HostNames.matches(pattern, host)).isEqualTo(matches);
  }

  @Test
  void subjectAlternativeNamesOnly() throws CertificateException {
    TestCertificates.Issued ca = TestCertificates.ca("ca");
    X509Certificate cert =
        TestCertificates.server(ca, "es.sightline.test", "10.1.2.3").certificate();
    HostNames.verify(cert, "es.sightline.test", "ES_TLS_SERVER_NAME");
    HostNames.verify(cert, "10.1.2.3", "ES_TLS_SERVER_NAME");
    assertThatThrownBy(() -> HostNames.verify(cert, "10.1.2.4", "ES_TLS_SERVER_NAME"))
        .hasMessage(
            "the server certificate is for es.sightline.test, 10.1.2.3, not 10.1.2.4"
                + " (ES_TLS_SERVER_NAME)");
    // The subject's common name does not count (Go ignores it since 1.15).
    X509Certificate cnOnly = TestCertificates.client(ca, "es.sightline.test").certificate();
    assertThatThrownBy(() -> HostNames.verify(cnOnly, "es.sightline.test", "ES_TLS_SERVER_NAME"))
        .hasMessageContaining("is for no host name");
  }
}
