package io.sightline.testing.search;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One search-server release the ITs can start: {@code es-8.19.0} or {@code os-2.19.1}, as listed in
 * the build property {@code sightline.test.search.servers}. Knows its Maven coordinates and which
 * Java versions run it.
 *
 * @param product Elasticsearch or OpenSearch
 * @param version e.g. {@code 8.19.0}
 */
public record SearchServerVersion(Product product, String version) {

  private static final Pattern ID = Pattern.compile("(es|os)-(\\d+)\\.(\\d+)\\.(\\d+)");

  /** The two product lines. */
  public enum Product {
    ELASTICSEARCH("es", "elasticsearch", "org.elasticsearch.distribution.integ-test-zip", "ES"),
    OPENSEARCH("os", "opensearch", "org.opensearch.distribution.integ-test-zip", "OPENSEARCH");

    final String prefix;
    final String artifactId;
    final String groupId;

    /** Prefix of the start script's variables: {@code ES_JAVA_HOME}, {@code OPENSEARCH_…}. */
    final String envPrefix;

    Product(String prefix, String artifactId, String groupId, String envPrefix) {
      this.prefix = prefix;
      this.artifactId = artifactId;
      this.groupId = groupId;
      this.envPrefix = envPrefix;
    }
  }

  /**
   * Parses an id.
   *
   * @param id {@code es-<x.y.z>} or {@code os-<x.y.z>}
   */
  public static SearchServerVersion parse(String id) {
    Matcher m = ID.matcher(id.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not a search server id: '" + id + "' (expected es-<x.y.z> or os-<x.y.z>)");
    }
    Product product = m.group(1).equals("es") ? Product.ELASTICSEARCH : Product.OPENSEARCH;
    return new SearchServerVersion(product, m.group(2) + "." + m.group(3) + "." + m.group(4));
  }

  /** {@code es-8.19.0}. */
  public String id() {
    return product.prefix + "-" + version;
  }

  public int major() {
    return Integer.parseInt(version.substring(0, version.indexOf('.')));
  }

  private int minor() {
    String rest = version.substring(version.indexOf('.') + 1);
    return Integer.parseInt(rest.substring(0, rest.indexOf('.')));
  }

  public boolean isOpenSearch() {
    return product == Product.OPENSEARCH;
  }

  /** The zip's file name as Maven's dependency plugin copies it. */
  String zipFileName() {
    return product.artifactId + "-" + version + ".zip";
  }

  /** {@code group:artifact:version:zip}. */
  String coordinates() {
    return product.groupId + ":" + product.artifactId + ":" + version + ":zip";
  }

  /** The zip's path inside a Maven local repository. */
  String repositoryPath() {
    return product.groupId.replace('.', '/')
        + "/"
        + product.artifactId
        + "/"
        + version
        + "/"
        + zipFileName();
  }

  /**
   * The lowest Java feature version that runs this server. The zips have no bundled JDK. Measured:
   * ES 7.17 and OpenSearch 1/2 run on 17; ES 9 and OpenSearch 3 need 21.
   */
  int minJava() {
    if (product == Product.ELASTICSEARCH) {
      return major() >= 9 ? 21 : major() == 8 ? 17 : 11;
    }
    return major() >= 3 ? 21 : 11;
  }

  /**
   * The highest Java feature version that runs it. Servers that install a Security Manager (ES 7,
   * OpenSearch 1/2) fail on 24+, where it is gone; ES 9.0 refuses 25 (9.1 accepts it).
   */
  int maxJava() {
    if (product == Product.ELASTICSEARCH) {
      if (major() <= 7) {
        return 23;
      }
      return major() == 9 && minor() == 0 ? 24 : Integer.MAX_VALUE;
    }
    return major() <= 2 ? 23 : Integer.MAX_VALUE;
  }

  /** For messages: {@code Java 17–23} or {@code Java 21 or later}. */
  String javaRange() {
    return maxJava() == Integer.MAX_VALUE
        ? "Java " + minJava() + " or later"
        : "Java " + minJava() + " to " + maxJava();
  }

  @Override
  public String toString() {
    return id();
  }
}
