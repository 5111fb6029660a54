/**
 * Go-compatible text: durations ({@code time.ParseDuration}), RFC 3339 times, {@code strconv}
 * numbers and floats, JSON string maps, spelled and parsed exactly as jaeger-query's Go code does.
 * Pure functions with no dependency on any other Sightline package, so every layer may use them.
 */
package io.sightline.gotext;
