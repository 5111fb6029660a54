package io.sightline.api;

import io.sightline.http.TraceQueryParser;
import io.sightline.http.json.UiTraceJson;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.trace.TraceLookup;
import io.sightline.trace.TraceNotFoundException;
import io.sightline.trace.TraceRequest;
import io.sightline.trace.TraceService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Traces: search, fetch by ID, archive. */
@RestController
class TracesController {

  private static final String NOT_FOUND = "trace not found";

  private final TraceService traces;
  private final TraceQueryParser parser;

  TracesController(TraceService traces, TraceQueryParser parser) {
    this.traces = traces;
    this.parser = parser;
  }

  /**
   * A search, or, with {@code traceID} parameters, those traces; the ones not found are listed in
   * {@code errors} as {@code {"msg":"trace not found","traceID":…}}.
   */
  @GetMapping("/api/traces")
  void search(
      @RequestParam MultiValueMap<String, String> params,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    TraceRequest parsed = parser.parseTraceRequest(params);
    if (parsed instanceof TraceRequest.Search search) {
      // Streamed trace by trace; the store's first answer comes before the first byte.
      Iterator<Trace> found = traces.streamTraces(search.query(), search.raw());
      JaegerResponses.writeEnvelope(
          request, response, JaegerResponses.array(found, UiTraceJson::write), 0, null);
      return;
    }
    TraceRequest.Fetch fetch = (TraceRequest.Fetch) parsed;
    List<Trace> found = traces.getTraces(fetch.lookups(), fetch.raw());
    Set<TraceId> foundIds = new HashSet<>();
    for (Trace trace : found) {
      foundIds.add(trace.traceId());
    }
    List<StructuredError> errors = new ArrayList<>();
    for (TraceLookup lookup : fetch.lookups()) {
      if (!foundIds.contains(lookup.traceId())) {
        errors.add(new StructuredError(0, NOT_FOUND, lookup.traceId().toString()));
      }
    }
    JaegerResponses.writeEnvelope(
        request,
        response,
        JaegerResponses.array(found, UiTraceJson::write),
        0,
        errors.isEmpty() ? null : errors);
  }

  /** One trace ({@code data} holds one element); 404 when it is in neither store. */
  @GetMapping("/api/traces/{traceID}")
  void getTrace(
      @PathVariable("traceID") String traceId,
      @RequestParam MultiValueMap<String, String> params,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    TraceRequest.Fetch fetch = parser.parseTraceFetch(traceId, params);
    TraceLookup lookup = fetch.lookups().get(0);
    Trace trace =
        traces
            .getTrace(lookup, fetch.raw())
            .orElseThrow(() -> new TraceNotFoundException(lookup.traceId()));
    JaegerResponses.writeEnvelope(
        request, response, JaegerResponses.array(List.of(trace), UiTraceJson::write), 0, null);
  }

  /** Copies a trace into the archive storage. */
  @PostMapping("/api/archive/{traceID}")
  void archive(
      @PathVariable("traceID") String traceId,
      @RequestParam MultiValueMap<String, String> params,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    TraceRequest.Fetch fetch = parser.parseTraceFetch(traceId, params);
    traces.archiveTrace(fetch.lookups().get(0));
    // Jaeger answers an empty array in both places here (and "errors":null everywhere else).
    JaegerResponses.writeEnvelope(
        request,
        response,
        g -> {
          g.writeStartArray();
          g.writeEndArray();
        },
        0,
        List.of());
  }
}
