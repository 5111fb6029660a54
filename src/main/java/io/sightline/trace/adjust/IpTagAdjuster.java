package io.sightline.trace.adjust;

import io.sightline.trace.Adjuster;
import io.sightline.trace.KeyValue;
import io.sightline.trace.ProcessMap;
import io.sightline.trace.Span;
import io.sightline.trace.Trace;
import io.sightline.trace.TracedProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rewrites the tags {@code ip} and {@code peer.ipv4} that hold an IPv4 address packed into a number
 * (int64 or float64) as dotted text ({@code "8.8.8.8"}), in span and process tags, then sorts the
 * process tags (Jaeger's {@code IPTagAdjuster}).
 */
final class IpTagAdjuster implements Adjuster {

  private static final Set<String> IP_KEYS = Set.of("ip", "peer.ipv4");

  @Override
  @SuppressWarnings("ReferenceEquality") // identity first: the usual case, unchanged, is cheap
  public void adjust(Trace trace) {
    ProcessTagSorter sorter = new ProcessTagSorter();
    ProcessMap<TracedProcess> adjustedProcesses = new ProcessMap<>();
    trace
        .spans()
        .replaceAll(
            span -> {
              List<KeyValue> tags = fixIpTags(span.tags());
              TracedProcess process =
                  adjustedProcesses.computeIfAbsent(
                      span.process(),
                      p -> {
                        List<KeyValue> processTags = fixIpTags(p.tags());
                        TracedProcess fixed =
                            processTags == null
                                ? p
                                : new TracedProcess(p.serviceName(), processTags);
                        return sorter.sort(fixed);
                      });
              Span adjusted = tags == null ? span : span.withTags(tags);
              return process == span.process() || process.equals(span.process())
                  ? adjusted
                  : adjusted.withProcess(process);
            });
  }

  /** The tags with IP numbers as text, or {@code null} when there is nothing to change. */
  static List<KeyValue> fixIpTags(List<KeyValue> tags) {
    List<KeyValue> fixed = null;
    for (int i = 0; i < tags.size(); i++) {
      KeyValue tag = tags.get(i);
      if (!IP_KEYS.contains(tag.key())) {
        continue;
      }
      int packed;
      switch (tag.type()) {
        case INT64 -> packed = (int) tag.longValue();
        case FLOAT64 -> packed = (int) (long) tag.doubleValue();
        default -> {
          continue;
        }
      }
      if (fixed == null) {
        fixed = new ArrayList<>(tags);
      }
      fixed.set(i, KeyValue.string(tag.key(), IpAddresses.ipv4(packed)));
    }
    return fixed;
  }
}
