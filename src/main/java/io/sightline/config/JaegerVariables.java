package io.sightline.config;

import static io.sightline.config.JaegerVariable.Kind.BOOL;
import static io.sightline.config.JaegerVariable.Kind.DURATION;
import static io.sightline.config.JaegerVariable.Kind.FILE;
import static io.sightline.config.JaegerVariable.Kind.HOST_PORT;
import static io.sightline.config.JaegerVariable.Kind.TEXT;
import static io.sightline.config.JaegerVariable.Kind.choice;
import static io.sightline.config.JaegerVariable.Kind.whole;
import static io.sightline.config.JaegerVariable.Scope.ALWAYS;
import static io.sightline.config.JaegerVariable.Scope.MEMORY;
import static io.sightline.config.JaegerVariable.honoured;
import static io.sightline.config.JaegerVariable.ignored;
import static io.sightline.config.JaegerVariable.refused;
import static io.sightline.config.JaegerVariable.sightline;

import io.sightline.config.JaegerVariable.Handling;
import io.sightline.config.JaegerVariable.Kind;
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

  /** Why the settings of writing are ignored. */
  static final String READ_ONLY = "configures writing (collector/ingester)";

  private static final Kind STORAGE_TYPES = choice("elasticsearch", "opensearch", "memory");

  private static final String OWN_UI = "Sightline serves its own UI";

  private static final Map<String, JaegerVariable> BY_NAME;

  /**
   * Name prefixes of other Jaeger components' settings (collector, agent, ingester, other
   * storages), accepted and ignored as a group: deployments often share one env block.
   */
  private static final Map<String, String> IGNORED_PREFIXES;

  static {
    List<JaegerVariable> all = new ArrayList<>();
    storageAndService(all);
    ElasticsearchVariables.add(all, "ES", false);
    ElasticsearchVariables.add(all, "ES_ARCHIVE", true);
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
    all.add(honoured("SPAN_STORAGE_TYPE", STORAGE_TYPES, "", ALWAYS, "sightline.storage.type"));
    all.add(honoured("DEPENDENCY_STORAGE_TYPE", STORAGE_TYPES, "", ALWAYS, ""));
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

  private static void sightlinesOwn(List<JaegerVariable> all) {
    all.add(
        honoured(
            "SIGHTLINE_QUERY_GRPC_ENABLED", BOOL, "true", ALWAYS, "sightline.query.grpc.enabled"));
    all.add(
        honoured(
            "SIGHTLINE_ADMIN_HEALTH_TIMEOUT",
            TEXT,
            "2s",
            ALWAYS,
            "sightline.admin.health-timeout"));
    all.add(
        honoured(
            "SIGHTLINE_ADMIN_HEALTH_CACHE",
            TEXT,
            "1s",
            ALWAYS,
            "sightline.admin.health-cache-duration"));
    all.add(
        honoured(
            "SIGHTLINE_OTLP_QUEUE_SPANS",
            TEXT,
            "100000",
            ALWAYS,
            "sightline.ingest.otlp.queue-spans"));
    all.add(
        honoured(
            "SIGHTLINE_OTLP_MAX_REQUEST_SIZE",
            TEXT,
            "16MB",
            ALWAYS,
            "sightline.ingest.otlp.max-request-size"));
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
    all.add(ui("SIGHTLINE_UI_UPLOADMAXSIZE", "64MB", "upload-max-size"));
    all.add(ui("SIGHTLINE_UI_UPLOADMAXSPANS", "500000", "upload-max-spans"));
    all.add(ui("SIGHTLINE_UI_UPLOADTTL", "1h", "upload-ttl"));
  }

  /**
   * The pages' own settings (the opened trace files), whatever the store: checked by Spring Boot's
   * binding. Spelled as Spring Boot reads {@code sightline.ui.*} from the environment.
   */
  private static JaegerVariable ui(String name, String defaultValue, String property) {
    return honoured(name, TEXT, defaultValue, ALWAYS, "sightline.ui." + property);
  }

  /** Admission control of reads, whatever the store: checked by Spring Boot's binding. */
  private static JaegerVariable readBudget(String name, String defaultValue, String property) {
    return honoured(name, TEXT, defaultValue, ALWAYS, "sightline.read-budget." + property);
  }

  /** For tests and documentation: the handling of each variable. */
  static Map<String, Handling> handlings() {
    Map<String, Handling> out = new LinkedHashMap<>();
    BY_NAME.forEach((name, v) -> out.put(name, v.handling()));
    return out;
  }
}
