/**
 * TLS key material from PEM files, for every layer that serves or dials TLS (the gRPC query port,
 * the Elasticsearch client); like {@code gotext}, it uses nothing of Sightline.
 */
package io.sightline.tls;
