package io.sightline.storage.elasticsearch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files Jaeger's TLS options name: certificates, and unencrypted private keys in the
 * three encodings Go's {@code tls.X509KeyPair} accepts (PKCS#8, PKCS#1 RSA, SEC1 EC).
 */
final class PemFiles {

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

  /** DER of the rsaEncryption algorithm identifier: SEQUENCE { OID 1.2.840.113549.1.1.1, NULL }. */
  private static final byte[] RSA_ALGORITHM = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };

  /** DER of OID 1.2.840.10045.2.1 (id-ecPublicKey). */
  private static final byte[] EC_PUBLIC_KEY_OID = {
    0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01
  };

  private PemFiles() {}

  /** Every certificate in the file, in order. */
  static List<X509Certificate> certificates(Path file, String setting) {
    List<X509Certificate> certificates = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Block block : blocks(file, setting)) {
        if (block.type().equals("CERTIFICATE")) {
          certificates.add(
              (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
        }
      }
    } catch (CertificateException e) {
      throw new IllegalStateException(
          setting + "=" + file + " holds a certificate that cannot be read: " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new IllegalStateException(
          setting + "=" + file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
    return certificates;
  }

  /** The first private key in the file. */
  static PrivateKey privateKey(Path file, String setting) {
    for (Block block : blocks(file, setting)) {
      PrivateKey key =
          switch (block.type()) {
            case "PRIVATE KEY" ->
                pkcs8(block.der(), file, setting, "RSA", "EC", "Ed25519", "EdDSA");
            case "RSA PRIVATE KEY" -> pkcs8(wrapPkcs1(block.der()), file, setting, "RSA");
            case "EC PRIVATE KEY" ->
                pkcs8(wrapSec1(block.der(), file, setting), file, setting, "EC");
            case "ENCRYPTED PRIVATE KEY" ->
                throw new IllegalStateException(
                    setting + "=" + file + " holds an encrypted private key; give it unencrypted");
            default -> null; // not a key (a certificate in the same file): keep looking
          };
      if (key != null) {
        return key;
      }
    }
    throw new IllegalStateException(
        setting + "=" + file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
  }

  private static PrivateKey pkcs8(byte[] der, Path file, String setting, String... algorithms) {
    for (String algorithm : algorithms) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // Try the next algorithm; PKCS#8 does not say which KeyFactory reads it without parsing.
      }
    }
    throw new IllegalStateException(
        setting + "=" + file + " holds a private key of an unsupported kind (RSA, EC or Ed25519)");
  }

  /** PKCS#1 RSAPrivateKey → PKCS#8 PrivateKeyInfo { version 0, rsaEncryption, OCTET STRING }. */
  private static byte[] wrapPkcs1(byte[] pkcs1) {
    return sequence(concat(new byte[] {0x02, 0x01, 0x00}, RSA_ALGORITHM, octetString(pkcs1)));
  }

  /**
   * SEC1 ECPrivateKey → PKCS#8, taking the named curve from the key's own {@code parameters [0]}.
   */
  private static byte[] wrapSec1(byte[] sec1, Path file, String setting) {
    byte[] curveOid = sec1CurveOid(sec1);
    if (curveOid == null) {
      throw new IllegalStateException(
          setting + "=" + file + " holds an EC key without a named curve; convert it to PKCS#8");
    }
    byte[] algorithm = sequence(concat(EC_PUBLIC_KEY_OID, curveOid));
    return sequence(concat(new byte[] {0x02, 0x01, 0x00}, algorithm, octetString(sec1)));
  }

  /** The DER-encoded curve OID of an ECPrivateKey, or null. */
  private static byte[] sec1CurveOid(byte[] der) {
    // ECPrivateKey ::= SEQUENCE { version INTEGER, privateKey OCTET STRING,
    //                             parameters [0] ECParameters OPTIONAL, publicKey [1] ... }
    int[] seq = header(der, 0);
    if (seq == null || der[0] != 0x30) {
      return null;
    }
    int pos = seq[0];
    int end = Math.min(der.length, seq[0] + seq[1]);
    while (pos < end) {
      int[] h = header(der, pos);
      if (h == null) {
        return null;
      }
      if ((der[pos] & 0xff) == 0xa0) {
        int inner = h[0];
        int[] oid = header(der, inner);
        if (oid == null || der[inner] != 0x06) {
          return null;
        }
        byte[] out = new byte[oid[0] - inner + oid[1]];
        System.arraycopy(der, inner, out, 0, out.length);
        return out;
      }
      pos = h[0] + h[1];
    }
    return null;
  }

  /** {contentStart, contentLength} of the DER element at {@code pos}, or null when malformed. */
  private static int[] header(byte[] der, int pos) {
    if (pos + 2 > der.length) {
      return null;
    }
    int first = der[pos + 1] & 0xff;
    if (first < 0x80) {
      return new int[] {pos + 2, first};
    }
    int count = first & 0x7f;
    if (count == 0 || count > 3 || pos + 2 + count > der.length) {
      return null;
    }
    int length = 0;
    for (int i = 0; i < count; i++) {
      length = (length << 8) | (der[pos + 2 + i] & 0xff);
    }
    return new int[] {pos + 2 + count, length};
  }

  private static byte[] sequence(byte[] content) {
    return tagged(0x30, content);
  }

  private static byte[] octetString(byte[] content) {
    return tagged(0x04, content);
  }

  private static byte[] tagged(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else if (n < 0x10000) {
      out.write(0x82);
      out.write(n >> 8);
      out.write(n);
    } else {
      out.write(0x83);
      out.write(n >> 16);
      out.write(n >> 8);
      out.write(n);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** One PEM block: its type ("CERTIFICATE") and its DER bytes. */
  private static final class Block {
    private final String type;
    private final byte[] der;

    Block(String type, byte[] der) {
      this.type = type;
      this.der = der;
    }

    String type() {
      return type;
    }

    byte[] der() {
      return der;
    }
  }

  private static List<Block> blocks(Path file, String setting) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new IllegalStateException(
          setting + "=" + file + " cannot be read: " + e.getClass().getSimpleName(), e);
    }
    List<Block> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      try {
        blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(setting + "=" + file + " is not valid PEM", e);
      }
    }
    return blocks;
  }
}
