package io.sightline.storage.elasticsearch.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sightline.storage.elasticsearch.client.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * The index templates Jaeger installs before writing (docs/JAEGER-COMPAT.md §3.6), rendered per
 * server family: legacy {@code PUT /_template/<name>} for Elasticsearch 7 and every OpenSearch,
 * composable {@code PUT /_index_template/<name>} for Elasticsearch 8 and later. The mappings are
 * Jaeger's (HEAD: a superset of v1's, adding scope tags and reference attributes); shards,
 * replicas, priorities and ILM come from the settings. Pure.
 */
public final class IndexTemplates {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final JsonNode SPAN_MAPPINGS = load("span.json");
  private static final JsonNode SERVICE_MAPPINGS = load("service.json");

  /**
   * Template settings ({@code ES_NUM_SHARDS}, {@code ES_NUM_REPLICAS}, {@code
   * ES_PRIOIRITY_*_TEMPLATE} — Jaeger's spelling —, {@code ES_USE_ILM}, {@code
   * ES_ILM_POLICY_NAME}).
   *
   * @param shards primary shards per index (Jaeger: 5)
   * @param replicas replicas per shard (Jaeger: 1)
   * @param spanPriority composable template priority of the span template
   * @param servicePriority … of the service template
   * @param dependenciesPriority … of the dependencies template
   * @param useIlm add the read alias and the rollover settings for index lifecycle management
   * @param ilmPolicyName the ILM policy (Elasticsearch only)
   */
  public record Settings(
      int shards,
      int replicas,
      int spanPriority,
      int servicePriority,
      int dependenciesPriority,
      boolean useIlm,
      String ilmPolicyName) {

    public Settings {
      Objects.requireNonNull(ilmPolicyName, "ilmPolicyName");
    }

    /** Jaeger's defaults: 5 shards, 1 replica, priority 0, no ILM. */
    public static Settings defaults() {
      return new Settings(5, 1, 0, 0, 0, false, "jaeger-ilm-policy");
    }
  }

  /**
   * One template to install.
   *
   * @param name the template name
   * @param composable {@code _index_template} (true) or legacy {@code _template}
   * @param body the request body
   */
  public record Template(String name, boolean composable, ObjectNode body) {

    /** The request path, e.g. {@code /_template/jaeger-span}. */
    public String path() {
      return (composable ? "/_index_template/" : "/_template/") + name;
    }
  }

  private final String prefix;
  private final Settings settings;

  public IndexTemplates(String prefix, Settings settings) {
    this.prefix = prefix == null ? "" : prefix;
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * The span, service and dependencies templates for a server.
   *
   * @param composable whether the server takes composable templates (Elasticsearch ≥ 8)
   * @param openSearch whether it is OpenSearch (ISM rather than ILM settings)
   */
  public List<Template> templates(boolean composable, boolean openSearch) {
    return List.of(
        template(
            "jaeger-span", SPAN_MAPPINGS, settings.spanPriority(), true, composable, openSearch),
        template(
            "jaeger-service",
            SERVICE_MAPPINGS,
            settings.servicePriority(),
            true,
            composable,
            openSearch),
        template(
            "jaeger-dependencies",
            JSON.objectNode(),
            settings.dependenciesPriority(),
            false,
            composable,
            openSearch));
  }

  private Template template(
      String baseName,
      JsonNode mappings,
      int priority,
      boolean prefixedLegacyPattern,
      boolean composable,
      boolean openSearch) {
    String name = IndexRotation.prefixed(prefix, baseName);
    ObjectNode indexSettings = JSON.objectNode();
    indexSettings.put("index.number_of_shards", settings.shards());
    indexSettings.put("index.number_of_replicas", settings.replicas());
    indexSettings.put("index.mapping.nested_fields.limit", 50);
    indexSettings.put("index.requests.cache.enable", true);
    ObjectNode aliases = null;
    if (settings.useIlm()) {
      aliases = JSON.objectNode();
      aliases.putObject(name + "-read");
      if (openSearch) {
        indexSettings.put("plugins.index_state_management.rollover_alias", name + "-write");
      } else {
        ObjectNode lifecycle = indexSettings.putObject("lifecycle");
        lifecycle.put("name", settings.ilmPolicyName());
        lifecycle.put("rollover_alias", name + "-write");
      }
    }
    ObjectNode body = JSON.objectNode();
    if (composable) {
      // Composable patterns start with the prefix: a leading * would overlap other prefixes'
      // templates of the same priority, which Elasticsearch 8 rejects.
      body.put("priority", priority);
      body.put("index_patterns", name + "-*");
      ObjectNode template = body.putObject("template");
      if (aliases != null) {
        template.set("aliases", aliases);
      }
      template.set("settings", indexSettings);
      template.set("mappings", mappings.deepCopy());
    } else {
      // Jaeger's legacy patterns have a leading * (and none of the prefix for dependencies).
      body.put("index_patterns", "*" + (prefixedLegacyPattern ? name : baseName) + "-*");
      if (aliases != null) {
        body.set("aliases", aliases);
      }
      body.set("settings", indexSettings);
      body.set("mappings", mappings.deepCopy());
    }
    return new Template(name, composable, body);
  }

  private static JsonNode load(String file) {
    try (InputStream in = IndexTemplates.class.getResourceAsStream("mappings/" + file)) {
      if (in == null) {
        throw new IllegalStateException("mapping resource missing: " + file);
      }
      return JsonCodec.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
