package io.sightline.testing.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContext;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContextProvider;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The engine of {@link SearchServerTest}: one class-template invocation per selected server, each
 * resolving {@link SearchServer} and {@link IndexPrefix} parameters for its tests.
 */
final class SearchServerExtension implements ClassTemplateInvocationContextProvider {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SearchServerExtension.class);

  @Override
  public boolean supportsClassTemplate(ExtensionContext context) {
    return true;
  }

  @Override
  public Stream<ClassTemplateInvocationContext> provideClassTemplateInvocationContexts(
      ExtensionContext context) {
    SearchServers registry = registry(context);
    List<SearchServer> servers = registry.servers();
    SearchServerTest test =
        AnnotationSupport.findAnnotation(context.getRequiredTestClass(), SearchServerTest.class)
            .orElse(null);
    if (test != null && test.oneServer() && servers.size() > 1) {
      servers = List.of(preferred(servers));
    }
    return servers.stream().map(server -> invocation(server, registry));
  }

  /** Elasticsearch 8.19 when selected, else the first server. */
  static SearchServer preferred(List<SearchServer> servers) {
    return servers.stream()
        .filter(s -> s.id().equals(PREFERRED))
        .findFirst()
        .orElse(servers.get(0));
  }

  private static final String PREFERRED = "es-8.19.0";

  static SearchServers registry(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(
            SearchServers.class,
            k -> new SearchServers(HarnessSettings.fromEnvironment()),
            SearchServers.class);
  }

  private static ClassTemplateInvocationContext invocation(
      SearchServer server, SearchServers registry) {
    return new ClassTemplateInvocationContext() {
      @Override
      public String getDisplayName(int invocationIndex) {
        return server.id();
      }

      @Override
      public List<Extension> getAdditionalExtensions() {
        return List.of(new Resolver(server, registry.settings().keepIndices()));
      }
    };
  }

  /** Resolves the invocation's server, and a prefix per test. */
  private record Resolver(SearchServer server, boolean keepIndices) implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      Class<?> type = parameter.getParameter().getType();
      return type == SearchServer.class || type == IndexPrefix.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      if (parameter.getParameter().getType() == SearchServer.class) {
        return server;
      }
      return context
          .getStore(NAMESPACE)
          .computeIfAbsent(
              IndexPrefix.class,
              k ->
                  new OwnedPrefix(
                      IndexPrefix.forTest(
                          context.getRequiredTestClass().getName(),
                          context.getTestMethod().map(m -> m.getName()).orElse(null)),
                      server,
                      keepIndices),
              OwnedPrefix.class)
          .prefix();
    }
  }

  /** A prefix handed to a test; closing it (JUnit does, after the test) deletes what it made. */
  private record OwnedPrefix(IndexPrefix prefix, SearchServer server, boolean keep)
      implements AutoCloseable {

    @Override
    public void close() {
      if (keep) {
        return;
      }
      try {
        Cleanup.delete(server.url(), prefix.pattern());
      } catch (RuntimeException | IOException e) {
        System.err.println(
            "[search-harness] could not delete " + prefix.pattern() + " on " + server + ": " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Deletes indices and templates by pattern, resolving names first (no wildcard deletes). */
  static final class Cleanup {

    private static final HttpClient HTTP =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Cleanup() {}

    static void delete(URI server, String pattern) throws IOException, InterruptedException {
      String encoded = URLEncoder.encode(pattern, StandardCharsets.UTF_8).replace("%2A", "*");
      List<String> indices = new ArrayList<>();
      JsonNode cat =
          get(server, "/_cat/indices/" + encoded + "?h=index&format=json&expand_wildcards=all");
      cat.forEach(row -> indices.add(row.path("index").asText()));
      for (int i = 0; i < indices.size(); i += 50) {
        send(server, "/" + String.join(",", indices.subList(i, Math.min(i + 50, indices.size()))));
      }
      get(server, "/_template/" + encoded)
          .fieldNames()
          .forEachRemaining(name -> deleteQuietly(server, "/_template/" + name));
      get(server, "/_index_template/" + encoded)
          .path("index_templates")
          .forEach(t -> deleteQuietly(server, "/_index_template/" + t.path("name").asText()));
    }

    private static JsonNode get(URI server, String path) throws IOException, InterruptedException {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(server + path))
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 404) {
        return JSON.createObjectNode();
      }
      if (response.statusCode() != 200) {
        throw new IOException("GET " + path + " answered " + response.statusCode());
      }
      return JSON.readTree(response.body());
    }

    private static void send(URI server, String path) throws IOException, InterruptedException {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(server + path))
                  .DELETE()
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200 && response.statusCode() != 404) {
        throw new IOException(
            "DELETE " + path + " answered " + response.statusCode() + ": " + response.body());
      }
    }

    private static void deleteQuietly(URI server, String path) {
      try {
        send(server, path);
      } catch (IOException e) {
        System.err.println("[search-harness] " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
