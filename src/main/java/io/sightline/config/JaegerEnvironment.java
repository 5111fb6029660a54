package io.sightline.config;

import io.sightline.config.JaegerVariable.Handling;
import io.sightline.config.JaegerVariable.Scope;
import io.sightline.storage.StorageType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads jaeger-query's environment the way Sightline uses it: every honoured variable is checked (a
 * bad value stops start-up with an {@link InvalidSettingException} naming the variable) and
 * normalized (Go's boolean spellings, Go durations, blank meaning the default), variables that
 * configure Spring Boot itself (listen addresses, server TLS, log level) are translated, and the
 * ignored ones are collected for one log line. Pure: no Spring, no I/O beyond checking that named
 * files are readable.
 */
final class JaegerEnvironment {

  /** What the environment amounts to. */
  record Result(
      StorageType storage,
      Map<String, String> normalized,
      Map<String, String> bootProperties,
      List<String> ignored,
      List<String> unknown) {}

  /**
   * Prefixes of names that look like jaeger-query settings; unknown ones are likely typos. ({@code
   * SIGHTLINE_*} is not among them: any {@code sightline.*} property can be set that way.)
   */
  private static final List<String> OWN_PREFIXES =
      List.of("ES_", "QUERY_", "ADMIN_HTTP_", "SPAN_STORAGE", "MULTI_TENANCY_");

  /** Variables of those prefixes that belong to something else (Elasticsearch's own scripts). */
  private static final Set<String> NOT_OURS =
      Set.of("ES_JAVA_OPTS", "ES_JAVA_HOME", "ES_PATH_CONF", "ES_TMPDIR", "ES_HOME");

  private JaegerEnvironment() {}

  /**
   * @param raw the environment as given (name → value), values unresolved
   * @param storageSetting the resolved {@code sightline.storage.type} (what {@code
   *     SPAN_STORAGE_TYPE} or a direct property says), or null
   * @throws InvalidSettingException for the first problem found
   */
  static Result read(Map<String, String> raw, String storageSetting) {
    Map<String, String> sorted = new TreeMap<>(raw);
    String spanStorage = sorted.get("SPAN_STORAGE_TYPE");
    if (spanStorage != null && !spanStorage.isBlank()) {
      storageType("SPAN_STORAGE_TYPE", spanStorage);
    }
    StorageType storage = storageType("SPAN_STORAGE_TYPE", storageSetting);

    Map<String, String> normalized = new LinkedHashMap<>();
    List<String> ignored = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (Map.Entry<String, String> entry : sorted.entrySet()) {
      String name = entry.getKey();
      String value = entry.getValue();
      JaegerVariable variable = JaegerVariables.byName(name).orElse(null);
      if (variable == null) {
        if (JaegerVariables.isServiceLink(name, value)) {
          continue;
        }
        if (JaegerVariables.ignoredPrefixes().keySet().stream().anyMatch(name::startsWith)) {
          ignored.add(name);
        } else if (OWN_PREFIXES.stream().anyMatch(name::startsWith) && !NOT_OURS.contains(name)) {
          unknown.add(name + closest(name).map(c -> " (" + c + "?)").orElse(""));
        }
        continue;
      }
      if (!applies(variable.scope(), storage)) {
        ignored.add(name + " (" + notApplicable(variable.scope()) + ")");
        continue;
      }
      if (variable.handling() == Handling.IGNORED) {
        ignored.add(name);
      } else if (variable.handling() == Handling.REFUSED_WHEN_TRUE) {
        if (value != null && !value.isBlank() && VariableValues.bool(variable, value)) {
          throw new InvalidSettingException(
              name,
              name
                  + "=true is not supported by Sightline: "
                  + variable.note()
                  + ", which would be less strict than jaeger-query.",
              "Unset " + name + " (or set it to false). See " + JaegerVariables.DOCS + ".");
        }
      } else {
        normalized.put(name, VariableValues.normalize(variable, value));
      }
    }
    checkTogether(normalized, storage);
    Map<String, String> boot = bootProperties(normalized);
    return new Result(storage, normalized, boot, ignored, unknown);
  }

  static StorageType storageType(String variable, String value) {
    try {
      return StorageType.parse(value);
    } catch (IllegalStateException e) {
      throw new InvalidSettingException(
          variable,
          variable
              + "="
              + VariableValues.safe(value)
              + " is not supported by Sightline, which reads Elasticsearch and OpenSearch (or,"
              + " with the variable unset, its embedded demo store).",
          "Set "
              + variable
              + " to elasticsearch or opensearch, or unset it. See "
              + JaegerVariables.DOCS
              + ".");
    }
  }

  // --- combinations ---------------------------------------------------------------------------

  private static void checkTogether(Map<String, String> normalized, StorageType storage) {
    String dependencies = normalized.get("DEPENDENCY_STORAGE_TYPE");
    if (dependencies != null
        && !dependencies.isEmpty()
        && storageType("DEPENDENCY_STORAGE_TYPE", dependencies) != storage) {
      throw new InvalidSettingException(
          "DEPENDENCY_STORAGE_TYPE",
          "DEPENDENCY_STORAGE_TYPE="
              + dependencies
              + " differs from the span storage ("
              + storage.name().toLowerCase(Locale.ROOT)
              + "): Sightline reads dependencies from the span storage.",
          "Unset DEPENDENCY_STORAGE_TYPE, or set it to the value of SPAN_STORAGE_TYPE.");
    }
    serverTls(normalized, "QUERY_HTTP");
    serverTls(normalized, "QUERY_GRPC");
    serverTls(normalized, "ADMIN_HTTP");
    String query = normalized.get("QUERY_HTTP_SERVER_HOST_PORT");
    String admin = normalized.get("ADMIN_HTTP_HOST_PORT");
    int queryPort = query == null ? 16686 : HostPort.parse(query).port();
    int adminPort = admin == null ? 16687 : HostPort.parse(admin).port();
    if (queryPort != 0 && queryPort == adminPort) {
      throw new InvalidSettingException(
          "ADMIN_HTTP_HOST_PORT",
          "ADMIN_HTTP_HOST_PORT and QUERY_HTTP_SERVER_HOST_PORT both use port "
              + queryPort
              + "; the admin port (health, metrics) must be a port of its own.",
          "Give ADMIN_HTTP_HOST_PORT another port (jaeger-query's default is :16687).");
    }
  }

  /** Jaeger refuses TLS options without {@code *_TLS_ENABLED=true}, and needs cert and key. */
  private static void serverTls(Map<String, String> normalized, String prefix) {
    String tls = prefix + "_TLS_";
    boolean enabled = "true".equals(normalized.get(tls + "ENABLED"));
    for (String option :
        List.of("CERT", "KEY", "CLIENT_CA", "CIPHER_SUITES", "MIN_VERSION", "MAX_VERSION")) {
      String value = normalized.get(tls + option);
      if (!enabled && value != null && !value.isEmpty()) {
        throw new InvalidSettingException(
            tls + option,
            tls + option + " is set but " + tls + "ENABLED is not true.",
            "Set " + tls + "ENABLED=true to serve TLS, or unset " + tls + option + ".");
      }
    }
    if (enabled) {
      for (String required : List.of("CERT", "KEY")) {
        String value = normalized.get(tls + required);
        if (value == null || value.isEmpty()) {
          throw new InvalidSettingException(
              tls + required,
              tls + "ENABLED=true needs " + tls + "CERT and " + tls + "KEY (PEM files).",
              "Set " + tls + "CERT and " + tls + "KEY, or unset " + tls + "ENABLED.");
        }
      }
      String min = normalized.getOrDefault(tls + "MIN_VERSION", "");
      String max = normalized.getOrDefault(tls + "MAX_VERSION", "");
      if (!min.isEmpty() && !max.isEmpty() && min.compareTo(max) > 0) {
        throw new InvalidSettingException(
            tls + "MIN_VERSION",
            tls + "MIN_VERSION=" + min + " is above " + tls + "MAX_VERSION=" + max + ".",
            "Correct " + tls + "MIN_VERSION or " + tls + "MAX_VERSION.");
      }
    }
  }

  // --- Spring Boot's own settings ----------------------------------------------------------------

  /**
   * Listen addresses, server TLS and log levels, in Spring Boot's property names (and the gRPC
   * port's TLS in the same names under {@code sightline.query.grpc.tls}).
   */
  static Map<String, String> bootProperties(Map<String, String> normalized) {
    Map<String, String> boot = new LinkedHashMap<>();
    listen(boot, normalized.get("QUERY_HTTP_SERVER_HOST_PORT"), "server");
    listen(boot, normalized.get("ADMIN_HTTP_HOST_PORT"), "management.server");
    ssl(boot, normalized, "QUERY_HTTP", "server.ssl");
    ssl(boot, normalized, "ADMIN_HTTP", "management.server.ssl");
    // The gRPC query port takes the same settings under its own prefix (GrpcQueryProperties).
    ssl(boot, normalized, "QUERY_GRPC", "sightline.query.grpc.tls");
    String level = normalized.get("LOG_LEVEL");
    if (level != null && !level.isEmpty()) {
      String logback =
          switch (level) {
            case "debug" -> "DEBUG";
            case "info" -> "INFO";
            case "warn" -> "WARN";
            default -> "ERROR"; // error, dpanic, panic, fatal
          };
      // Debug is for Sightline's own code; the framework's debug output is a different tool.
      boot.put("logging.level.root", logback.equals("DEBUG") ? "INFO" : logback);
      boot.put("logging.level.io.sightline", logback);
    }
    if ("debug".equals(normalized.get("ES_LOG_LEVEL"))) {
      boot.put("logging.level.io.sightline.storage.elasticsearch", "DEBUG");
    }
    return boot;
  }

  private static void listen(Map<String, String> boot, String hostPort, String prefix) {
    if (hostPort == null || hostPort.isEmpty()) {
      return;
    }
    HostPort parsed = HostPort.parse(hostPort);
    boot.put(prefix + ".port", Integer.toString(parsed.port()));
    if (!parsed.host().isEmpty()) {
      boot.put(prefix + ".address", parsed.host());
    }
  }

  private static void ssl(
      Map<String, String> boot, Map<String, String> normalized, String prefix, String ssl) {
    String tls = prefix + "_TLS_";
    if (!"true".equals(normalized.get(tls + "ENABLED"))) {
      return;
    }
    boot.put(ssl + ".enabled", "true");
    boot.put(ssl + ".certificate", "file:" + normalized.get(tls + "CERT"));
    boot.put(ssl + ".certificate-private-key", "file:" + normalized.get(tls + "KEY"));
    String clientCa = normalized.getOrDefault(tls + "CLIENT_CA", "");
    if (!clientCa.isEmpty()) {
      // Go's RequireAndVerifyClientCert, which Jaeger uses when a client CA is given.
      boot.put(ssl + ".trust-certificate", "file:" + clientCa);
      boot.put(ssl + ".client-auth", "need");
    }
    String ciphers = normalized.getOrDefault(tls + "CIPHER_SUITES", "");
    if (!ciphers.isEmpty()) {
      boot.put(ssl + ".ciphers", ciphers.replace(" ", ""));
    }
    String min = normalized.getOrDefault(tls + "MIN_VERSION", "");
    String max = normalized.getOrDefault(tls + "MAX_VERSION", "");
    if (!min.isEmpty() || !max.isEmpty()) {
      List<String> protocols = new ArrayList<>();
      for (String version : List.of("1.0", "1.1", "1.2", "1.3")) {
        // Go's defaults: 1.2 up to 1.3.
        boolean aboveMin = version.compareTo(min.isEmpty() ? "1.2" : min) >= 0;
        boolean belowMax = version.compareTo(max.isEmpty() ? "1.3" : max) <= 0;
        if (aboveMin && belowMax) {
          protocols.add("TLSv" + version);
        }
      }
      boot.put(ssl + ".enabled-protocols", String.join(",", protocols));
    }
  }

  // --- helpers -----------------------------------------------------------------------------------

  /** The catalogued name within two edits of this one, if there is exactly such a closest one. */
  static java.util.Optional<String> closest(String name) {
    String best = null;
    int bestDistance = 3;
    for (JaegerVariable v : JaegerVariables.all()) {
      int d = distance(name, v.name(), bestDistance);
      if (d < bestDistance) {
        best = v.name();
        bestDistance = d;
      }
    }
    return java.util.Optional.ofNullable(best);
  }

  /** Levenshtein distance, or {@code limit} when it is at least that. */
  private static int distance(String a, String b, int limit) {
    if (Math.abs(a.length() - b.length()) >= limit) {
      return limit;
    }
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      int rowMin = current[0];
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
        rowMin = Math.min(rowMin, current[j]);
      }
      if (rowMin >= limit) {
        return limit;
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return Math.min(previous[b.length()], limit);
  }

  private static boolean applies(Scope scope, StorageType storage) {
    return switch (scope) {
      case ALWAYS -> true;
      case ELASTICSEARCH -> storage.isElasticsearch();
      case MEMORY -> storage == StorageType.MEMORY;
    };
  }

  private static String notApplicable(Scope scope) {
    return scope == Scope.ELASTICSEARCH
        ? "SPAN_STORAGE_TYPE is not elasticsearch/opensearch"
        : "only for the embedded store";
  }
}
