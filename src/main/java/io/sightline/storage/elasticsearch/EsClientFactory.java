package io.sightline.storage.elasticsearch;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sightline.storage.elasticsearch.client.Credentials;
import io.sightline.storage.elasticsearch.client.EsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;

/**
 * Builds an {@link EsClient} from {@link ElasticsearchProperties.Connection}. Building checks the
 * settings and reads the certificate and secret files, but does not connect: the first request
 * does.
 */
public final class EsClientFactory {

  private EsClientFactory() {}

  /** A client with a default mapper (unknown JSON properties are ignored). */
  public static EsClient create(ElasticsearchProperties.Connection connection) {
    return create(
        connection,
        JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());
  }

  /** A client of the primary connection ({@code ES_*}) reading and writing with this mapper. */
  public static EsClient create(
      ElasticsearchProperties.Connection connection, ObjectMapper mapper) {
    return create(connection, mapper, "ES");
  }

  /**
   * A client reading and writing JSON with this mapper.
   *
   * @param mapper the Jackson 2 mapper for request bodies and responses
   * @param prefix the variables' prefix for messages: {@code ES}, or {@code ES_ARCHIVE} for the
   *     archive's own connection
   * @throws IllegalStateException naming the variable when a setting is invalid
   */
  public static EsClient create(
      ElasticsearchProperties.Connection connection, ObjectMapper mapper, String prefix) {
    List<URI> servers = servers(connection.serverUrls(), prefix);
    Credentials credentials = CredentialFiles.from(connection, prefix);
    SSLContext tls = TlsContexts.create(connection.tls(), prefix);
    HttpClient.Builder http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connection.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER);
    if (tls != null) {
      http.sslContext(tls);
    }
    return new EsClient(
        http.build(),
        servers,
        credentials,
        connection.requestTimeout(),
        mapper,
        CredentialFiles.user(connection),
        prefix);
  }

  /**
   * Checks the connection settings as {@link #create} would — server URLs, TLS files (the client
   * certificate's key must belong to it), secret files — without building a client, connecting or
   * logging. Start-up calls it before anything else, so that a bad file stops it at once.
   *
   * @param prefix {@code ES} or {@code ES_ARCHIVE}, for messages
   * @throws IllegalStateException naming the variable
   */
  public static void validate(ElasticsearchProperties.Connection connection, String prefix) {
    servers(connection.serverUrls(), prefix);
    CredentialFiles.check(connection, prefix);
    TlsContexts.check(connection.tls(), prefix);
  }

  static List<URI> servers(List<String> urls) {
    return servers(urls, "ES");
  }

  static List<URI> servers(List<String> urls, String prefix) {
    String variable = prefix + "_SERVER_URLS";
    if (urls.isEmpty()) {
      throw new IllegalStateException(variable + " is empty");
    }
    List<URI> servers = new ArrayList<>();
    for (String url : urls) {
      URI uri;
      try {
        uri = URI.create(url);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(variable + "=" + EsClient.redact(url) + " is not a URL", e);
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
        throw new IllegalStateException(
            variable
                + "="
                + EsClient.redact(url)
                + " is not a full URL such as http://localhost:9200");
      }
      if (uri.getRawUserInfo() != null) {
        throw new IllegalStateException(
            variable
                + "="
                + EsClient.redact(url)
                + " carries credentials in the URL; set "
                + prefix
                + "_USERNAME and "
                + prefix
                + "_PASSWORD instead");
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new IllegalStateException(
            variable + "=" + EsClient.redact(url) + " must not have a query or fragment");
      }
      String path = uri.getRawPath() == null ? "" : uri.getRawPath();
      while (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      servers.add(
          URI.create(
              scheme + "://" + uri.getRawAuthority() + path)); // a path prefix (a proxy's) is kept
    }
    return servers;
  }
}
