/**
 * Trace files whatever their format: {@link io.sightline.format.file.TraceFileFormat} tells Jaeger
 * UI JSON, Jaeger model JSON and OTLP JSON apart by content and reads each with its reader.
 */
package io.sightline.format.file;
