package io.sightline.web.trace;

import io.sightline.web.Formats;

/**
 * The summary at the top of a trace page.
 *
 * @param traceId the trace ID as Jaeger renders it (16 or 32 hex characters)
 * @param rootService the root span's service, or {@code null} when no span is a root
 * @param rootOperation the root span's operation, or {@code null}
 * @param startMicros earliest span start, µs since the epoch
 * @param durationMicros latest span end minus earliest start, µs
 * @param serviceCount distinct services
 * @param depth levels in the span tree (deepest depth + 1), as Jaeger UI counts it
 * @param spanCount spans
 * @param errorCount spans marked as failed
 * @param orphanCount spans whose parent is not in the trace (the trace is incomplete)
 */
public record TraceHeader(
    String traceId,
    String rootService,
    String rootOperation,
    long startMicros,
    long durationMicros,
    int serviceCount,
    int depth,
    int spanCount,
    int errorCount,
    int orphanCount) {

  /** Jaeger UI's name for a trace whose every span references another span in it. */
  public static final String WITHOUT_ROOT = "<trace-without-root-span>";

  public boolean hasRoot() {
    return rootService != null;
  }

  /** {@code service: operation}, as Jaeger UI names traces. */
  public String name() {
    return hasRoot() ? rootService + ": " + rootOperation : WITHOUT_ROOT;
  }

  /** The browser tab title: {@code operation (service)} and the short ID. */
  public String pageTitle() {
    String base = hasRoot() ? rootOperation + " (" + rootService + ")" : WITHOUT_ROOT;
    return base + " · " + shortId();
  }

  /** The first 7 characters of the ID, as Jaeger UI shows it. */
  public String shortId() {
    return traceId.length() > 7 ? traceId.substring(0, 7) : traceId;
  }

  public String durationText() {
    return Formats.duration(durationMicros);
  }

  public boolean incomplete() {
    return orphanCount > 0;
  }

  /** Jaeger UI's explanation of the "Incomplete" badge. */
  public String incompleteTooltip() {
    String noun = orphanCount != 1 ? "spans" : "span";
    String verb = orphanCount != 1 ? "have" : "has";
    return "This trace may be incomplete: "
        + orphanCount
        + " "
        + noun
        + " "
        + verb
        + " missing parent "
        + noun
        + ". This can happen if the trace is still being collected when you view it. Reload the"
        + " page later to see whether more spans have arrived.";
  }
}
