package io.sightline.trace.adjust;

import io.sightline.trace.KeyValue;
import io.sightline.trace.ProcessMap;
import io.sightline.trace.TracedProcess;
import java.util.ArrayList;
import java.util.List;

/**
 * Sorts process tags once per distinct process of a trace: most spans of a trace share a handful of
 * processes, so a 100,000-span trace sorts a few lists, not 100,000.
 */
final class ProcessTagSorter {

  private final ProcessMap<TracedProcess> sorted = new ProcessMap<>();

  /** The process with its tags in {@link KeyValueOrder}; the same instance when already sorted. */
  TracedProcess sort(TracedProcess process) {
    return sorted.computeIfAbsent(process, ProcessTagSorter::sortTags);
  }

  private static TracedProcess sortTags(TracedProcess process) {
    if (isSorted(process.tags())) {
      return process;
    }
    List<KeyValue> tags = new ArrayList<>(process.tags());
    tags.sort(KeyValueOrder.INSTANCE);
    return new TracedProcess(process.serviceName(), tags);
  }

  private static boolean isSorted(List<KeyValue> tags) {
    for (int i = 1; i < tags.size(); i++) {
      if (KeyValueOrder.INSTANCE.compare(tags.get(i - 1), tags.get(i)) > 0) {
        return false;
      }
    }
    return true;
  }
}
