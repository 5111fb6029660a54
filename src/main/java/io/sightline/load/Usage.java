package io.sightline.load;

/** What {@code load --help} prints. */
final class Usage {

  private Usage() {}

  static final String TEXT =
      """
      Usage: java -jar sightline.jar load [options] [files or directories...]

      Writes traces into Elasticsearch or OpenSearch exactly as Jaeger's collector does (index
      templates, daily span and service indices), plus one dependencies document per UTC day as
      Jaeger's spark-dependencies job writes it. Starts no server and opens no port.

      Sources (one or both):
        --generate               demo traces of a 13-service web shop
          --spans N              spans of request traces in total (default 100,000; 10k, 1m, 1_000_000)
          --days D               spread over the last D days (default 3; 0.25 = 6 hours)
          --seed S               generator seed (default 42): same seed and --now, same traces
          --large-trace SIZE     also one trace of SIZE spans (e.g. 1k, 10k, 100k); repeatable
          --profile P            shop (default) or storefront (4 services)
          --now TIME             end of the window, RFC 3339 (default: now)
        FILE...                  trace files, or directories of *.json, *.jsonl, *.ndjson files;
                                 the format is recognised from the content:
                                   Jaeger UI JSON ({"data":[...]} from /api/traces, or one trace),
                                   Jaeger model JSON (Jaeger's storage fixtures),
                                   OTLP JSON ({"resourceSpans":[...]}, or one such object a line)
          --shift-to-now         move the files' traces in time so that the newest span ends now
                                 (or at --now), keeping their relative times

      Every file is read and checked whole before anything is written.

      Target (Jaeger's variables; options win):
        SPAN_STORAGE_TYPE        elasticsearch or opensearch (unset: elasticsearch)
        ES_SERVER_URLS           --es URL[,URL...]   (default http://127.0.0.1:9200)
        ES_INDEX_PREFIX          --index-prefix P
        ES_USERNAME, ES_PASSWORD / ES_PASSWORD_FILE, ES_TOKEN_FILE, ES_API_KEY_FILE
        ES_TLS_ENABLED, ES_TLS_CA, ES_TLS_CERT, ES_TLS_KEY, ES_TLS_SKIP_HOST_VERIFY
        ES_TIMEOUT, ES_NUM_SHARDS, ES_NUM_REPLICAS, ES_CREATE_INDEX_TEMPLATES,
        ES_INDEX_DATE_SEPARATOR, ES_INDEX_ROLLOVER_FREQUENCY_SPANS/_SERVICES, ES_USE_ALIASES,
        ES_USE_ILM, ES_TAGS_AS_FIELDS_*, ES_PRIOIRITY_*_TEMPLATE

      Other options:
        --no-dependencies        write no dependencies documents
        --bulk-size N            spans per bulk request (default 1,000)
        --concurrency N          bulk requests in flight (default 2)
        --progress SECONDS       progress on stderr every SECONDS (default 5; 0: never)
        --debug                  stack traces with errors
        -h, --help               this text

      Exit status: 0 loaded; 1 the load failed partway (the message says what was written);
      2 wrong options or settings; 3 a bad input file (nothing written);
      4 the storage cannot be reached or refuses the credentials (nothing written).

      Examples:
        java -jar sightline.jar load --generate --spans 1m --days 3 --es http://localhost:9200
        java -jar sightline.jar load --shift-to-now traces/*.json
      """;
}
