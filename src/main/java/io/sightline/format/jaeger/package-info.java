/**
 * Jaeger's own JSON formats, read into the domain model: the gogo-protobuf JSON of {@code
 * model.Trace}/{@code model.Span} used by Jaeger's test fixtures.
 */
package io.sightline.format.jaeger;
