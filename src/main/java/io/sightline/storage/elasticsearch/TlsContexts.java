package io.sightline.storage.elasticsearch;

import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
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
   * @return the context, or null when the JVM's default context fits (TLS settings off)
   * @throws IllegalStateException naming the setting when a file is missing or unreadable, or when
   *     TLS options are given without {@code ES_TLS_ENABLED=true} (as Jaeger refuses them)
   */
  static SSLContext create(ElasticsearchProperties.Tls tls) {
    if (!tls.enabled()) {
      if (tls.anyOptionSet()) {
        throw new IllegalStateException(
            "ES_TLS_CA/ES_TLS_CERT/ES_TLS_KEY/ES_TLS_SKIP_HOST_VERIFY are set but ES_TLS_ENABLED"
                + " is not true");
      }
      return null;
    }
    if (tls.cert().isEmpty() != tls.key().isEmpty()) {
      throw new IllegalStateException(
          "ES_TLS_CERT and ES_TLS_KEY go together (client certificate and its key)");
    }
    try {
      TrustManager[] trust;
      if (tls.skipHostVerify()) {
        log.warn(
            "ES_TLS_SKIP_HOST_VERIFY=true: the Elasticsearch server's certificate chain and host"
                + " name are NOT verified; anyone between Sightline and Elasticsearch can read"
                + " and change the traffic");
        trust = new TrustManager[] {new TrustEverything()};
      } else if (!tls.ca().isEmpty()) {
        trust = trustOnly(PemFiles.certificates(Path.of(tls.ca()), "ES_TLS_CA"));
      } else {
        trust = null; // the JVM's default trust store
      }
      KeyManager[] keys = null;
      if (!tls.cert().isEmpty()) {
        keys =
            clientKey(
                PemFiles.certificates(Path.of(tls.cert()), "ES_TLS_CERT"),
                PemFiles.privateKey(Path.of(tls.key()), "ES_TLS_KEY"));
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust, new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS settings cannot be used: " + e.getMessage(), e);
    }
  }

  private static TrustManager[] trustOnly(List<X509Certificate> cas)
      throws GeneralSecurityException {
    KeyStore store = emptyStore();
    for (int i = 0; i < cas.size(); i++) {
      store.setCertificateEntry("ca-" + i, cas.get(i));
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory.getTrustManagers();
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
