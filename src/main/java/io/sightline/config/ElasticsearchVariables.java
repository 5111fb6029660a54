package io.sightline.config;

import static io.sightline.config.JaegerVariable.Kind.BOOL;
import static io.sightline.config.JaegerVariable.Kind.DURATION;
import static io.sightline.config.JaegerVariable.Kind.FILE;
import static io.sightline.config.JaegerVariable.Kind.TEXT;
import static io.sightline.config.JaegerVariable.Kind.URLS;
import static io.sightline.config.JaegerVariable.Kind.choice;
import static io.sightline.config.JaegerVariable.Kind.whole;
import static io.sightline.config.JaegerVariable.es;
import static io.sightline.config.JaegerVariable.esIgnored;
import static io.sightline.config.JaegerVariable.esSecret;
import static io.sightline.config.JaegerVariable.refusedEs;

import java.util.List;

/**
 * The part of {@link JaegerVariables} that configures the Elasticsearch/OpenSearch storage:
 * jaeger-query's {@code es.*} and {@code es-archive.*} flags ({@code ES_*}, {@code ES_ARCHIVE_*}).
 */
final class ElasticsearchVariables {

  private static final String RELOADS = "secret files are re-read whenever they change";
  private static final String ARCHIVE_SINGLE_INDEX =
      "the archive is one index (jaeger-span-archive), not rotated";

  private ElasticsearchVariables() {}

