package io.sightline.trace;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A map keyed by process that looks a process up by identity before by value. The spans of a trace
 * share a handful of processes; once the storage readers hand out one {@link TracedProcess}
 * instance per distinct process ({@link #canonical}), each per-span lookup is an identity hit
 * instead of hashing and comparing every process tag again. Equal but distinct instances still meet
 * the same value. Not thread-safe: one per trace being handled.
 *
 * @param <V> the value kept per distinct process
 */
public final class ProcessMap<V> {

  private final IdentityHashMap<TracedProcess, V> byInstance = new IdentityHashMap<>();
  private final Map<TracedProcess, V> byValue = new HashMap<>();

  /** The value for this process (or an equal one), computed once per distinct process. */
  public V computeIfAbsent(TracedProcess process, Function<TracedProcess, V> compute) {
    V value = byInstance.get(process);
    if (value == null) {
      value = byValue.computeIfAbsent(process, compute);
      byInstance.put(process, value);
    }
    return value;
  }

  /**
   * Interns processes: the first instance seen of each distinct process, for use by a reader that
   * builds the spans of one trace.
   */
  public static Function<TracedProcess, TracedProcess> canonical() {
    ProcessMap<TracedProcess> seen = new ProcessMap<>();
    return process -> seen.computeIfAbsent(process, Function.identity());
  }

  /**
   * The span with its process replaced by the interned instance ({@link #canonical}); the span
   * itself when it already holds that instance.
   */
  @SuppressWarnings("ReferenceEquality") // the identity check is the point: no copy when interned
  public static Span withCanonicalProcess(
      Span span, Function<TracedProcess, TracedProcess> processes) {
    TracedProcess process = processes.apply(span.process());
    return process == span.process() ? span : span.withProcess(process);
  }
}
