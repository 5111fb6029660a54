package io.sightline.config;

import static io.sightline.config.JaegerVariable.Handling.HONOURED;
import static io.sightline.config.JaegerVariable.Handling.IGNORED;
import static io.sightline.config.JaegerVariable.Handling.REFUSED_WHEN_TRUE;
import static io.sightline.config.JaegerVariable.Kind.BOOL;
import static io.sightline.config.JaegerVariable.Kind.DURATION;
import static io.sightline.config.JaegerVariable.Kind.FILE;
import static io.sightline.config.JaegerVariable.Kind.HOST_PORT;
import static io.sightline.config.JaegerVariable.Kind.TEXT;
import static io.sightline.config.JaegerVariable.Kind.URLS;
import static io.sightline.config.JaegerVariable.Kind.choice;
import static io.sightline.config.JaegerVariable.Kind.whole;
import static io.sightline.config.JaegerVariable.Scope.ALWAYS;
import static io.sightline.config.JaegerVariable.Scope.ELASTICSEARCH;
import static io.sightline.config.JaegerVariable.Scope.MEMORY;

import io.sightline.config.JaegerVariable.Handling;
import io.sightline.config.JaegerVariable.Kind;
import io.sightline.config.JaegerVariable.Scope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The audit of jaeger-query's environment: every variable Jaeger v1.76's {@code jaeger-query}
 * accepts with the Elasticsearch storage ({@code cmd/query/app/flags.go}, {@code
 * internal/storage/v1/elasticsearch/options.go} for {@code es.*} and {@code es-archive.*}, {@code
 * internal/config/tlscfg}, the service flags of {@code cmd/internal/flags}, tenancy, the storage
 * factory's {@code *_STORAGE_TYPE}), plus the settings of the Jaeger client library that
 * deployments carry along ({@code JAEGER_AGENT_PORT}…) and Sightline's own. Each is honoured,
 * accepted and ignored, or refused when switched on. docs/CONFIGURATION.md is the readable form of
 * this list (a test keeps the two in step).
 */
public final class JaegerVariables {

  /** Where the reference documentation lives, for messages. */
  public static final String DOCS = "docs/CONFIGURATION.md";

  private static final String READ_ONLY = "configures writing (collector/ingester)";
  private static final String OWN_UI = "Sightline serves its own UI";
  private static final String RELOADS = "secret files are re-read whenever they change";
  private static final String ARCHIVE_SINGLE_INDEX =
      "the archive is one index (jaeger-span-archive), not rotated";

  private static final Map<String, JaegerVariable> BY_NAME;

  /**
   * Name prefixes of other Jaeger components' settings (collector, agent, ingester, other
   * storages), accepted and ignored as a group: deployments often share one env block.
   */
  private static final Map<String, String> IGNORED_PREFIXES;

  static {
    List<JaegerVariable> all = new ArrayList<>();
    storageAndService(all);
    elasticsearch(all, "ES", false);
    elasticsearch(all, "ES_ARCHIVE", true);
    sightlinesOwn(all);
    Map<String, JaegerVariable> byName = new LinkedHashMap<>();
    for (JaegerVariable v : all) {
      if (byName.put(v.name(), v) != null) {
        throw new IllegalStateException("listed twice: " + v.name());
      }
    }
    BY_NAME = Collections.unmodifiableMap(byName);

    Map<String, String> prefixes = new LinkedHashMap<>();
    prefixes.put(
        "JAEGER_", "the Jaeger client library's settings (Sightline does not trace itself)");
    prefixes.put("COLLECTOR_", "jaeger-collector's settings");
    prefixes.put("REPORTER_", "jaeger-agent's settings");
    prefixes.put("PROCESSOR_", "jaeger-agent's settings");
    prefixes.put("INGESTER_", "jaeger-ingester's settings");
    prefixes.put("KAFKA_", "the Kafka storage's settings");
    prefixes.put("CASSANDRA_", "the Cassandra storage's settings");
    prefixes.put("BADGER_", "the Badger storage's settings");
    prefixes.put("GRPC_STORAGE_", "the gRPC remote storage's settings");
    prefixes.put("DOWNSAMPLING_", "collector-side downsampling");
    prefixes.put("PROMETHEUS_", "the metrics storage of the Monitor tab (not implemented)");
    IGNORED_PREFIXES = Collections.unmodifiableMap(prefixes);
  }

  private JaegerVariables() {}

  /** Every variable, in documentation order. */
  public static List<JaegerVariable> all() {
    return List.copyOf(BY_NAME.values());
  }

  /** The variable of this name, if Sightline knows it by name (prefix groups excluded). */
  public static Optional<JaegerVariable> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** The variable that feeds this {@code sightline.*} property, if any. */
  public static Optional<JaegerVariable> byProperty(String property) {
    return BY_NAME.values().stream()
        .filter(v -> !v.property().isEmpty() && v.property().equals(property))
        .findFirst();
  }

  /** The prefix groups of other components' settings, and why they are ignored. */
  public static Map<String, String> ignoredPrefixes() {
    return IGNORED_PREFIXES;
  }

  /**
   * Kubernetes' service links: for every Service in the namespace, each pod gets {@code
   * <NAME>_SERVICE_HOST}, {@code <NAME>_PORT=tcp://…} and friends (a Service called {@code
   * jaeger-agent} yields {@code JAEGER_AGENT_PORT=tcp://…}). They are nobody's settings.
   */
  private static final Pattern SERVICE_LINK_NAME =
      Pattern.compile(".+_(SERVICE_HOST|SERVICE_PORT(_.+)?|PORT_\\d+_(TCP|UDP|SCTP)(_.+)?)");

  private static final Pattern SERVICE_LINK_VALUE = Pattern.compile("(tcp|udp|sctp)://.*");

  /** Whether this looks like a Kubernetes service-link variable rather than a setting. */
  public static boolean isServiceLink(String name, String value) {
    return SERVICE_LINK_NAME.matcher(name).matches()
        || (name.endsWith("_PORT") && value != null && SERVICE_LINK_VALUE.matcher(value).matches());
  }

  // ---------------------------------------------------------------------------------------------

  private static void storageAndService(List<JaegerVariable> all) {
    all.add(
        honoured(
            "SPAN_STORAGE_TYPE",
            choice("elasticsearch", "opensearch", "memory"),
            "",
            ALWAYS,
            "sightline.storage.type"));
    all.add(
        honoured(
            "DEPENDENCY_STORAGE_TYPE",
            choice("elasticsearch", "opensearch", "memory"),
            "",
            ALWAYS,
            ""));
    all.add(ignored("SAMPLING_STORAGE_TYPE", "adaptive sampling is the collector's business"));
    all.add(ignored("SAMPLING_CONFIG_TYPE", "adaptive sampling is the collector's business"));
    all.add(ignored("METRICS_STORAGE_TYPE", "the Monitor tab's metrics are not implemented"));

    all.add(honoured("QUERY_BASE_PATH", TEXT, "/", ALWAYS, "sightline.query.base-path"));
    all.add(
        honoured(
            "QUERY_MAX_CLOCK_SKEW_ADJUSTMENT",
            DURATION,
            "0s",
            ALWAYS,
            "sightline.query.max-clock-skew-adjustment"));
    all.add(honoured("QUERY_HTTP_SERVER_HOST_PORT", HOST_PORT, ":16686", ALWAYS, "server.port"));
    all.add(
        honoured(
            "QUERY_GRPC_SERVER_HOST_PORT",
            HOST_PORT,
            ":16685",
            ALWAYS,
            "sightline.query.grpc.host-port"));
    serverTls(all, "QUERY_HTTP", "server.ssl");
    serverTls(all, "QUERY_GRPC", "sightline.query.grpc.tls");
    all.add(honoured("COLLECTOR_OTLP_ENABLED", BOOL, "", ALWAYS, "sightline.ingest.otlp.enabled"));
    all.add(
        honoured(
            "COLLECTOR_OTLP_GRPC_HOST_PORT",
            HOST_PORT,
            ":4317",
            ALWAYS,
            "sightline.ingest.otlp.grpc-host-port"));
    all.add(
        honoured(
            "COLLECTOR_OTLP_HTTP_HOST_PORT",
            HOST_PORT,
            ":4318",
            ALWAYS,
            "sightline.ingest.otlp.http-host-port"));
    all.add(ignored("QUERY_STATIC_FILES", OWN_UI));
    all.add(ignored("QUERY_LOG_STATIC_ASSETS_ACCESS", OWN_UI));
    all.add(honoured("QUERY_UI_CONFIG", FILE, "", ALWAYS, "sightline.ui.config"));
    all.add(
        ignored(
            "QUERY_ADDITIONAL_HEADERS",
            "extra response headers are not supported; set them in the ingress/proxy"));
    all.add(ignored("QUERY_ENABLE_TRACING", "Sightline does not trace itself"));
    all.add(
        refused(
            "QUERY_BEARER_TOKEN_PROPAGATION",
            "the caller's bearer token is not passed to the storage; Sightline would query with"
                + " its own credentials instead"));
    all.add(
        refused(
            "MULTI_TENANCY_ENABLED",
            "multi-tenancy is not supported; requests without a tenant header would be served"));
    all.add(ignored("MULTI_TENANCY_HEADER", "multi-tenancy is not supported"));
    all.add(ignored("MULTI_TENANCY_TENANTS", "multi-tenancy is not supported"));

    all.add(
        honoured("ADMIN_HTTP_HOST_PORT", HOST_PORT, ":16687", ALWAYS, "management.server.port"));
    serverTls(all, "ADMIN_HTTP", "management.server.ssl");
    all.add(
        honoured(
            "LOG_LEVEL",
            choice("debug", "info", "warn", "error", "dpanic", "panic", "fatal"),
            "info",
            ALWAYS,
            ""));
    all.add(ignored("LOG_ENCODING", "Sightline writes Spring Boot's plain-text log lines"));
    all.add(ignored("CONFIG_FILE", "settings come from the environment only"));
    all.add(ignored("METRICS_BACKEND", "Prometheus metrics are always on the admin port"));
    all.add(ignored("METRICS_HTTP_ROUTE", "Prometheus metrics are always at /metrics"));
    all.add(ignored("FEATURE_GATES", "Jaeger's feature gates do not apply"));
    all.add(
        honoured("MEMORY_MAX_TRACES", whole(0), "50000", MEMORY, "sightline.memory.max-traces"));
  }

  /** {@code QUERY_HTTP_TLS_*} / {@code ADMIN_HTTP_TLS_*} → Spring Boot's {@code *.ssl.*}. */
  private static void serverTls(List<JaegerVariable> all, String prefix, String boot) {
    String tls = prefix + "_TLS_";
    all.add(honoured(tls + "ENABLED", BOOL, "false", ALWAYS, boot + ".enabled"));
    all.add(honoured(tls + "CERT", FILE, "", ALWAYS, boot + ".certificate"));
    all.add(honoured(tls + "KEY", FILE, "", ALWAYS, boot + ".certificate-private-key"));
    all.add(honoured(tls + "CLIENT_CA", FILE, "", ALWAYS, boot + ".trust-certificate"));
    all.add(honoured(tls + "CIPHER_SUITES", TEXT, "", ALWAYS, boot + ".ciphers"));
    all.add(
        honoured(
            tls + "MIN_VERSION",
            choice("1.0", "1.1", "1.2", "1.3"),
            "",
            ALWAYS,
            boot + ".enabled-protocols"));
    all.add(
        honoured(
            tls + "MAX_VERSION",
            choice("1.0", "1.1", "1.2", "1.3"),
            "",
            ALWAYS,
            boot + ".enabled-protocols"));
    all.add(
        ignored(
            tls + "RELOAD_INTERVAL",
            "certificates are read at start-up; restart to pick up new ones"));
  }

  /**
   * {@code es.*} and {@code es-archive.*}: the same flags for both namespaces, except that some
   * only mean something for one of them.
   */
  private static void elasticsearch(List<JaegerVariable> all, String ns, boolean archive) {
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
    all.add(
        new JaegerVariable(
            ns + "_PASSWORD",
            HONOURED,
            TEXT,
            "",
            ELASTICSEARCH,
            true,
            connection + "password",
            ""));
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
      all.add(esIgnored(ns + "_" + suffix, READ_ONLY));
    }
    all.add(esIgnored(ns + "_ADAPTIVE_SAMPLING_LOOKBACK", READ_ONLY));
    all.add(esIgnored(ns + "_INDEX_ROLLOVER_FREQUENCY_ADAPTIVE_SAMPLING", READ_ONLY));
  }

  private static void sightlinesOwn(List<JaegerVariable> all) {
    all.add(
        new JaegerVariable(
            "SIGHTLINE_QUERY_GRPC_ENABLED",
            HONOURED,
            BOOL,
            "true",
            ALWAYS,
            false,
            "sightline.query.grpc.enabled",
            ""));
    all.add(
        new JaegerVariable(
            "SIGHTLINE_ADMIN_HEALTH_TIMEOUT",
            HONOURED,
            TEXT,
            "2s",
            ALWAYS,
            false,
            "sightline.admin.health-timeout",
            ""));
    all.add(
        new JaegerVariable(
            "SIGHTLINE_ADMIN_HEALTH_CACHE",
            HONOURED,
            TEXT,
            "1s",
            ALWAYS,
            false,
            "sightline.admin.health-cache-duration",
            ""));
    all.add(
        new JaegerVariable(
            "SIGHTLINE_OTLP_QUEUE_SPANS",
            HONOURED,
            TEXT,
            "100000",
            ALWAYS,
            false,
            "sightline.ingest.otlp.queue-spans",
            ""));
    all.add(
        new JaegerVariable(
            "SIGHTLINE_OTLP_MAX_REQUEST_SIZE",
            HONOURED,
            TEXT,
            "16MB",
            ALWAYS,
            false,
            "sightline.ingest.otlp.max-request-size",
            ""));
    all.add(
        sightline(
            "SIGHTLINE_OTLP_DEPENDENCIES_INTERVAL",
            "10s",
            "sightline.ingest.otlp.dependencies-interval"));
    all.add(honoured("SIGHTLINE_DEMO", BOOL, "true", MEMORY, "sightline.demo.enabled"));
    all.add(sightline("SIGHTLINE_DEMO_SEED", "42", "sightline.demo.seed"));
    all.add(sightline("SIGHTLINE_DEMO_TRACE_COUNT", "300", "sightline.demo.trace-count"));
    all.add(sightline("SIGHTLINE_DEMO_WINDOW", "6h", "sightline.demo.window"));
    all.add(sightline("SIGHTLINE_MEMORY_MAX_TRACES", "50000", "sightline.memory.max-traces"));
    all.add(sightline("SIGHTLINE_MEMORY_MAX_SPANS", "500000", "sightline.memory.max-spans"));
    all.add(sightline("SIGHTLINE_MEMORY_MAX_SPAN_AGE", "72h", "sightline.memory.max-span-age"));
    all.add(readBudget("SIGHTLINE_READ_BUDGET_SPANS", "0", "spans"));
    all.add(readBudget("SIGHTLINE_READ_QUEUE", "64", "queue"));
    all.add(readBudget("SIGHTLINE_READ_MAX_WAIT", "10s", "max-wait"));
    all.add(readBudget("SIGHTLINE_STORAGE_CONCURRENCY", "32", "storage-calls"));
    all.add(readBudget("SIGHTLINE_READ_HEAVY_CONCURRENCY", "0", "heavy-reads"));
  }

  /** Admission control of reads, whatever the store: checked by Spring Boot's binding. */
  private static JaegerVariable readBudget(String name, String defaultValue, String property) {
    return new JaegerVariable(
        name, HONOURED, TEXT, defaultValue, ALWAYS, false, "sightline.read-budget." + property, "");
  }

  // ---------------------------------------------------------------------------------------------

  private static JaegerVariable honoured(
      String name, Kind kind, String defaultValue, Scope scope, String property) {
    return new JaegerVariable(name, HONOURED, kind, defaultValue, scope, false, property, "");
  }

  private static JaegerVariable es(String name, Kind kind, String defaultValue, String property) {
    return honoured(name, kind, defaultValue, ELASTICSEARCH, property);
  }

  /** Sightline's own settings of the embedded store: checked by Spring Boot's binding. */
  private static JaegerVariable sightline(String name, String defaultValue, String property) {
    return new JaegerVariable(name, HONOURED, TEXT, defaultValue, MEMORY, false, property, "");
  }

  private static JaegerVariable ignored(String name, String why) {
    return new JaegerVariable(name, IGNORED, TEXT, "", ALWAYS, false, "", why);
  }

  private static JaegerVariable esIgnored(String name, String why) {
    return new JaegerVariable(name, IGNORED, TEXT, "", ELASTICSEARCH, false, "", why);
  }

  private static JaegerVariable refused(String name, String why) {
    return new JaegerVariable(name, REFUSED_WHEN_TRUE, BOOL, "false", ALWAYS, false, "", why);
  }

  private static JaegerVariable refusedEs(String name, String why) {
    return new JaegerVariable(
        name, REFUSED_WHEN_TRUE, BOOL, "false", ELASTICSEARCH, false, "", why);
  }

  /** For tests and documentation: the handling of each variable. */
  static Map<String, Handling> handlings() {
    Map<String, Handling> out = new LinkedHashMap<>();
    BY_NAME.forEach((name, v) -> out.put(name, v.handling()));
    return out;
  }
}
