/**
 * The {@code dependencies} command: one UTC day of stored spans to that day's dependencies
 * document, as Jaeger's spark-dependencies job writes it (docs/DEPENDENCIES.md). A composition root
 * beside {@code load}: it reaches storage only through the domain's ports.
 */
package io.sightline.dependencies;
