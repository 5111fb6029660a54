package io.sightline.testing.search;

import io.sightline.testing.TestCertificates;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * What makes a test server secured (Elasticsearch 8+ with x-pack security): HTTP over TLS with a
 * certificate the test's own CA signed for {@link #HOST_NAME} only (so that neither {@code
 * 127.0.0.1} nor {@code localhost} matches it), optionally requiring client certificates, and
 * users: a file-realm superuser made with {@code bin/elasticsearch-users useradd … -r superuser}, a
 * user who may only monitor the cluster, and the built-in {@code elastic} user, whose password is
 * the keystore's {@code bootstrap.password} (the {@code .security} index, where Elasticsearch would
 * keep it, cannot be created by the integ-test zip). The tools run as the server's user, before the
 * server starts.
 */
final class SecuredSetup {

  /** The only name in the server's certificate. */
  static final String HOST_NAME = "es.sightline.test";

  /** A role of {@code config/roles.yml} that may watch the cluster but read no index. */
  static final String MONITOR_ROLE = "sightline_monitor_only";

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The test's PKI: one CA, a server certificate, a client certificate, as PEM files. */
  record Pki(
      Path directory,
      Path ca,
      Path serverCertificate,
      Path serverKey,
      Path clientCertificate,
      Path clientKey,
      TestCertificates.Issued caIssued,
      TestCertificates.Issued client) {

    static Pki create(Path directory) {
      TestCertificates.Issued ca = TestCertificates.ca("Sightline test CA");
      TestCertificates.Issued server = TestCertificates.server(ca, HOST_NAME);
      TestCertificates.Issued client = TestCertificates.client(ca, "sightline-it-client");
      return new Pki(
          directory,
          ca.writeCertificate(directory.resolve("ca.crt")),
          server.writeCertificate(directory.resolve("http.crt")),
          server.writeKey(directory.resolve("http.key")),
          client.writeCertificate(directory.resolve("client.crt")),
          client.writeKey(directory.resolve("client.key")),
          ca,
          client);
    }
  }

  private final String name;
  private final Pki pki;
  private final boolean requireClientCertificates;
  private final SearchUser superuser;
  private final SearchUser elastic;
  private final SearchUser monitor;

  SecuredSetup(String name, Pki pki, boolean requireClientCertificates) {
    this.name = name;
    this.pki = pki;
    this.requireClientCertificates = requireClientCertificates;
    this.superuser = new SearchUser("sightline-it", password());
    this.elastic = new SearchUser("elastic", password());
    this.monitor = new SearchUser("sightline-monitor", password());
  }

  /** Random, and with characters that must survive every layer literally ({@code $}, braces). */
  private static String password() {
    byte[] bytes = new byte[9];
    RANDOM.nextBytes(bytes);
    return "It-" + HexFormat.of().formatHex(bytes) + "-${NOT_A_PLACEHOLDER}";
  }

  String name() {
    return name;
  }

  Pki pki() {
    return pki;
  }

  boolean requiresClientCertificates() {
    return requireClientCertificates;
  }

  SearchUser superuser() {
    return superuser;
  }

  SearchUser elastic() {
    return elastic;
  }

  SearchUser monitor() {
    return monitor;
  }

