package io.sightline.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import io.sightline.grpc.jaeger.v2.DependencyLink;
import io.sightline.grpc.jaeger.v2.KeyValue;
import io.sightline.grpc.jaeger.v2.Log;
import io.sightline.grpc.jaeger.v2.Process;
import io.sightline.grpc.jaeger.v2.Span;
import io.sightline.grpc.jaeger.v2.SpanRef;
import io.sightline.grpc.jaeger.v2.SpanRefType;
import io.sightline.grpc.jaeger.v2.SpansResponseChunk;
import io.sightline.grpc.jaeger.v2.ValueType;
import io.sightline.trace.RefType;
import io.sightline.trace.SpanLog;
import io.sightline.trace.SpanReference;
import io.sightline.trace.Trace;
import io.sightline.trace.TracedProcess;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * The domain as {@code jaeger.api_v2}'s {@code model.proto} has it on the wire: trace IDs as 16
 * big-endian bytes (high, then low), span IDs as 8, times as {@code Timestamp}/{@code Duration}
 * from microseconds, typed {@code KeyValue}s, references, logs, warnings, and the process on every
 * span ({@code process_id} stays empty: the query API sends no process map).
 */
final class JaegerProtoModel {

  /** Spans per streamed chunk, as jaeger-query sends them; a chunk never mixes two traces. */
  static final int SPANS_PER_CHUNK = 10;

  private JaegerProtoModel() {}

  /** A trace's spans in chunks of at most {@link #SPANS_PER_CHUNK}, in the trace's order. */
  static List<SpansResponseChunk> chunks(Trace trace) {
    List<SpansResponseChunk> chunks = new ArrayList<>();
    // Stores build one TracedProcess per span; convert each distinct object once.
    IdentityHashMap<TracedProcess, Process> processes = new IdentityHashMap<>();
    SpansResponseChunk.Builder chunk = SpansResponseChunk.newBuilder();
    for (io.sightline.trace.Span span : trace.spans()) {
      chunk.addSpans(
          span(span, processes.computeIfAbsent(span.process(), JaegerProtoModel::process)));
      if (chunk.getSpansCount() == SPANS_PER_CHUNK) {
        chunks.add(chunk.build());
        chunk = SpansResponseChunk.newBuilder();
      }
    }
    if (chunk.getSpansCount() > 0) {
      chunks.add(chunk.build());
    }
    return chunks;
  }

  static Span span(io.sightline.trace.Span span) {
    return span(span, process(span.process()));
  }

  private static Span span(io.sightline.trace.Span span, Process process) {
    Span.Builder builder =
        Span.newBuilder()
            .setTraceId(ByteString.copyFrom(span.traceId().toBytes()))
            .setSpanId(ByteString.copyFrom(span.spanId().toBytes()))
            .setOperationName(span.operationName())
            .setFlags(span.flags())
            .setStartTime(timestamp(span.startTime()))
            .setDuration(duration(span.duration()))
            .setProcess(process)
            .addAllWarnings(span.warnings());
    for (SpanReference reference : span.references()) {
      builder.addReferences(
          SpanRef.newBuilder()
              .setTraceId(ByteString.copyFrom(reference.traceId().toBytes()))
              .setSpanId(ByteString.copyFrom(reference.spanId().toBytes()))
              .setRefType(
                  reference.refType() == RefType.FOLLOWS_FROM
                      ? SpanRefType.FOLLOWS_FROM
                      : SpanRefType.CHILD_OF));
    }
    for (io.sightline.trace.KeyValue tag : span.tags()) {
      builder.addTags(keyValue(tag));
    }
    for (SpanLog log : span.logs()) {
      Log.Builder entry = Log.newBuilder().setTimestamp(timestamp(log.timestamp()));
      for (io.sightline.trace.KeyValue field : log.fields()) {
        entry.addFields(keyValue(field));
      }
      builder.addLogs(entry);
    }
    return builder.build();
  }

  static Process process(TracedProcess process) {
    Process.Builder builder = Process.newBuilder().setServiceName(process.serviceName());
    for (io.sightline.trace.KeyValue tag : process.tags()) {
      builder.addTags(keyValue(tag));
    }
    return builder.build();
  }

  /** A typed value: only the field of its type is set, as Jaeger sets it. */
  static KeyValue keyValue(io.sightline.trace.KeyValue tag) {
    KeyValue.Builder builder = KeyValue.newBuilder().setKey(tag.key());
    switch (tag.type()) {
      case STRING -> builder.setVType(ValueType.STRING).setVStr(tag.stringValue());
      case BOOL -> builder.setVType(ValueType.BOOL).setVBool(tag.boolValue());
      case INT64 -> builder.setVType(ValueType.INT64).setVInt64(tag.longValue());
      case FLOAT64 -> builder.setVType(ValueType.FLOAT64).setVFloat64(tag.doubleValue());
      case BINARY ->
          builder.setVType(ValueType.BINARY).setVBinary(ByteString.copyFrom(tag.binaryValue()));
    }
    return builder.build();
  }

  static DependencyLink dependencyLink(io.sightline.trace.DependencyLink link) {
    return DependencyLink.newBuilder()
        .setParent(link.parent())
        .setChild(link.child())
        .setCallCount(link.callCount())
        .build();
  }

  /** Microseconds since the epoch as a {@code Timestamp} (nanoseconds always non-negative). */
  static Timestamp timestamp(long micros) {
    return Timestamp.newBuilder()
        .setSeconds(Math.floorDiv(micros, 1_000_000L))
        .setNanos((int) Math.floorMod(micros, 1_000_000L) * 1_000)
        .build();
  }

  /** Microseconds as a {@code Duration} (seconds and nanoseconds of the same sign). */
  static Duration duration(long micros) {
    return Duration.newBuilder()
        .setSeconds(micros / 1_000_000L)
        .setNanos((int) (micros % 1_000_000L) * 1_000)
        .build();
  }
}
