/**
 * Wiring: typed settings bound from Jaeger's environment variables, and the beans built from them.
 */
package io.sightline.config;
