package io.sightline.ingest;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.sightline.format.TraceFileException;
import io.sightline.format.otlp.OtlpJson;
import io.sightline.format.otlp.OtlpProto;
import io.sightline.trace.Span;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One OTLP trace export, whatever its transport: translated to Jaeger's model by the format's one
 * conversion ({@link OtlpProto}, {@link OtlpJson}), then queued whole or refused whole.
 */
final class TraceExports {

  /** What became of an export. */
  sealed interface Outcome {
    /**
     * Queued: every span will be written, but for {@code rejected} malformed ones left out (OTLP's
     * partial success, with {@code message} saying why; {@code ""} when none).
     */
    record Accepted(int spans, int rejected, String message) implements Outcome {}

    /** The queue is full (or the server is stopping): nothing taken, the client should retry. */
    record Busy(int spans) implements Outcome {}

    /** Malformed: nothing taken, retrying cannot help. */
    record Invalid(String problem) implements Outcome {}
  }

  private final SpanIngest ingest;

  TraceExports(SpanIngest ingest) {
    this.ingest = ingest;
  }

  /**
   * Spans with malformed IDs are left out and the rest queued, the left-out ones reported as OTLP's
   * partial success; a request with no valid span at all is refused as malformed.
   */
  Outcome protobuf(ExportTraceServiceRequest request) {
    int count = OtlpProto.countSpans(request.getResourceSpansList());
    if (ingest.refuseIfFull(count)) {
      return new Outcome.Busy(count);
    }
    List<Span> spans = new ArrayList<>(count);
    OtlpProto.Rejected rejected =
        OtlpProto.readValidSpans(request.getResourceSpansList(), spans::add);
    if (rejected.spans() > 0) {
      ingest.refuseInvalid(rejected.spans());
      if (spans.isEmpty()) {
        return new Outcome.Invalid(rejected.firstProblem());
      }
    }
    if (!ingest.offer(spans)) {
      return new Outcome.Busy(spans.size());
    }
    return new Outcome.Accepted(
        spans.size(),
        rejected.spans(),
        rejected.spans() == 0
            ? ""
            : rejected.spans() + " spans rejected, the first as " + rejected.firstProblem());
  }

  Outcome json(byte[] body) {
    List<Span> spans = new ArrayList<>();
    try {
      OtlpJson.readSpans(new ByteArrayInputStream(body), spans::add);
    } catch (TraceFileException e) {
      ingest.refuseInvalid(spans.size());
      return new Outcome.Invalid(
          "invalid OTLP/JSON at line " + e.line() + ", column " + e.column() + ": " + e.problem());
    }
    return queue(spans);
  }

  /** Counts a body that could not even be parsed. */
  Outcome unreadable(String problem) {
    ingest.refuseInvalid(0);
    return new Outcome.Invalid(problem);
  }

  private Outcome queue(List<Span> spans) {
    return ingest.offer(spans)
        ? new Outcome.Accepted(spans.size(), 0, "")
        : new Outcome.Busy(spans.size());
  }
}
