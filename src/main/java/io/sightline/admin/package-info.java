/**
 * The admin port (16687, Spring Boot's management server): Jaeger's health answer on {@code /},
 * Prometheus metrics on {@code /metrics}, Actuator's health probes, and the storage health check
 * behind them, bounded in time and cached.
 */
package io.sightline.admin;
