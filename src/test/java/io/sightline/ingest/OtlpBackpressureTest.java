package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.sightline.trace.Span;
import io.sightline.trace.SpanWriter;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The receivers over real gRPC and HTTP in front of a store that holds its writes until released: a
 * full queue is answered with OTLP's retryable statuses and counted as refused, nothing is lost
 * once the store moves again; malformed payloads are refused naming what is wrong.
 */
class OtlpBackpressureTest {

  private static final int CAPACITY = 4;

  /** A store that takes nothing until {@link #open}, then keeps every span. */
  private static final class HeldStore implements SpanWriter {
    final CountDownLatch open = new CountDownLatch(1);
    final List<Span> stored = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void writeSpans(List<Span> spans) {
      try {
        open.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      stored.addAll(spans);
    }
  }

  private final HeldStore store = new HeldStore();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final HttpClient http = HttpClient.newHttpClient();
  private SpanIngest ingest;
  private OtlpGrpcServer grpc;
  private OtlpHttpServer httpServer;
  private ManagedChannel channel;

  @BeforeEach
  void start() {
    ingest = new SpanIngest(store, CAPACITY, 100, Duration.ofSeconds(5), registry);
    InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
    grpc = OtlpGrpcServer.start(any, ingest, 1 << 20);
    httpServer = OtlpHttpServer.start(any, ingest, 1 << 20, 2);
    channel = NettyChannelBuilder.forAddress("127.0.0.1", grpc.port()).usePlaintext().build();
  }

  @AfterEach
  void stop() throws Exception {
    store.open.countDown();
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    grpc.close();
    httpServer.close();
    ingest.close();
  }

  @Test
  void fullQueueIsRetryableOverBothTransportsAndNothingIsLost() throws Exception {
    TraceServiceGrpc.TraceServiceBlockingStub stub = TraceServiceGrpc.newBlockingStub(channel);
    stub.export(request(3, 1)); // queued (the writer holds the first batch)
    stub.export(request(1, 2)); // fills the queue

    assertThatThrownBy(() -> stub.export(request(1, 3)))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
              assertThat(e.getStatus().getDescription()).contains("queue is full");
            });
    HttpResponse<byte[]> busy = post(request(2, 4).toByteArray(), "application/x-protobuf", false);
    assertThat(busy.statusCode()).isEqualTo(503);
    assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(com.google.rpc.Status.parseFrom(busy.body()).getCode())
        .isEqualTo(Status.Code.UNAVAILABLE.value());

    store.open.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (ingest.depth() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(store.stored).hasSize(4);
    assertThat(counter("sightline.ingest.spans.received")).isEqualTo(7);
    assertThat(counter("sightline.ingest.spans.written")).isEqualTo(4);
    assertThat(
            registry
                .get("sightline.ingest.spans.refused")
                .tag("reason", "queue_full")
                .counter()
                .count())
        .isEqualTo(3);
    assertThat(counter("sightline.ingest.spans.dropped")).isZero();

    // Room again: the retried request is taken, gzip-compressed this time.
    HttpResponse<byte[]> retried =
        post(gzip(request(2, 4).toByteArray()), "application/x-protobuf", true);
    assertThat(retried.statusCode()).isEqualTo(200);
  }

