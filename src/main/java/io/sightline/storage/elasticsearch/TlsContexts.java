package io.sightline.storage.elasticsearch;

import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link SSLContext} of one client from Jaeger's {@code ES_TLS_*} settings. Everything
 * is per client: no JVM-wide property or default is touched.
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
      TrustManager[] trust;
      if (tls.skipHostVerify()) {
        log.warn(
            "{}_TLS_SKIP_HOST_VERIFY=true: the Elasticsearch server's certificate chain and host"
                + " name are NOT verified; anyone between Sightline and Elasticsearch can read"
                + " and change the traffic",
            prefix);
        trust = new TrustManager[] {new TrustEverything()};
      } else {
        X509ExtendedTrustManager chain = chainTrust(material.cas());
        trust =
            new TrustManager[] {
              tls.serverName().isEmpty()
                  ? chain
                  : new ServerNameTrust(chain, tls.serverName(), prefix + "_TLS_SERVER_NAME")
            };
      }
      KeyManager[] keys =
          material.chain() == null ? null : clientKey(material.chain(), material.key());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust, new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
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
        tls.ca().isEmpty() ? null : PemFiles.certificates(Path.of(tls.ca()), prefix + "_TLS_CA");
    List<X509Certificate> chain = null;
    PrivateKey key = null;
    if (!tls.cert().isEmpty()) {
      chain = PemFiles.certificates(Path.of(tls.cert()), prefix + "_TLS_CERT");
      key = PemFiles.privateKey(Path.of(tls.key()), prefix + "_TLS_KEY");
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

  /** Whether the key signs what the certificate's public key verifies (Go's X509KeyPair check). */
  private static boolean belongTogether(X509Certificate certificate, PrivateKey key) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default -> key.getAlgorithm(); // Ed25519, EdDSA
        };
    try {
      byte[] probe = "sightline key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      java.security.Signature signer = java.security.Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false; // e.g. an RSA key with an EC certificate
    }
  }

  /** The default trust store, or only these CAs. */
  private static X509ExtendedTrustManager chainTrust(List<X509Certificate> cas)
      throws GeneralSecurityException {
    KeyStore store = null;
    if (cas != null) {
      store = emptyStore();
      for (int i = 0; i < cas.size(); i++) {
        store.setCertificateEntry("ca-" + i, cas.get(i));
      }
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store); // null: the JVM's default trust store
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509ExtendedTrustManager extended) {
        return extended;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager available");
  }

  private static KeyManager[] clientKey(List<X509Certificate> chain, PrivateKey key)
      throws GeneralSecurityException {
    KeyStore store = emptyStore();
    char[] password = new char[0];
    store.setKeyEntry("client", key, password, chain.toArray(new X509Certificate[0]));
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, password);
    return factory.getKeyManagers();
  }

  private static KeyStore emptyStore() throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException(e);
    }
    return store;
  }

  /**
   * Jaeger's {@code ES_TLS_SERVER_NAME} (Go's {@code tls.Config.ServerName}): the chain is verified
   * as usual, but the certificate must name this host instead of the one in the URL, e.g. when the
   * URL holds an IP address or a tunnel. Like Go, only the subject alternative names count.
   */
  private static final class ServerNameTrust extends X509ExtendedTrustManager {

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
    public void checkClientTrusted(X509Certificate[] certificates, String authType) {
      throw new UnsupportedOperationException("client side only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certificates, String authType, Socket socket) {
      throw new UnsupportedOperationException("client side only");
    }

    @Override
    public void checkClientTrusted(
        X509Certificate[] certificates, String authType, SSLEngine engine) {
      throw new UnsupportedOperationException("client side only");
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
  private static final class TrustEverything extends X509ExtendedTrustManager {

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      throw new UnsupportedOperationException("client side only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
      throw new UnsupportedOperationException("client side only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      throw new UnsupportedOperationException("client side only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
