package io.sightline.storage.elasticsearch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a server certificate names a host, as Go's {@code x509.Certificate.VerifyHostname}
 * decides it: subject alternative names only (no common-name fallback), IP addresses against IP
 * entries, host names case-insensitively with a {@code *} allowed as the whole left-most label.
 */
final class HostNames {

  private static final int DNS_NAME = 2;
  private static final int IP_ADDRESS = 7;

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private HostNames() {}

  /**
   * @param setting the variable that named the host, for the message
   * @throws CertificateException saying which names the certificate has
   */
  static void verify(X509Certificate certificate, String host, String setting)
      throws CertificateException {
    List<String> dns = new ArrayList<>();
    List<byte[]> ips = new ArrayList<>();
    List<String> shown = new ArrayList<>();
    Collection<List<?>> names;
    try {
      names = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      throw new CertificateException("the server certificate's names cannot be read", e);
    }
    if (names != null) {
      for (List<?> entry : names) {
        int type = (Integer) entry.get(0);
        String value = String.valueOf(entry.get(1));
        if (type == DNS_NAME) {
          dns.add(value);
          shown.add(value);
        } else if (type == IP_ADDRESS) {
          byte[] address = literal(value);
          if (address != null) {
            ips.add(address);
            shown.add(value);
          }
        }
      }
    }
    byte[] hostAddress = literal(host);
    boolean matches =
        hostAddress != null
            ? ips.stream().anyMatch(ip -> Arrays.equals(ip, hostAddress))
            : dns.stream().anyMatch(pattern -> matches(pattern, host));
    if (!matches) {
      throw new CertificateException(
          "the server certificate is for "
              + (shown.isEmpty() ? "no host name" : String.join(", ", shown))
              + ", not "
              + host
              + " ("
              + setting
              + ")");
    }
  }

  /** The bytes of an IP literal, or null for a host name (never a DNS lookup). */
  private static byte[] literal(String text) {
    String s =
        text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    if (!IPV4.matcher(s).matches() && !s.contains(":")) {
      return null;
    }
    try {
      return InetAddress.getByName(s).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  static boolean matches(String pattern, String host) {
    String p = trimDot(pattern.toLowerCase(Locale.ROOT));
    String h = trimDot(host.toLowerCase(Locale.ROOT));
    if (p.isEmpty() || h.isEmpty()) {
      return false;
    }
    String[] patternLabels = p.split("\\.", -1);
    String[] hostLabels = h.split("\\.", -1);
    if (patternLabels.length != hostLabels.length) {
      return false;
    }
    for (int i = 0; i < patternLabels.length; i++) {
      if (i == 0 && patternLabels[i].equals("*") && patternLabels.length > 2) {
        continue;
      }
      if (!patternLabels[i].equals(hostLabels[i])) {
        return false;
      }
    }
    return true;
  }

  private static String trimDot(String name) {
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }
}
