package io.sightline.web.trace;

import io.sightline.query.TraceLookup;
import io.sightline.trace.SpanReader;
import io.sightline.trace.StorageException;
import io.sightline.trace.Trace;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The default {@link TraceFetcher}: reads through the {@link SpanReader} port. (Interim: once the
 * trace use cases with adjusters and archive fallback exist, the fetcher delegates to them.)
 */
@Configuration(proxyBeanMethods = false)
class TraceFetcherConfiguration {

  @Bean
  @ConditionalOnMissingBean(TraceFetcher.class)
  TraceFetcher spanReaderTraceFetcher(ObjectProvider<SpanReader> readers) {
    return traceId -> {
      SpanReader reader = readers.getIfAvailable();
      if (reader == null) {
        throw new StorageException(
            StorageException.Kind.UNAVAILABLE, "no trace storage is configured");
      }
      List<Trace> traces = reader.getTraces(List.of(TraceLookup.of(traceId)));
      return traces.isEmpty() || traces.get(0).spans().isEmpty()
          ? Optional.empty()
          : Optional.of(traces.get(0));
    };
  }
}