  /** Puts the TLS files and the monitor role in the server's config directory. */
  void copyFiles(Path config) {
    try {
      Files.copy(pki.ca(), config.resolve("ca.crt"), StandardCopyOption.REPLACE_EXISTING);
      Files.copy(
          pki.serverCertificate(), config.resolve("http.crt"), StandardCopyOption.REPLACE_EXISTING);
      Files.copy(pki.serverKey(), config.resolve("http.key"), StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(
          config.resolve("roles.yml"),
          "\n" + MONITOR_ROLE + ":\n  cluster: [ \"monitor\" ]\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs the distribution's tools: {@code elasticsearch-keystore} (the {@code elastic} user's
   * bootstrap password) and {@code elasticsearch-users} (the file-realm users).
   *
   * @param runAs the command prefix that runs as the server's user (empty when not root)
   */
  void runTools(Path home, List<String> runAs, Path jdk) {
    Path bin = home.resolve("bin");
    tool(home, runAs, jdk, null, bin.resolve("elasticsearch-keystore").toString(), "create");
    tool(
        home,
        runAs,
        jdk,
        elastic.password() + "\n",
        bin.resolve("elasticsearch-keystore").toString(),
        "add",
        "-x",
        "bootstrap.password");
    String users = bin.resolve("elasticsearch-users").toString();
    tool(
        home,
        runAs,
        jdk,
        null,
        users,
        "useradd",
        superuser.name(),
        "-p",
        superuser.password(),
        "-r",
        "superuser");
    tool(
        home,
        runAs,
        jdk,
        null,
        users,
        "useradd",
        monitor.name(),
        "-p",
        monitor.password(),
        "-r",
        MONITOR_ROLE);
  }

  private static void tool(
      Path home, List<String> runAs, Path jdk, String stdin, String... command) {
    List<String> full = new ArrayList<>(runAs);
    full.addAll(List.of(command));
    ProcessBuilder builder = new ProcessBuilder(full).directory(home.toFile());
    Map<String, String> env = builder.environment();
    for (String inherited :
        List.of(
            "JAVA_TOOL_OPTIONS",
            "_JAVA_OPTIONS",
            "JDK_JAVA_OPTIONS",
            "ES_PATH_CONF",
            "JAVA_HOME")) {
      env.remove(inherited);
    }
    env.put("ES_JAVA_HOME", jdk.toString());
    builder.redirectErrorStream(true);
    try {
      Process process = builder.start();
      try (OutputStream in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(
            command[0].substring(command[0].lastIndexOf('/') + 1)
                + " "
                + command[1]
                + " failed:\n"
                + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Security on, HTTP over TLS with the test's certificate. */
  List<String> serverSettings() {
    return List.of(
        "-Expack.security.enabled=true",
        "-Expack.security.http.ssl.enabled=true",
        "-Expack.security.http.ssl.certificate=http.crt",
        "-Expack.security.http.ssl.key=http.key",
        "-Expack.security.http.ssl.certificate_authorities=ca.crt",
        "-Expack.security.http.ssl.client_authentication="
            + (requireClientCertificates ? "required" : "none"),
        // One node: no transport TLS needed (a bootstrap check only warns in this mode).
        "-Expack.security.transport.ssl.enabled=false");
  }

  /**
   * The harness's own TLS towards the server (health checks): the chain is checked against the test
   * CA, the host name is not (the harness connects to 127.0.0.1); the client certificate is
   * presented when the server requires one.
   */
  SSLContext harnessTls() {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", pki.caIssued().certificate());
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      X509ExtendedTrustManager chain = null;
      for (TrustManager manager : tmf.getTrustManagers()) {
        if (manager instanceof X509ExtendedTrustManager extended) {
          chain = extended;
        }
      }
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(
          "client",
          pki.client().keys().getPrivate(),
          new char[0],
          new X509Certificate[] {pki.client().certificate()});
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, new char[0]);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          kmf.getKeyManagers(), new TrustManager[] {new ChainOnly(chain)}, new SecureRandom());
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  String harnessAuthorization() {
    return superuser.basicAuthorization();
  }

  /** Chain validation without the host-name check. */
  private static final class ChainOnly extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager chain;

    ChainOnly(X509ExtendedTrustManager chain) {
      this.chain = chain;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certificates, String authType)
        throws CertificateException {
      chain.checkServerTrusted(certificates, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certificates, String authType, Socket socket)
        throws CertificateException {
      chain.checkServerTrusted(certificates, authType);
    }

    @Override
    public void checkServerTrusted(
        X509Certificate[] certificates, String authType, SSLEngine engine)
        throws CertificateException {
      chain.checkServerTrusted(certificates, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certificates, String authType) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certificates, String authType, Socket socket) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void checkClientTrusted(
        X509Certificate[] certificates, String authType, SSLEngine engine) {
      throw new UnsupportedOperationException();
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return chain.getAcceptedIssuers();
    }
  }
}
