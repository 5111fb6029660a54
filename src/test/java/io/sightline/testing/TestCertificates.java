package io.sightline.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Certificates a test makes for itself with BouncyCastle: a CA, and server and client certificates
 * it signs, written as the PEM files Elasticsearch and Sightline read (certificates; keys as
 * PKCS#8, PKCS#1 or SEC1), and a server-side {@link SSLContext} for a local HTTPS server. The
 * tests' one certificate generator.
 */
public final class TestCertificates {

  /** A key pair and its certificate. */
  public record Issued(KeyPair keys, X509Certificate certificate) {

    /** Writes the certificate as PEM. */
    public Path writeCertificate(Path file) {
      return pem(file, certificate);
    }

    /** Writes the private key as PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
    public Path writeKey(Path file) {
      StringWriter text = new StringWriter();
      try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
        writer.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return write(file, text.toString());
    }

    /**
     * Writes the private key in OpenSSL's "traditional" form: PKCS#1 ({@code BEGIN RSA PRIVATE
     * KEY}) for RSA, SEC1 with its named curve ({@code BEGIN EC PRIVATE KEY}) for EC.
     */
    public Path writeTraditionalKey(Path file) {
      if (!(keys.getPrivate() instanceof ECPrivateKey key)) {
        return pem(file, keys.getPrivate()); // BouncyCastle writes RSA keys as PKCS#1
      }
      // Re-encoding the JDK's PKCS#8 inner key would leave the curve out, so build SEC1 here.
      PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
      ASN1ObjectIdentifier curve =
          ASN1ObjectIdentifier.getInstance(info.getPrivateKeyAlgorithm().getParameters());
      SubjectPublicKeyInfo publicKey =
          SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
      StringWriter text = new StringWriter();
      try (PemWriter writer = new PemWriter(text)) {
        writer.writeObject(
            new PemObject(
                "EC PRIVATE KEY",
                new org.bouncycastle.asn1.sec.ECPrivateKey(
                        256, key.getS(), publicKey.getPublicKeyData(), new X962Parameters(curve))
                    .getEncoded()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return write(file, text.toString());
    }

    /** A server-side context presenting this certificate and trusting these CAs for clients. */
    public SSLContext serverContext(List<X509Certificate> clientCas) {
      try {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(
            "server", keys.getPrivate(), new char[0], new X509Certificate[] {certificate});
        KeyManagerFactory kmf =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < clientCas.size(); i++) {
          trust.setCertificateEntry("ca" + i, clientCas.get(i));
        }
        TrustManagerFactory tmf =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), RANDOM);
        return context;
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private TestCertificates() {}

  /** A self-signed CA (EC P-256). */
  public static Issued ca(String name) {
    KeyPair keys = ec();
    return new Issued(keys, sign(keys, keys, name, name, true, null, null));
  }

  /**
   * A server certificate signed by the CA.
   *
   * @param names subject alternative names: IP addresses (digits and dots) or DNS names
   */
  public static Issued server(Issued ca, String... names) {
    return leaf(ca, names.length == 0 ? "server" : names[0], KeyPurposeId.id_kp_serverAuth, names);
  }

  /** A client certificate signed by the CA. */
  public static Issued client(Issued ca, String subject) {
    return client(ca, subject, ec());
  }

  /** A client certificate signed by the CA for these keys (e.g. {@link #rsa()}). */
  public static Issued client(Issued ca, String subject, KeyPair keys) {
    return leaf(ca, subject, keys, KeyPurposeId.id_kp_clientAuth);
  }

  private static Issued leaf(Issued ca, String subject, KeyPurposeId purpose, String... names) {
    return leaf(ca, subject, ec(), purpose, names);
  }

  private static Issued leaf(
      Issued ca, String subject, KeyPair keys, KeyPurposeId purpose, String... names) {
    GeneralNames san = null;
    if (names.length > 0) {
      GeneralName[] entries = new GeneralName[names.length];
      for (int i = 0; i < names.length; i++) {
        entries[i] =
            new GeneralName(
                names[i].matches("[0-9.]+") ? GeneralName.iPAddress : GeneralName.dNSName,
                names[i]);
      }
      san = new GeneralNames(entries);
    }
    return new Issued(
        keys,
        sign(
            keys,
            ca.keys(),
            subject,
            ca.certificate().getSubjectX500Principal().getName(),
            false,
            san,
            purpose));
  }

  /** An RSA 2048 key pair. */
  public static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An EC P-256 key pair. */
  public static KeyPair ec() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate sign(
      KeyPair subjectKeys,
      KeyPair issuerKeys,
      String subject,
      String issuer,
      boolean isCa,
      GeneralNames san,
      KeyPurposeId purpose) {
    try {
      Instant now = Instant.now();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              new X500Name(issuer.startsWith("CN=") ? issuer : "CN=" + issuer),
              new BigInteger(64, RANDOM),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(Duration.ofDays(2))),
              new X500Name("CN=" + subject),
              subjectKeys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
      if (isCa) {
        builder.addExtension(
            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } else {
        builder.addExtension(
            Extension.keyUsage,
            true,
            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      }
      if (san != null) {
        builder.addExtension(Extension.subjectAlternativeName, false, san);
      }
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path pem(Path file, Object object) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return write(file, text.toString());
  }

  private static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
