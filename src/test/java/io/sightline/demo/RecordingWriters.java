package io.sightline.demo;

import io.sightline.trace.DependencyLink;
import io.sightline.trace.DependencyWriter;
import io.sightline.trace.Span;
import io.sightline.trace.SpanWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Writers that remember what they were given, in order. */
final class RecordingWriters {

  /** One call to a writer. */
  record Call(String what, Object payload) {}

  final List<Call> calls = new ArrayList<>();

  final SpanWriter spans =
      new SpanWriter() {
        @Override
        public void writeSpans(List<Span> batch) {
          calls.add(new Call("spans", List.copyOf(batch)));
        }

        @Override
        public void flush() {
          calls.add(new Call("flush", null));
        }
      };

  final DependencyWriter dependencies =
      new DependencyWriter() {
        @Override
        public void writeDependencies(Instant timestamp, List<DependencyLink> links) {
          calls.add(new Call("dependencies", new Document(timestamp, List.copyOf(links))));
        }

        @Override
        public void replaceDependencies(Instant timestamp, List<DependencyLink> links) {
          calls.add(new Call("replace dependencies", new Document(timestamp, List.copyOf(links))));
        }
      };

  /** A dependencies document as written. */
  record Document(Instant timestamp, List<DependencyLink> links) {}

  @SuppressWarnings("unchecked")
  List<List<Span>> spanBatches() {
    return calls.stream()
        .filter(c -> c.what().equals("spans"))
        .map(c -> (List<Span>) c.payload())
        .toList();
  }

  List<Document> documents() {
    return calls.stream()
        .filter(c -> c.what().equals("dependencies"))
        .map(c -> (Document) c.payload())
        .toList();
  }
}
