package io.sightline.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.sightline.grpc.jaeger.v2.Process;
import io.sightline.grpc.jaeger.v2.SpanRefType;
import io.sightline.grpc.jaeger.v2.SpansResponseChunk;
import io.sightline.grpc.jaeger.v2.ValueType;
import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanLog;
import io.sightline.trace.SpanReference;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.trace.TracedProcess;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The domain as api_v2's model.proto: byte for byte what Jaeger's Go model marshals. */
class JaegerProtoModelTest {

  private static final TraceId TRACE = TraceId.parse("0af7651916cd43dd8448eb211c80319c");
  private static final TracedProcess PROCESS =
      new TracedProcess("frontend", List.of(KeyValue.string("hostname", "web-1")));

  private static Span span(long id, long startMicros, long durationMicros) {
    return new Span(
        TRACE,
        new SpanId(id),
        "op-" + id,
        List.of(),
        1,
        startMicros,
        durationMicros,
        List.of(),
        List.of(),
        PROCESS,
        List.of());
  }

  @Test
  void everyFieldOfASpan() {
    Span span =
        new Span(
            TRACE,
            SpanId.parse("00f067aa0ba902b7"),
            "GET /cart",
            List.of(
                SpanReference.childOf(TRACE, new SpanId(5)),
                SpanReference.followsFrom(TraceId.parse("1"), new SpanId(6))),
            3,
            1_714_564_800_123_456L,
            1_500_250L,
            List.of(
                KeyValue.string("http.method", "GET"),
                KeyValue.bool("error", true),
                KeyValue.int64("http.status_code", 503),
                KeyValue.float64("ratio", 0.25),
                KeyValue.binary("blob", new byte[] {1, 2, (byte) 0xff})),
            List.of(
                new SpanLog(
                    1_714_564_800_200_000L,
                    List.of(KeyValue.string("event", "retry"), KeyValue.int64("attempt", 2)))),
            PROCESS,
            List.of("clock skew adjusted"));

    io.sightline.grpc.jaeger.v2.Span proto = JaegerProtoModel.span(span);

    assertThat(HexFormat.of().formatHex(proto.getTraceId().toByteArray()))
        .isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(proto.getSpanId()).isEqualTo(bytes("00f067aa0ba902b7"));
    assertThat(proto.getOperationName()).isEqualTo("GET /cart");
    assertThat(proto.getFlags()).isEqualTo(3);
    assertThat(proto.getStartTime().getSeconds()).isEqualTo(1_714_564_800L);
    assertThat(proto.getStartTime().getNanos()).isEqualTo(123_456_000);
    assertThat(proto.getDuration().getSeconds()).isEqualTo(1);
    assertThat(proto.getDuration().getNanos()).isEqualTo(500_250_000);

    assertThat(proto.getReferencesList()).hasSize(2);
    assertThat(proto.getReferences(0).getRefType()).isEqualTo(SpanRefType.CHILD_OF);
    assertThat(proto.getReferences(0).getTraceId()).isEqualTo(proto.getTraceId());
    assertThat(proto.getReferences(0).getSpanId()).isEqualTo(bytes("0000000000000005"));
    assertThat(proto.getReferences(1).getRefType()).isEqualTo(SpanRefType.FOLLOWS_FROM);
    // A 64-bit trace ID is still 16 bytes: the high half zero.
    assertThat(proto.getReferences(1).getTraceId())
        .isEqualTo(bytes("00000000000000000000000000000001"));

    assertThat(proto.getTagsList())
        .extracting(kv -> kv.getKey() + "/" + kv.getVType())
        .containsExactly(
            "http.method/STRING",
            "error/BOOL",
            "http.status_code/INT64",
            "ratio/FLOAT64",
            "blob/BINARY");
    assertThat(proto.getTags(0).getVStr()).isEqualTo("GET");
    assertThat(proto.getTags(1).getVBool()).isTrue();
    assertThat(proto.getTags(2).getVInt64()).isEqualTo(503);
    assertThat(proto.getTags(3).getVFloat64()).isEqualTo(0.25);
    assertThat(proto.getTags(4).getVBinary()).isEqualTo(bytes("0102ff"));
    // Only the field of the value's type is set: a string tag has no int.
    assertThat(proto.getTags(0).getVInt64()).isZero();

    assertThat(proto.getLogsList()).hasSize(1);
    assertThat(proto.getLogs(0).getTimestamp().getSeconds()).isEqualTo(1_714_564_800L);
    assertThat(proto.getLogs(0).getTimestamp().getNanos()).isEqualTo(200_000_000);
    assertThat(proto.getLogs(0).getFieldsList())
        .extracting(kv -> kv.getKey())
        .containsExactly("event", "attempt");

    assertThat(proto.getProcess())
        .isEqualTo(
            Process.newBuilder()
                .setServiceName("frontend")
                .addTags(
                    io.sightline.grpc.jaeger.v2.KeyValue.newBuilder()
                        .setKey("hostname")
                        .setVType(ValueType.STRING)
                        .setVStr("web-1"))
                .build());
    assertThat(proto.getProcessId()).isEmpty();
    assertThat(proto.getWarningsList()).containsExactly("clock skew adjusted");
  }

  @Test
  void timesBeforeTheEpochKeepNanosPositive() {
    assertThat(JaegerProtoModel.timestamp(-1).getSeconds()).isEqualTo(-1);
    assertThat(JaegerProtoModel.timestamp(-1).getNanos()).isEqualTo(999_999_000);
    assertThat(JaegerProtoModel.duration(0).getSeconds()).isZero();
    assertThat(JaegerProtoModel.duration(0).getNanos()).isZero();
  }

  @Test
  void tracesStreamInChunksOfTenSpansInTraceOrder() {
    List<Span> spans = new ArrayList<>();
    for (int i = 1; i <= 23; i++) {
      spans.add(span(i, 1_000_000L * i, 10));
    }
    List<SpansResponseChunk> chunks = JaegerProtoModel.chunks(Trace.of(spans));

    assertThat(chunks).extracting(SpansResponseChunk::getSpansCount).containsExactly(10, 10, 3);
    List<String> names = new ArrayList<>();
    chunks.forEach(c -> c.getSpansList().forEach(s -> names.add(s.getOperationName())));
    assertThat(names).hasSize(23).startsWith("op-1", "op-2").endsWith("op-23");
    // One process object per trace, so one Process message reused.
    assertThat(chunks.get(0).getSpans(0).getProcess())
        .isSameAs(chunks.get(2).getSpans(2).getProcess());
  }

  @Test
  void anEmptyTraceIsNoChunk() {
    assertThat(JaegerProtoModel.chunks(Trace.of(new ArrayList<>()))).isEmpty();
  }

  private static ByteString bytes(String hex) {
    return ByteString.copyFrom(HexFormat.of().parseHex(hex));
  }
}
