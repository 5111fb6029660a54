package io.sightline.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.boot.ssl.pem.PemSslStore;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;

/**
 * The PEM files of Jaeger's TLS settings ({@code ES_TLS_*}, {@code QUERY_GRPC_TLS_*}) read with
 * Spring Boot's PEM support, checked as Go's {@code tls.X509KeyPair} checks them, and made into key
 * and trust managers by Spring Boot's PEM SSL bundle. A file that cannot be used fails with an
 * {@link IllegalStateException} naming the setting and the file: {@code <setting>=<file>
 * <problem>}.
 */
public final class PemFiles {

  /** A private key's PEM block: PKCS#8, PKCS#1 RSA, SEC1 EC (or an encrypted one). */
  private static final Pattern PRIVATE_KEY =
      Pattern.compile("-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----");

  private PemFiles() {}

  /** A certificate chain and the private key of its first certificate. */
  public record KeyPair(List<X509Certificate> chain, PrivateKey key) {}

  /**
   * The certificate chain and its private key, checked to belong together.
   *
   * @throws IllegalStateException {@code <keySetting>=<key> is not the private key of the
   *     certificate in <certSetting>=<cert>}, or a file's problem
   */
  public static KeyPair keyPair(Path cert, String certSetting, Path key, String keySetting) {
    List<X509Certificate> chain = certificates(cert, certSetting);
    PrivateKey privateKey = privateKey(key, keySetting);
    if (!belongTogether(chain.get(0), privateKey)) {
      throw new IllegalStateException(
          keySetting
              + "="
              + key
              + " is not the private key of the certificate in "
              + certSetting
              + "="
              + cert);
    }
    return new KeyPair(chain, privateKey);
  }

  /** Every certificate in the PEM file, in order. */
  public static List<X509Certificate> certificates(Path file, String setting) {
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
  public static PrivateKey privateKey(Path file, String setting) {
    PemContent content = pem(file, setting);
    if (content.toString().contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
      throw unusable(file, setting, "holds an encrypted private key; give it unencrypted", null);
    }
    if (!PRIVATE_KEY.matcher(content.toString()).find()) {
      throw unusable(file, setting, "holds no PEM private key (-----BEGIN PRIVATE KEY-----)", null);
    }
    return decode(content::getPrivateKey, file, setting, "a private key");
  }

  /**
   * The key managers of {@code own} (null: none) and the trust managers of {@code cas} (null: the
   * JVM's default trust store), made by Spring Boot's PEM SSL bundle.
   */
  public static SslManagerBundle managers(KeyPair own, List<X509Certificate> cas) {
    return SslManagerBundle.from(
        new PemSslStoreBundle(
            own == null ? null : PemSslStore.of(own.chain(), own.key()),
            cas == null ? null : PemSslStore.of(cas, null)),
        SslBundleKey.NONE);
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
}