  @Test
  void malformedPayloadsAreRefusedNamingTheProblem() throws Exception {
    ExportTraceServiceRequest shortId =
        request(1, 1).toBuilder()
            .setResourceSpans(
                0,
                request(1, 1).getResourceSpans(0).toBuilder()
                    .setScopeSpans(
                        0,
                        request(1, 1).getResourceSpans(0).getScopeSpans(0).toBuilder()
                            .setSpans(
                                0,
                                request(1, 1)
                                    .getResourceSpans(0)
                                    .getScopeSpans(0)
                                    .getSpans(0)
                                    .toBuilder()
                                    .setTraceId(ByteString.copyFrom(new byte[5])))))
            .build();
    TraceServiceGrpc.TraceServiceBlockingStub stub = TraceServiceGrpc.newBlockingStub(channel);
    assertThatThrownBy(() -> stub.export(shortId))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription())
                  .isEqualTo(
                      "resourceSpans[0].scopeSpans[0].spans[0].traceId: a trace ID has 16 bytes,"
                          + " got 5");
            });

    HttpResponse<byte[]> notProto =
        post(
            "definitely not protobuf".getBytes(StandardCharsets.UTF_8),
            "application/x-protobuf",
            false);
    assertThat(notProto.statusCode()).isEqualTo(400);
    assertThat(com.google.rpc.Status.parseFrom(notProto.body()).getMessage())
        .startsWith("not an ExportTraceServiceRequest in protobuf");

    HttpResponse<byte[]> badJson =
        post(
            "{\"resourceSpans\": [ {\"resource\": 7} ]}".getBytes(StandardCharsets.UTF_8),
            "application/json",
            false);
    assertThat(badJson.statusCode()).isEqualTo(400);
    String body = new String(badJson.body(), StandardCharsets.UTF_8);
    assertThat(body).startsWith("{").contains("\"code\":3").contains("line 1, column");

    HttpResponse<byte[]> text = post(new byte[] {1}, "text/plain", false);
    assertThat(text.statusCode()).isEqualTo(415);

    HttpResponse<byte[]> tooBig = post(new byte[(1 << 20) + 1], "application/x-protobuf", false);
    assertThat(tooBig.statusCode()).isEqualTo(413);

    assertThat(store.stored).isEmpty();
    assertThat(counter("sightline.ingest.spans.refused")).isEqualTo(1);
  }

  @Test
  void spansWithMalformedIdsAreRejectedAsPartialSuccessAndTheRestWritten() throws Exception {
    store.open.countDown();
    TraceServiceGrpc.TraceServiceBlockingStub stub = TraceServiceGrpc.newBlockingStub(channel);
    ExportTraceServiceResponse overGrpc = stub.export(withShortSpanId(request(3, 1), 1));
    assertThat(overGrpc.getPartialSuccess().getRejectedSpans()).isEqualTo(1);
    assertThat(overGrpc.getPartialSuccess().getErrorMessage())
        .isEqualTo(
            "1 spans rejected, the first as resourceSpans[0].scopeSpans[0].spans[1].spanId:"
                + " a span ID has 8 bytes, got 3");

    HttpResponse<byte[]> overHttp =
        post(withShortSpanId(request(2, 2), 0).toByteArray(), "application/x-protobuf", false);
    assertThat(overHttp.statusCode()).isEqualTo(200);
    ExportTraceServiceResponse answer = ExportTraceServiceResponse.parseFrom(overHttp.body());
    assertThat(answer.getPartialSuccess().getRejectedSpans()).isEqualTo(1);
    assertThat(answer.getPartialSuccess().getErrorMessage())
        .contains("spans[0].spanId: a span ID has 8 bytes, got 3");

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (store.stored.size() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    List<String> names = new ArrayList<>();
    synchronized (store.stored) {
      store.stored.forEach(span -> names.add(span.operationName()));
    }
    assertThat(names).containsExactlyInAnyOrder("op-0", "op-2", "op-1");
    assertThat(counter("sightline.ingest.spans.received")).isEqualTo(5);
    assertThat(
            registry
                .get("sightline.ingest.spans.refused")
                .tag("reason", "invalid")
                .counter()
                .count())
        .isEqualTo(2);
  }

  /** The request with the span at {@code index} given a 3-byte span ID. */
  private static ExportTraceServiceRequest withShortSpanId(
      ExportTraceServiceRequest request, int index) {
    ExportTraceServiceRequest.Builder builder = request.toBuilder();
    builder
        .getResourceSpansBuilder(0)
        .getScopeSpansBuilder(0)
        .getSpansBuilder(index)
        .setSpanId(ByteString.copyFrom(new byte[3]));
    return builder.build();
  }

  private double counter(String name) {
    return registry.get(name).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private HttpResponse<byte[]> post(byte[] body, String type, boolean gzip) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpServer.port() + "/v1/traces"))
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (gzip) {
      request.header("Content-Encoding", "gzip");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] gzip(byte[] bytes) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  private static ExportTraceServiceRequest request(int spans, int trace) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 0; i < spans; i++) {
      byte[] traceId = new byte[16];
      traceId[15] = (byte) trace;
      byte[] spanId = new byte[8];
      spanId[7] = (byte) (i + 1);
      scope.addSpans(
          io.opentelemetry.proto.trace.v1.Span.newBuilder()
              .setTraceId(ByteString.copyFrom(traceId))
              .setSpanId(ByteString.copyFrom(spanId))
              .setName("op-" + i)
              .setStartTimeUnixNano(1_700_000_000_000_000_000L)
              .setEndTimeUnixNano(1_700_000_000_001_000_000L));
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(
                    Resource.newBuilder()
                        .addAttributes(
                            KeyValue.newBuilder()
                                .setKey("service.name")
                                .setValue(AnyValue.newBuilder().setStringValue("svc"))))
                .addScopeSpans(scope))
        .build();
  }
}
