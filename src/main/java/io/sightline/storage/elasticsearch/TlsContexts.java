package io.sightline.storage.elasticsearch;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.boot.ssl.pem.PemSslStore;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;

/**
 * Builds the {@link SSLContext} of one client from Jaeger's {@code ES_TLS_*} settings, with Spring
 * Boot's PEM SSL bundle support ({@link PemContent}, {@link PemSslStoreBundle}) reading the files
 * and making the stores. Everything is per client: no JVM-wide property or default is touched.
 */
final class TlsContexts {

  private static final Logger log = LoggerFactory.getLogger(TlsContexts.class);

  /** A private key's PEM block: PKCS#8, PKCS#1 RSA, SEC1 EC (or an encrypted one). */
  private static final Pattern PRIVATE_KEY =
      Pattern.compile("-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----");

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
      SslManagerBundle managers =
          SslManagerBundle.from(
              new PemSslStoreBundle(
                  material.chain() == null
                      ? null
                      : PemSslStore.of(material.chain(), material.key()),
                  material.cas() == null ? null : PemSslStore.of(material.cas(), null)),
              SslBundleKey.NONE);
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
          material.chain() == null ? null : managers.getKeyManagers(), trust, new SecureRandom());
      return context;
    } catch (GeneralSecurityException | IllegalStateException e) {
      throw new IllegalStateException(
          prefix + "_TLS_*: the TLS settings cannot be used: " + e.getMessage(), e);
    }
  }

  /** What the TLS files hold, read and checked. */
  record Material(List<X509Certificate> cas, List<X509Certificate> chain, PrivateKey key) {}

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
        tls.ca().isEmpty() ? null : certificates(Path.of(tls.ca()), prefix + "_TLS_CA");
    List<X509Certificate> chain = null;
    PrivateKey key = null;
    if (!tls.cert().isEmpty()) {
      chain = certificates(Path.of(tls.cert()), prefix + "_TLS_CERT");
      key = privateKey(Path.of(tls.key()), prefix + "_TLS_KEY");
      if (!belongTogether(chain.get(0), key)) {
        throw new IllegalStateException(
            prefix
                + "_TLS_KEY="
                + tls.key()
                + " is not the private key of the certificate in "
                + prefix
                + "_TLS_CERT="
                + tls.cert());
      }
    }
    return new Material(cas, chain, key);
  }

  /** Every certificate in the PEM file, in order (read by Spring Boot's PEM support). */
  private static List<X509Certificate> certificates(Path file, String setting) {
    PemContent content = pem(file, setting);
    if (!content.toString().contains("-----BEGIN CERTIFICATE-----")) {
      throw unusable(file, setting, "holds no PEM certificate (-----BEGIN CERTIFICATE-----)", null);
    }
    return decode(content::getCertificates, file, setting, "a certificate");
  }

  /**
   * The private key of the PEM file, unencrypted (Jaeger has no key password): PKCS#8, PKCS#1 RSA
   * or SEC1 EC, the encodings Go's {@code tls.X509KeyPair} accepts.
   */
  private static PrivateKey privateKey(Path file, String setting) {
    PemContent content = pem(file, setting);
    if (content.toString().contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
      throw unusable(file, setting, "holds an encrypted private key; give it unencrypted", null);
    }
    if (!PRIVATE_KEY.matcher(content.toString()).find()) {
      throw unusable(file, setting, "holds no PEM private key (-----BEGIN PRIVATE KEY-----)", null);
    }
    return decode(content::getPrivateKey, file, setting, "a private key");
  }

  private static PemContent pem(Path file, String setting) {
    try {
      return PemContent.load(file);
    } catch (IOException e) {
      throw unusable(file, setting, "cannot be read: " + e.getClass().getSimpleName(), e);
    }
  }

  /** What Spring Boot's PEM support decodes, or the failure saying that {@code what} cannot be. */
  private static <T> T decode(Supplier<T> decoding, Path file, String setting, String what) {
    try {
      return decoding.get();
    } catch (IllegalStateException e) {
      throw unusable(file, setting, "holds " + what + " that cannot be read: " + e.getMessage(), e);
    }
  }

  /** The start-up failure of a file that cannot be used: {@code <setting>=<file> <problem>}. */
  private static IllegalStateException unusable(
      Path file, String setting, String problem, Exception cause) {
    return new IllegalStateException(setting + "=" + file + " " + problem, cause);
  }

  /** Whether the key signs what the certificate's public key verifies (Go's X509KeyPair check). */
  private static boolean belongTogether(X509Certificate certificate, PrivateKey key) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default -> key.getAlgorithm(); // Ed25519, EdDSA
        };
    try {
      byte[] probe = "sightline key check".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false; // e.g. an RSA key with an EC certificate
    }
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
