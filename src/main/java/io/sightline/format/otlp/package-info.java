/**
 * OTLP/JSON ({@code opentelemetry.proto.trace.v1.TracesData}) both ways: {@link
 * io.sightline.format.otlp.OtlpJson#readTraces read} into the domain model with the
 * OpenTelemetry→Jaeger translation Jaeger applies on {@code POST /api/transform}, and {@link
 * io.sightline.format.otlp.OtlpJson#writeTracesData written} from it with the Jaeger→OpenTelemetry
 * translation and the JSON quirks of Jaeger's {@code /api/v3} HTTP gateway (hex IDs, integer enums,
 * 64-bit integers as strings).
 */
package io.sightline.format.otlp;
