package io.sightline.storage.elasticsearch.client;

/**
 * What the client talks to. Read from {@code GET /_nodes/_local} and the {@code X-Elastic-Product}
 * response header, never from {@code GET /} (which some distributions answer with 405).
 *
 * @param distribution Elasticsearch or OpenSearch
 * @param version the node's version, e.g. {@code 8.19.0}
 * @param major its major version, e.g. {@code 8}
 */
public record ServerInfo(Distribution distribution, String version, int major) {

  /** The product line. */
  public enum Distribution {
    ELASTICSEARCH("Elasticsearch"),
    OPENSEARCH("OpenSearch");

    private final String displayName;

    Distribution(String displayName) {
      this.displayName = displayName;
    }

    public String displayName() {
      return displayName;
    }
  }

  /**
   * Decides the distribution: Elasticsearch 7.14+ sends {@code X-Elastic-Product: Elasticsearch} on
   * every response and OpenSearch never does; without the header, majors 1–3 are OpenSearch
   * (Elasticsearch before 5 is not supported) and others are Elasticsearch before 7.14.
   *
   * @param version the version string of a node
   * @param elasticProductHeader whether the response carried {@code X-Elastic-Product:
   *     Elasticsearch}
   */
  public static ServerInfo of(String version, boolean elasticProductHeader) {
    int major = major(version);
    Distribution distribution =
        elasticProductHeader || major < 1 || major > 3
            ? Distribution.ELASTICSEARCH
            : Distribution.OPENSEARCH;
    return new ServerInfo(distribution, version, major);
  }

  private static int major(String version) {
    int end = 0;
    while (end < version.length() && Character.isDigit(version.charAt(end))) {
      end++;
    }
    if (end == 0 || end > 4) {
      throw new IllegalArgumentException("not a version: " + version);
    }
    return Integer.parseInt(version.substring(0, end));
  }

  public boolean isOpenSearch() {
    return distribution == Distribution.OPENSEARCH;
  }

  /**
   * Whether Jaeger installs composable templates ({@code PUT /_index_template}) here: Elasticsearch
   * 8 and later. Elasticsearch 7 and every OpenSearch get legacy {@code PUT /_template}.
   */
  public boolean usesComposableTemplates() {
    return distribution == Distribution.ELASTICSEARCH && major >= 8;
  }

  /** For people: {@code Elasticsearch 8.19.0}. */
  public String description() {
    return distribution.displayName() + " " + version;
  }
}
