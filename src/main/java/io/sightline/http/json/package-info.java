/**
 * Domain → Jaeger's JSON: the UI trace format (processes {@code p1…pn}), written with Jackson 3's
 * streaming generator in Go's {@code encoding/json} style, so that a 100,000-span trace streams to
 * the client without a tree in memory.
 */
package io.sightline.http.json;
