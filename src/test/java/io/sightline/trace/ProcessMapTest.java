package io.sightline.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ProcessMapTest {

  private static TracedProcess process(String service, String ip) {
    // a fresh list and fresh strings each time, as a decoder makes them
    return new TracedProcess(
        new String(service.toCharArray()),
        new ArrayList<>(List.of(KeyValue.string(new String("ip".toCharArray()), ip))));
  }

  @Test
  void computesOncePerDistinctProcessWhetherSameInstanceOrEqualCopy() {
    ProcessMap<String> ids = new ProcessMap<>();
    AtomicInteger computed = new AtomicInteger();
    Function<TracedProcess, String> next = p -> "p" + computed.incrementAndGet();
    TracedProcess a = process("frontend", "10.0.0.1");
    assertThat(ids.computeIfAbsent(a, next)).isEqualTo("p1");
    assertThat(ids.computeIfAbsent(a, next)).isEqualTo("p1");
    assertThat(ids.computeIfAbsent(process("frontend", "10.0.0.1"), next)).isEqualTo("p1");
    assertThat(ids.computeIfAbsent(process("frontend", "10.0.0.2"), next)).isEqualTo("p2");
    assertThat(ids.computeIfAbsent(process("backend", "10.0.0.1"), next)).isEqualTo("p3");
    assertThat(computed).hasValue(3);
  }

  @Test
  void canonicalHandsOutTheFirstInstanceOfEachDistinctProcess() {
    Function<TracedProcess, TracedProcess> canonical = ProcessMap.canonical();
    TracedProcess first = process("frontend", "10.0.0.1");
    TracedProcess copy = process("frontend", "10.0.0.1");
    TracedProcess other = process("frontend", "10.0.0.9");
    assertThat(copy).isEqualTo(first).isNotSameAs(first);
    assertThat(canonical.apply(first)).isSameAs(first);
    assertThat(canonical.apply(copy)).isSameAs(first);
    assertThat(canonical.apply(other)).isSameAs(other);
    // a second reader (another trace) starts afresh
    assertThat(ProcessMap.canonical().apply(copy)).isSameAs(copy);
  }

  @Test
  void withCanonicalProcessCopiesASpanOnlyWhenItsProcessIsNotTheInternedOne() {
    Function<TracedProcess, TracedProcess> canonical = ProcessMap.canonical();
    TracedProcess first = process("frontend", "10.0.0.1");
    Span a = DependencyLinkerTest.span(1, null, first, 0, "server");
    Span b = DependencyLinkerTest.span(2, null, process("frontend", "10.0.0.1"), 0, "server");
    assertThat(ProcessMap.withCanonicalProcess(a, canonical)).isSameAs(a);
    Span interned = ProcessMap.withCanonicalProcess(b, canonical);
    assertThat(interned).isNotSameAs(b);
    assertThat(interned.process()).isSameAs(first);
    assertThat(interned.spanId()).isEqualTo(b.spanId());
  }
}
