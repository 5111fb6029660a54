package io.sightline.trace.adjust;

import io.sightline.trace.Adjuster;
import io.sightline.trace.KeyValue;
import io.sightline.trace.Trace;
import io.sightline.trace.TracedProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Moves the OpenTelemetry SDK and distribution tags ({@code telemetry.sdk.*}, {@code
 * telemetry.distro.*}) from span tags to the process tags, where they belong, then sorts the
 * process tags (Jaeger's {@code OTelTagAdjuster}).
 */
final class OtelTagAdjuster implements Adjuster {

  static final Set<String> LIBRARY_KEYS =
      Set.of(
          "telemetry.sdk.language",
          "telemetry.sdk.name",
          "telemetry.sdk.version",
          "telemetry.distro.name",
          "telemetry.distro.version");

  /** Cheap test first: most keys do not start with "telemetry." and are never hashed. */
  private static boolean isLibraryKey(String key) {
    return key.startsWith("telemetry.") && LIBRARY_KEYS.contains(key);
  }

  @Override
  @SuppressWarnings("ReferenceEquality") // identity first: the usual case, unchanged, is cheap
  public void adjust(Trace trace) {
    ProcessTagSorter sorter = new ProcessTagSorter();
    trace
        .spans()
        .replaceAll(
            span -> {
              List<KeyValue> moved = null;
              for (KeyValue tag : span.tags()) {
                if (isLibraryKey(tag.key())) {
                  if (moved == null) {
                    moved = new ArrayList<>();
                  }
                  moved.add(tag);
                }
              }
              if (moved == null) {
                TracedProcess sorted = sorter.sort(span.process());
                return sorted == span.process() || sorted.equals(span.process())
                    ? span
                    : span.withProcess(sorted);
              }
              List<KeyValue> kept = new ArrayList<>(span.tags().size() - moved.size());
              for (KeyValue tag : span.tags()) {
                if (!isLibraryKey(tag.key())) {
                  kept.add(tag);
                }
              }
              List<KeyValue> processTags = new ArrayList<>(span.process().tags());
              processTags.addAll(moved);
              TracedProcess process =
                  sorter.sort(new TracedProcess(span.process().serviceName(), processTags));
              return span.withTags(kept).withProcess(process);
            });
  }
}
