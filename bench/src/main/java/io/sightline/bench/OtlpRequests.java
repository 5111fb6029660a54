package io.sightline.bench;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.sightline.demo.DemoTraceGenerator;
import io.sightline.format.otlp.OtlpProto;
import io.sightline.trace.Trace;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The ingest bench's payload: demo-shop traces (the bench's data set, {@link DemoTraceGenerator}
 * with a fixed seed per set) over the last hour, converted to OTLP by Sightline's own OTLP writer
 * and cut into {@code ExportTraceServiceRequest}s of about {@code batch} spans, serialized once up
 * front. A request carries whole {@code ResourceSpans} (one service's spans of one trace), so a
 * trace's services usually arrive in consecutive requests — by different senders, as from real
 * processes.
 *
 * @param requests the serialized requests, in sending order
 * @param spans spans in all requests
 * @param traceIds every trace's ID (32 hex digits)
 */
record OtlpRequests(List<byte[]> requests, long spans, List<String> traceIds) {

  static OtlpRequests build(long spans, int batch, long seed) {
    DemoTraceGenerator generator = new DemoTraceGenerator(seed, Clock.systemUTC());
    List<byte[]> requests = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    long[] inRequest = {0};
    long[] total = {0};
    generator
        .tracesWithSpans(spans, Duration.ofHours(1))
        .forEach(
            (Trace trace) -> {
              ids.add(trace.traceId().toString());
              TracesData data = OtlpProto.tracesData(trace);
              for (ResourceSpans resource : data.getResourceSpansList()) {
                request.addResourceSpans(resource);
                int n = OtlpProto.countSpans(List.of(resource));
                inRequest[0] += n;
                total[0] += n;
                if (inRequest[0] >= batch) {
                  requests.add(request.build().toByteArray());
                  request.clear();
                  inRequest[0] = 0;
                }
              }
            });
    if (inRequest[0] > 0) {
      requests.add(request.build().toByteArray());
    }
    return new OtlpRequests(List.copyOf(requests), total[0], List.copyOf(ids));
  }

  long bytes() {
    long bytes = 0;
    for (byte[] r : requests) {
      bytes += r.length;
    }
    return bytes;
  }
}
