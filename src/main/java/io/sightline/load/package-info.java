/**
 * {@code java -jar sightline.jar load}: writes generated demo traces and trace files (Jaeger UI
 * JSON, Jaeger model JSON, OTLP JSON) into Elasticsearch/OpenSearch through the storage's own
 * writers, as Jaeger's collector and spark-dependencies job would have written them. Runs without a
 * web server. See docs/LOADING.md.
 */
package io.sightline.load;
