package io.sightline.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.Channel;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import io.sightline.grpc.jaeger.v2.SpansResponseChunk;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * What the tests of the gRPC port ask and read as a client would, and how they compare its answers
 * with the HTTP API's.
 */
public final class GrpcTestClients {

  private GrpcTestClients() {}

  /** The services server reflection (v1) lists, as grpcurl's {@code list} asks for them. */
  static List<String> reflectedServices(Channel channel) throws Exception {
    CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests =
        ServerReflectionGrpc.newStub(channel)
            .serverReflectionInfo(
                new StreamObserver<>() {
                  @Override
                  public void onNext(ServerReflectionResponse response) {
                    answer.complete(response);
                  }

                  @Override
                  public void onError(Throwable t) {
                    answer.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {}
                });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
    requests.onCompleted();
    return answer.get(30, TimeUnit.SECONDS).getListServicesResponse().getServiceList().stream()
        .map(ServiceResponse::getName)
        .toList();
  }

  static Timestamp ts(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }

  public static String hex(ByteString bytes) {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }

  /** Spans by trace (32 hex digits), traces in stream order; a chunk never mixes traces. */
  public static Map<String, List<io.sightline.grpc.jaeger.v2.Span>> byTrace(
      java.util.Iterator<SpansResponseChunk> chunks) {
    Map<String, List<io.sightline.grpc.jaeger.v2.Span>> traces = new LinkedHashMap<>();
    chunks.forEachRemaining(
        chunk -> {
          Set<String> ids = new TreeSet<>();
          chunk.getSpansList().forEach(s -> ids.add(hex(s.getTraceId())));
          assertThat(ids).as("traces in one chunk").hasSize(1);
          chunk
              .getSpansList()
              .forEach(
                  s -> traces.computeIfAbsent(hex(s.getTraceId()), k -> new ArrayList<>()).add(s));
        });
    return traces;
  }

  /** The gRPC spans of a trace against the HTTP API's JSON of it, in the same order. */
  public static void assertSameSpans(List<io.sightline.grpc.jaeger.v2.Span> grpc, JsonNode http) {
    JsonNode spans = http.path("spans");
    JsonNode processes = http.path("processes");
    assertThat(grpc).hasSize(spans.size());
    for (int i = 0; i < grpc.size(); i++) {
      io.sightline.grpc.jaeger.v2.Span got = grpc.get(i);
      JsonNode want = spans.get(i);
      String what = want.path("traceID").asString() + "/" + want.path("spanID").asString();
      assertThat(hex(got.getSpanId())).as(what).isEqualTo(want.path("spanID").asString());
      assertThat(got.getOperationName()).as(what).isEqualTo(want.path("operationName").asString());
      assertThat(
              got.getStartTime().getSeconds() * 1_000_000 + got.getStartTime().getNanos() / 1_000)
          .as(what)
          .isEqualTo(want.path("startTime").asLong());
      assertThat(got.getDuration().getSeconds() * 1_000_000 + got.getDuration().getNanos() / 1_000)
          .as(what)
          .isEqualTo(want.path("duration").asLong());
      assertThat(got.getFlags()).as(what).isEqualTo(want.path("flags").asInt());
      assertThat(tags(got.getTagsList())).as(what + " tags").isEqualTo(tags(want.path("tags")));
      List<String> refs = new ArrayList<>();
      got.getReferencesList().forEach(r -> refs.add(r.getRefType() + ":" + hex(r.getSpanId())));
      List<String> wantRefs = new ArrayList<>();
      want.path("references")
          .forEach(
              r -> wantRefs.add(r.path("refType").asString() + ":" + r.path("spanID").asString()));
      assertThat(refs).as(what + " references").isEqualTo(wantRefs);
      List<String> warnings = new ArrayList<>();
      want.path("warnings").forEach(w -> warnings.add(w.asString()));
      assertThat(got.getWarningsList()).as(what + " warnings").isEqualTo(warnings);
      JsonNode process = processes.path(want.path("processID").asString());
      assertThat(got.getProcess().getServiceName())
          .as(what)
          .isEqualTo(process.path("serviceName").asString());
      assertThat(tags(got.getProcess().getTagsList()))
          .as(what + " process tags")
          .isEqualTo(tags(process.path("tags")));
    }
  }

  /** Typed tags as {@code key:type=value}, in order. */
  public static List<String> tags(List<io.sightline.grpc.jaeger.v2.KeyValue> tags) {
    List<String> out = new ArrayList<>();
    for (io.sightline.grpc.jaeger.v2.KeyValue kv : tags) {
      String value =
          switch (kv.getVType()) {
            case STRING -> kv.getVStr();
            case BOOL -> Boolean.toString(kv.getVBool());
            case INT64 -> Long.toString(kv.getVInt64());
            case FLOAT64 -> Double.toString(kv.getVFloat64());
            case BINARY ->
                java.util.Base64.getEncoder().encodeToString(kv.getVBinary().toByteArray());
            default -> "?";
          };
      out.add(
          kv.getKey()
              + ":"
              + kv.getVType().name().toLowerCase(java.util.Locale.ROOT)
              + "="
              + value);
    }
    return out;
  }

  public static List<String> tags(JsonNode tags) {
    List<String> out = new ArrayList<>();
    for (JsonNode kv : tags) {
      String type = kv.path("type").asString();
      JsonNode v = kv.path("value");
      String value =
          switch (type) {
            case "bool" -> Boolean.toString(v.asBoolean());
            case "int64" -> Long.toString(v.asLong());
            case "float64" -> Double.toString(v.asDouble());
            default -> v.asString();
          };
      out.add(kv.path("key").asString() + ":" + type + "=" + value);
    }
    return out;
  }
}
