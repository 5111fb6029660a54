package io.sightline.trace;

import java.util.List;

/**
 * Service dependency links derived from a sample of traces (the traces a search found) rather than
 * read from the stored daily documents.
 *
 * @param links the links of the sampled traces, by parent then child ({@link
 *     DependencyLinker#total()})
 * @param traces how many traces the search found and the links were derived from
 * @param limit the most traces the search could return (the sample size asked for): when {@code
 *     traces == limit} there may have been more matching traces than were sampled
 */
public record SampledDependencies(List<DependencyLink> links, int traces, int limit) {

  public SampledDependencies {
    links = List.copyOf(links);
  }

  /** Whether the search may have matched more traces than it returned. */
  public boolean capped() {
    return traces >= limit;
  }
}