  /**
   * {@code es.*} and {@code es-archive.*}: the same flags for both namespaces, except that some
   * only mean something for one of them.
   */
  static void add(List<JaegerVariable> all, String ns, boolean archive) {
    String base = archive ? "sightline.elasticsearch.archive." : "sightline.elasticsearch.";
    String connection = base + "connection.";
    String indices = archive ? base : base + "indices.";
    String reading = archive ? base : base + "reading.";
    String tags = base + "tags-as-fields.";
    if (archive) {
      all.add(es(ns + "_ENABLED", BOOL, "false", base + "enabled"));
    }
    // An archive without servers of its own uses the primary connection.
    all.add(
        es(
            ns + "_SERVER_URLS",
            URLS,
            archive ? "" : "http://127.0.0.1:9200",
            connection + "server-urls"));
    all.add(es(ns + "_USERNAME", TEXT, "", connection + "username"));
    all.add(esSecret(ns + "_PASSWORD", connection + "password"));
    all.add(es(ns + "_PASSWORD_FILE", FILE, "", connection + "password-file"));
    all.add(es(ns + "_TOKEN_FILE", FILE, "", connection + "token-file"));
    all.add(es(ns + "_API_KEY_FILE", FILE, "", connection + "api-key-file"));
    // Sightline's default is 30s where jaeger-query has none: a stalled cluster must not hold
    // requests forever.
    all.add(es(ns + "_TIMEOUT", DURATION, "30s", connection + "timeout"));
    all.add(es(ns + "_TLS_ENABLED", BOOL, "false", connection + "tls.enabled"));
    all.add(es(ns + "_TLS_CA", FILE, "", connection + "tls.ca"));
    all.add(es(ns + "_TLS_CERT", FILE, "", connection + "tls.cert"));
    all.add(es(ns + "_TLS_KEY", FILE, "", connection + "tls.key"));
    all.add(es(ns + "_TLS_SERVER_NAME", TEXT, "", connection + "tls.server-name"));
    all.add(es(ns + "_TLS_SKIP_HOST_VERIFY", BOOL, "false", connection + "tls.skip-host-verify"));
    all.add(
        es(ns + "_INDEX_PREFIX", TEXT, "", archive ? base + "index-prefix" : indices + "prefix"));
    all.add(es(ns + "_USE_ALIASES", BOOL, "false", indices + "use-aliases"));
    all.add(es(ns + "_REMOTE_READ_CLUSTERS", TEXT, "", indices + "remote-read-clusters"));
    all.add(es(ns + "_MAX_DOC_COUNT", whole(1), "10000", reading + "max-doc-count"));
    all.add(es(ns + "_CREATE_INDEX_TEMPLATES", BOOL, "true", indices + "create-templates"));
    all.add(es(ns + "_NUM_SHARDS", whole(1), "5", indices + "shards"));
    all.add(es(ns + "_NUM_REPLICAS", whole(0), "1", indices + "replicas"));
    all.add(es(ns + "_TAGS_AS_FIELDS_ALL", BOOL, "false", tags + "all"));
    all.add(es(ns + "_TAGS_AS_FIELDS_INCLUDE", TEXT, "", tags + "include"));
    all.add(es(ns + "_TAGS_AS_FIELDS_CONFIG_FILE", FILE, "", tags + "config-file"));
    all.add(es(ns + "_TAGS_AS_FIELDS_DOT_REPLACEMENT", TEXT, "@", tags + "dot-replacement"));
    if (archive) {
      for (String suffix :
          List.of(
              "INDEX_DATE_SEPARATOR",
              "INDEX_ROLLOVER_FREQUENCY_SPANS",
              "INDEX_ROLLOVER_FREQUENCY_SERVICES",
              "USE_ILM")) {
        all.add(esIgnored(ns + "_" + suffix, ARCHIVE_SINGLE_INDEX));
      }
      all.add(esIgnored(ns + "_SERVICE_CACHE_TTL", "the archive holds no service documents"));
      for (String t : List.of("SPAN", "SERVICE", "DEPENDENCIES")) {
        all.add(esIgnored(ns + "_PRIOIRITY_" + t + "_TEMPLATE", "the archive's template has none"));
      }
      all.add(esIgnored(ns + "_LOG_LEVEL", "see ES_LOG_LEVEL"));
    } else {
      all.add(es(ns + "_INDEX_DATE_SEPARATOR", TEXT, "-", indices + "date-separator"));
      all.add(
          es(
              ns + "_INDEX_ROLLOVER_FREQUENCY_SPANS",
              choice("day", "hour"),
              "day",
              indices + "rollover-frequency-spans"));
      all.add(
          es(
              ns + "_INDEX_ROLLOVER_FREQUENCY_SERVICES",
              choice("day", "hour"),
              "day",
              indices + "rollover-frequency-services"));
      all.add(es(ns + "_USE_ILM", BOOL, "false", indices + "use-ilm"));
      all.add(es(ns + "_MAX_SPAN_AGE", DURATION, "72h", reading + "max-span-age"));
      all.add(es(ns + "_SERVICE_CACHE_TTL", DURATION, "0", reading + "service-cache-ttl"));
      // Jaeger's flag names carry this typo (--es.prioirity-span-template).
      all.add(
          es(ns + "_PRIOIRITY_SPAN_TEMPLATE", whole(0), "0", indices + "priority-span-template"));
      all.add(
          es(
              ns + "_PRIOIRITY_SERVICE_TEMPLATE",
              whole(0),
              "0",
              indices + "priority-service-template"));
      all.add(
          es(
              ns + "_PRIOIRITY_DEPENDENCIES_TEMPLATE",
              whole(0),
              "0",
              indices + "priority-dependencies-template"));
      all.add(es(ns + "_LOG_LEVEL", choice("debug", "info", "error"), "error", ""));
      // Sightline's own, beside Jaeger's.
      all.add(es(ns + "_MAX_TRACE_DURATION", DURATION, "24h", reading + "max-trace-duration"));
      all.add(es(ns + "_CONNECT_TIMEOUT", DURATION, "10s", connection + "connect-timeout"));
    }
    all.add(
        refusedEs(
            ns + "_BEARER_TOKEN_PROPAGATION",
            "the caller's bearer token is not passed to Elasticsearch"));
    all.add(
        refusedEs(
            ns + "_API_KEY_ALLOW_FROM_CONTEXT",
            "the caller's API key is not passed to Elasticsearch"));
    all.add(esIgnored(ns + "_PASSWORD_RELOAD_INTERVAL", RELOADS));
    all.add(esIgnored(ns + "_BEARER_TOKEN_RELOAD_INTERVAL", RELOADS));
    all.add(esIgnored(ns + "_API_KEY_RELOAD_INTERVAL", RELOADS));
    all.add(esIgnored(ns + "_SNIFFER", "Sightline talks to the servers in the URL list"));
    all.add(
        esIgnored(ns + "_SNIFFER_TLS_ENABLED", "Sightline talks to the servers in the URL list"));
    all.add(esIgnored(ns + "_DISABLE_HEALTH_CHECK", "Sightline's client has no background check"));
    all.add(esIgnored(ns + "_VERSION", "the server's version is asked, not configured"));
    all.add(esIgnored(ns + "_SEND_GET_BODY_AS", "searches are always POSTed"));
    all.add(esIgnored(ns + "_HTTP_COMPRESSION", "requests are small; responses are gzip anyway"));
    for (String suffix :
        List.of("BULK_SIZE", "BULK_WORKERS", "BULK_ACTIONS", "BULK_FLUSH_INTERVAL")) {
      all.add(esIgnored(ns + "_" + suffix, JaegerVariables.READ_ONLY));
    }
    all.add(esIgnored(ns + "_ADAPTIVE_SAMPLING_LOOKBACK", JaegerVariables.READ_ONLY));
    all.add(
        esIgnored(ns + "_INDEX_ROLLOVER_FREQUENCY_ADAPTIVE_SAMPLING", JaegerVariables.READ_ONLY));
  }
}
