# syntax=docker/dockerfile:1
#
# Sightline container image: a drop-in replacement for the jaeger-query image (same ports, same
# environment variables).
#
#   docker build -t sightline:dev .
#   docker run --rm -p 16686:16686 -p 16687:16687 -p 4317:4317 -p 4318:4318 sightline:dev
#
# Stage 1 builds the fat jar with the Maven wrapper on a JDK 17 (the project's bytecode level) and
# splits it into Spring Boot's layers. Stage 2 copies the layers, least often changed first, into a
# JRE-only image, so a code change rebuilds and pushes only the small "application" layer.
# src/test/java/io/sightline/deploy/ (DockerfileTest, ContainerLayoutIT) keeps this file in step
# with the layers the jar really produces and runs the app exactly as the ENTRYPOINT below does.

ARG BUILD_IMAGE=eclipse-temurin:17-jdk-noble
ARG RUNTIME_IMAGE=eclipse-temurin:25-jre-noble

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# Wrapper and POM first: they change rarely, so this layer stays cached across code edits.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY src/ src/
# Tests are neither compiled nor run here (they need Elasticsearch/OpenSearch servers and a
# browser); CI runs them with ./mvnw verify. Formatting is CI's business too. ~/.m2 (dependencies
# and the wrapper's Maven) is a BuildKit cache, kept between builds but never part of an image.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp package -Dmaven.test.skip=true -Dspotless.check.skip=true \
 && mkdir -p /layers \
 && java -Djarmode=tools -jar target/sightline-*.jar extract --layers --launcher --destination /layers

FROM ${RUNTIME_IMAGE}
LABEL org.opencontainers.image.title="Sightline" \
      org.opencontainers.image.description="Jaeger-compatible trace query server and web UI (drop-in for jaeger-query)"
WORKDIR /app
# Dependency-first order: each COPY is one image layer, and only the layers after the first
# changed one are rebuilt. Files stay root-owned and read-only to the runtime user.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./

# A numeric UID/GID so that Kubernetes' runAsNonRoot can verify it without an /etc/passwd entry.
USER 10001:10001

# 16686: UI and /api; 16687: admin (health, Actuator probes, Prometheus metrics);
# 16685: the gRPC query API (jaeger.api_v2/api_v3 QueryService, health, reflection);
# 4317/4318: OTLP ingest over gRPC/HTTP (on by default with the embedded store).
EXPOSE 16686 16687 16685 4317 4318

# Container-aware heap (75% of the memory limit), and exit on OutOfMemoryError so that the
# orchestrator restarts a clean JVM instead of leaving a half-broken one running.
# JAVA_OPTS is appended after these defaults, so it can override them (the last -XX flag wins).
ENV JAVA_OPTS=""
# No HEALTHCHECK: the JRE image has no HTTP client, and Kubernetes uses its own probes on 16687
# (/actuator/health/liveness and /readiness; see helm/sightline).
#
# Exec form, and the shell replaces itself with `exec`, so java runs as PID 1 and receives
# SIGTERM directly (graceful shutdown is configured in application.yml). `set -f` keeps globs in
# JAVA_OPTS (e.g. -Xlog:gc*) literal. Arguments (docker run …/Kubernetes args) go to Sightline.
# The launcher finds the application through the class path ".", i.e. the WORKDIR /app.
ENTRYPOINT ["/bin/sh", "-c", "set -f; exec java -XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError $JAVA_OPTS org.springframework.boot.loader.launch.JarLauncher \"$@\"", "sightline"]
