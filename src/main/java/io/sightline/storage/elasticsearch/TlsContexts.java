package io.sightline.storage.elasticsearch;

import io.sightline.tls.PemFiles;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;

/**
 * Builds the {@link SSLContext} of one client from Jaeger's {@code ES_TLS_*} settings, with Spring
 * Boot's PEM SSL bundle support ({@link PemContent}, {@link PemSslStoreBundle}) reading the files
 * and making the stores. Everything is per client: no JVM-wide property or default is touched.
 */
final class TlsContexts {

  private static final Logger log = LoggerFactory.getLogger(TlsContexts.class);

  private TlsContexts() {}

  /**
   * @param prefix the settings' variable prefix for messages: {@code ES} or {@code ES_ARCHIVE}
   * @return the context, or null when the JVM's default context fits (TLS settings off)
   * @throws IllegalStateException naming the setting when a file is missing or unreadable, or when
   *     TLS options are given without {@code ES_TLS_ENABLED=true} (as Jaeger refuses them)
   */
  static SSLContext create(ElasticsearchProperties.Tls tls, String prefix) {
    Material material = check(tls, prefix);
    if (material == null) {
      return null;
    }
    try {
      // Spring Boot's PEM SSL bundle builds the key and trust stores and their managers; only the
      // trust decision is Jaeger's own (skip verification, or another server name).
      SslManagerBundle managers = PemFiles.managers(material.own(), material.cas());
      TrustManager[] trust;
      if (tls.skipHostVerify()) {
        log.warn(
            "{}_TLS_SKIP_HOST_VERIFY=true: the Elasticsearch server's certificate chain and host"
                + " name are NOT verified; anyone between Sightline and Elasticsearch can read"
                + " and change the traffic",
            prefix);
        trust = new TrustManager[] {new TrustEverything()};
      } else if (tls.serverName().isEmpty()) {
        trust = managers.getTrustManagers();
      } else {
        trust =
            new TrustManager[] {
              new ServerNameTrust(
                  chainTrust(managers.getTrustManagers()),
                  tls.serverName(),
                  prefix + "_TLS_SERVER_NAME")
            };
      }
      SSLContext context = SSLContext.getInstance(SslBundle.DEFAULT_PROTOCOL);
      context.init(
          material.own() == null ? null : managers.getKeyManagers(), trust, new SecureRandom());
      return context;
    } catch (GeneralSecurityException | IllegalStateException e) {
      throw new IllegalStateException(
          prefix + "_TLS_*: the TLS settings cannot be used: " + e.getMessage(), e);
    }
  }

  /** What the TLS files hold, read and checked. */
  record Material(List<X509Certificate> cas, PemFiles.KeyPair own) {}

  /**
   * Checks the settings and reads the files, without logging: start-up calls this before logging is
   * set up, to stop at once on a bad file.
   *
   * @return the files' contents, or null when TLS settings are off
   */
  static Material check(ElasticsearchProperties.Tls tls, String prefix) {
    if (!tls.enabled()) {
      String set = tls.firstOptionSet();
      if (set != null) {
        throw new IllegalStateException(
            prefix
                + "_TLS_"
                + set
                + " is set but "
                + prefix
                + "_TLS_ENABLED is not true; like jaeger-query, Sightline uses TLS options only"
                + " with "
                + prefix
                + "_TLS_ENABLED=true");
      }
      return null;
    }
    if (tls.cert().isEmpty() != tls.key().isEmpty()) {
      throw new IllegalStateException(
          (tls.cert().isEmpty() ? prefix + "_TLS_KEY" : prefix + "_TLS_CERT")
              + " is set without "
              + (tls.cert().isEmpty() ? prefix + "_TLS_CERT" : prefix + "_TLS_KEY")
              + ": "
              + prefix
              + "_TLS_CERT and "
              + prefix
              + "_TLS_KEY go together (client certificate and its key)");
    }
    List<X509Certificate> cas =
        tls.ca().isEmpty() ? null : PemFiles.certificates(Path.of(tls.ca()), prefix + "_TLS_CA");
    PemFiles.KeyPair own =
        tls.cert().isEmpty()
            ? null
            : PemFiles.keyPair(
                Path.of(tls.cert()), prefix + "_TLS_CERT", Path.of(tls.key()), prefix + "_TLS_KEY");
    return new Material(cas, own);
  }

  /** The X.509 trust manager among the bundle's (the JVM's default store, or only the CAs). */
  private static X509ExtendedTrustManager chainTrust(TrustManager[] managers)
      throws GeneralSecurityException {
    for (TrustManager manager : managers) {
      if (manager instanceof X509ExtendedTrustManager extended) {
        return extended;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager available");
  }

  /**
   * Jaeger's {@code ES_TLS_SERVER_NAME} (Go's {@code tls.Config.ServerName}): the chain is verified
   * as usual, but the certificate must name this host instead of the one in the URL, e.g. when the
   * URL holds an IP address or a tunnel. Like Go, only the subject alternative names count.
   */
  private static final class ServerNameTrust extends ClientSideTrust {

    private final X509ExtendedTrustManager chain;
    private final String serverName;
    private final String setting;

    ServerNameTrust(X509ExtendedTrustManager chain, String serverName, String setting) {
      this.chain = chain;
      this.serverName = serverName;
      this.setting = setting;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certificates, String authType)
        throws CertificateException {
      // The two-argument check verifies the chain only; the name is checked here instead.
      chain.checkServerTrusted(certificates, authType);
      HostNames.verify(certificates[0], serverName, setting);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certificates, String authType, Socket socket)
        throws CertificateException {
      checkServerTrusted(certificates, authType);
    }

    @Override
    public void checkServerTrusted(
        X509Certificate[] certificates, String authType, SSLEngine engine)
        throws CertificateException {
      checkServerTrusted(certificates, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return chain.getAcceptedIssuers();
    }
  }

  /**
   * Go's {@code InsecureSkipVerify}: accepts any server certificate. It must be an {@link
   * X509ExtendedTrustManager}: JSSE wraps a plain {@code X509TrustManager} in one that still checks
   * the host name, and Jaeger's option skips that too.
   */
  private static final class TrustEverything extends ClientSideTrust {

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /** A trust manager of a client: it checks servers only, never clients. */
  private abstract static class ClientSideTrust extends X509ExtendedTrustManager {

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType) {
      throw new UnsupportedOperationException("client side only");
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
      throw new UnsupportedOperationException("client side only");
    }

    @Override
    public final void checkClientTrusted(
        X509Certificate[] chain, String authType, SSLEngine engine) {
      throw new UnsupportedOperationException("client side only");
    }
  }
}
