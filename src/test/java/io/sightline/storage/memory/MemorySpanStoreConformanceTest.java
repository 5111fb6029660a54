package io.sightline.storage.memory;

import io.sightline.storage.SpanStoreConformanceSuite;

/** The embedded store against the storage conformance suite (the same cases Elasticsearch runs). */
class MemorySpanStoreConformanceTest extends SpanStoreConformanceSuite {

  @Override
  protected StoreUnderTest openStore() {
    MemorySpanStore spans = new MemorySpanStore(MemoryStoreProperties.defaults(), clock());
    MemoryDependencyStore dependencies = new MemoryDependencyStore();
    return new StoreUnderTest(spans, spans, dependencies, dependencies, () -> {});
  }
}
