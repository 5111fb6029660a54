package io.sightline.web.trace;

import static io.sightline.web.trace.TestTraces.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpanMatcherTest {

  private static final Span SPAN =
      span("00000000000000ab")
          .service("Checkout-Service")
          .op("POST /api/Orders")
          .tag("http.method", "POST")
          .tag(KeyValue.int64("http.status_code", 503))
          .tag(KeyValue.bool("retry", true))
          .tag("db.statement", "select * from User where name = 'O'Brien'")
          .tag(KeyValue.binary("blob", new byte[] {1, 2, 3}))
          .processTag("hostname", "pod-7")
          .log(5, KeyValue.string("event", "cache miss"), KeyValue.string("cache.key", "k42"))
          .build();

  @ParameterizedTest(name = "[{0}] → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "checkout | true", // service, case-insensitive substring
        "api/orders | true", // operation
        "http.method | true", // tag key
        "503 | true", // int value
        "http.status_code=503 | true", // key=value
        "http.status_code=50 | true", // key=value is a substring match too
        "http.status_code=404 | false",
        "retry=true | true", // bool value
        "cache miss | true", // two terms, OR: "cache" matches
        "'\"cache miss\"' | true", // a phrase in a log field
        "'\"miss cache\"' | false", // the phrase, not its words
        "k42 | true", // log field value
        "pod-7 | true", // process tag
        "AQID | true", // binary reads as base64, as in Jaeger's JSON
        "00000000000000ab | true", // the span ID, exactly
        "000000000000 | false", // ...and only exactly (it is no tag value either)
        "nothing-here | false",
        "nothing-here POST | true", // OR of terms
        "'' | false", // empty
        "'   ' | false",
        "-http | false", // only an exclusion: nothing to find
        "POST -http | true", // still matches the operation
        "503 -http | false", // 503 only appears under an excluded key
        "503 -STATUS | false", // exclusions are case-insensitive
        "'\"O''Brien\"' | true", // quotes inside a phrase-less term
      })
  void jaegerFindSemantics(String query, boolean expected) {
    assertThat(SpanMatcher.parse(query).matches(SPAN)).isEqualTo(expected);
  }

  @Test
  void emptyQueriesMatchNothing() {
    assertThat(SpanMatcher.parse(null).isEmpty()).isTrue();
    assertThat(SpanMatcher.parse(" -x ").isEmpty()).isTrue();
    assertThat(SpanMatcher.parse("a").isEmpty()).isFalse();
  }

  @Test
  void containsIgnoreCaseNeedsNoCopies() {
    assertThat(SpanMatcher.containsIgnoreCase("Hello World", "o w")).isTrue();
    assertThat(SpanMatcher.containsIgnoreCase("Hello", "hello!")).isFalse();
    assertThat(SpanMatcher.containsIgnoreCase("", "")).isTrue();
    assertThat(SpanMatcher.containsIgnoreCase("ÄBC", "äb")).isTrue();
  }
}
