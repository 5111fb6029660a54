package io.sightline.storage.elasticsearch.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import io.sightline.storage.elasticsearch.client.JsonCodec;
import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import org.junit.jupiter.api.Test;

/** The dependencies job's decoding: what linking reads, without the logs. */
class SpanDecoderForLinkingTest {

  private static final String DOCUMENT =
      """
      {"traceID":"00000000000000aa","spanID":"0b","operationName":"GET /cart",
       "references":[{"refType":"CHILD_OF","traceID":"00000000000000aa","spanID":"0a"}],
       "startTime":1700000000000000,"startTimeMillis":1700000000000,"duration":5,
       "tags":[{"key":"span.kind","type":"string","value":"client"},
               {"key":"peer.service","type":"string","value":"redis"}],
       "tag":{"error":true},
       "logs":[{"timestamp":1700000000000001,"fields":[{"key":"event","type":"string","value":"x"}]},
               {"fields":"not a list"}],
       "process":{"serviceName":"cart","tags":[{"key":"host","type":"string","value":"h1"}]}}
      """;

  private static Span decode(SpanDecoder decoder) throws Exception {
    try (JsonParser p = JsonCodec.mapper().createParser(DOCUMENT)) {
      p.nextToken();
      return decoder.decode(p, null);
    }
  }

  @Test
  void readsAllButTheLogs() throws Exception {
    Span full = decode(new SpanDecoder("@"));
    Span lean = decode(SpanDecoder.forLinking("@"));

    assertThat(full.logs()).hasSize(2);
    assertThat(full.warnings()).anyMatch(w -> w.contains("log"));
    assertThat(lean.logs()).isEmpty();
    assertThat(lean.warnings()).isEmpty();
    assertThat(lean.traceId()).isEqualTo(full.traceId());
    assertThat(lean.spanId()).isEqualTo(new SpanId(0x0b));
    assertThat(lean.references()).isEqualTo(full.references()).hasSize(1);
    assertThat(lean.startTime()).isEqualTo(full.startTime());
    assertThat(lean.process()).isEqualTo(full.process());
    assertThat(lean.process().serviceName()).isEqualTo("cart");
    assertThat(lean.tags()).isEqualTo(full.tags());
    assertThat(lean.tags())
        .extracting(KeyValue::key)
        .contains("span.kind", "peer.service", "error");
  }
}
