package io.sightline.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.trace.DependencyQuery;
import io.sightline.trace.InvalidQueryException;
import io.sightline.trace.OperationsQuery;
import io.sightline.trace.QueryLimits;
import io.sightline.trace.TraceId;
import io.sightline.trace.TraceLookup;
import io.sightline.trace.TraceQuery;
import io.sightline.trace.TraceRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class TraceQueryParserTest {

  private static final Instant NOW = Instant.parse("2026-05-01T12:00:00.123456Z");
  private static final Instant EPOCH = Instant.EPOCH;

  private final TraceQueryParser parser =
      new TraceQueryParser(Clock.fixed(NOW, ZoneOffset.UTC), QueryLimits.DEFAULTS);

  private TraceRequest parse(String query) {
    return parser.parseTraceRequest(QueryStrings.parse(query));
  }

  private TraceQuery search(String query) {
    TraceRequest request = parse(query);
    assertThat(request).isInstanceOf(TraceRequest.Search.class);
    return ((TraceRequest.Search) request).query();
  }

  // ---- errors: URL → exact message -------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "``|parameter 'service' is required",
        "operation=op|parameter 'service' is required",
        "service=|parameter 'service' is required",
        "service=s&start=string|unable to parse param 'start': strconv.ParseInt: parsing \"string\": invalid syntax",
        "service=s&end=string|unable to parse param 'end': strconv.ParseInt: parsing \"string\": invalid syntax",
        "service=s&start=1.5|unable to parse param 'start': strconv.ParseInt: parsing \"1.5\": invalid syntax",
        "service=s&start=99999999999999999999|unable to parse param 'start': strconv.ParseInt: parsing \"99999999999999999999\": value out of range",
        "service=s&start=99999999999999999|unable to parse param 'start': time out of range",
        "service=s&limit=string|strconv.ParseInt: parsing \"string\": invalid syntax",
        "service=s&limit=3000000000|strconv.ParseInt: parsing \"3000000000\": value out of range",
        "service=s&limit=-1|'limit' must not be negative",
        "service=s&start=0&end=0&minDuration=20|unable to parse param 'minDuration': time: missing unit in duration \"20\"",
        "service=s&minDuration=20s&maxDuration=30|unable to parse param 'maxDuration': time: missing unit in duration \"30\"",
        "service=s&minDuration=abc|unable to parse param 'minDuration': time: invalid duration \"abc\"",
        "service=s&minDuration=1d|unable to parse param 'minDuration': time: unknown unit \"d\" in duration \"1d\"",
        "service=s&minDuration=-1s|'minDuration' must not be negative",
        "service=s&minDuration=25s&maxDuration=1s|'maxDuration' should be greater than 'minDuration'",
        "service=s&tag=k:v&tag=x:y&tag=k&log=k:v|malformed 'tag' parameter, expecting key:value, received: k",
        "service=s&tag=|`malformed 'tag' parameter, expecting key:value, received: `",
        "service=s&tag=k:v&tags={\"x\":123}|malformed 'tags' parameter, cannot unmarshal JSON: json: cannot unmarshal number into Go struct field .x of type string",
        "service=s&tags={\"x\":true}|malformed 'tags' parameter, cannot unmarshal JSON: json: cannot unmarshal bool into Go struct field .x of type string",
        "service=s&tags={\"x\":{\"y\":\"z\"}}|malformed 'tags' parameter, cannot unmarshal JSON: json: cannot unmarshal object into Go struct field .x of type string",
        "service=s&tags=[\"a\"]|malformed 'tags' parameter, cannot unmarshal JSON: json: cannot unmarshal array into Go value of type map[string]string",
        "service=s&tags=\"a\"|malformed 'tags' parameter, cannot unmarshal JSON: json: cannot unmarshal string into Go value of type map[string]string",
        "service=s&tags=|malformed 'tags' parameter, cannot unmarshal JSON: unexpected end of JSON input",
        "service=s&tags={\"x\":|malformed 'tags' parameter, cannot unmarshal JSON: unexpected end of JSON input",
        "service=s&tags=abc|malformed 'tags' parameter, cannot unmarshal JSON: invalid character 'a' looking for beginning of value",
        "service=s&tags={x:1}|malformed 'tags' parameter, cannot unmarshal JSON: invalid character 'x' looking for beginning of object key string",
        "service=s&tags={\"x\"1}|malformed 'tags' parameter, cannot unmarshal JSON: invalid character '1' after object key",
        "service=s&tags={\"x\":\"1\"\"y\"}|malformed 'tags' parameter, cannot unmarshal JSON: invalid character '\"' after object key:value pair",
        "service=s&tags={\"x\":1}}|malformed 'tags' parameter, cannot unmarshal JSON: invalid character '}' after top-level value",
        "service=s&tags={\"x\":tru}|malformed 'tags' parameter, cannot unmarshal JSON: invalid character '}' in literal true (expecting 'e')",
        "service=s&tags={\"x\":1.}|malformed 'tags' parameter, cannot unmarshal JSON: invalid character '}' after decimal point in numeric literal",
        "service=s&tags={\"x\":\"\\q\"}|malformed 'tags' parameter, cannot unmarshal JSON: invalid character 'q' in string escape code",
        "service=s&tags={'x':'y'}|malformed 'tags' parameter, cannot unmarshal JSON: invalid character '\\'' looking for beginning of object key string",
        "service=s&tags={\"x\":1,\"y\":[}|malformed 'tags' parameter, cannot unmarshal JSON: invalid character '}' looking for beginning of value",
        "traceID=100&traceID=x200|cannot parse traceID param: strconv.ParseUint: parsing \"x200\": invalid syntax",
        "traceID=|cannot parse traceID param: strconv.ParseUint: parsing \"\": invalid syntax",
        "traceID=123456789012345678901234567890123|cannot parse traceID param: TraceID cannot be longer than 32 hex characters: 123456789012345678901234567890123",
        "service=s&raw=foobar|unable to parse param 'raw': strconv.ParseBool: parsing \"foobar\": invalid syntax",
        "service=s&start=2&end=1|start Time Minimum is above Maximum",
        "service=s&start=0&end=2678400000001|the time range from 'start' to 'end' (744h0m0.000001s) is longer than the maximum of 744h0m0s",
        "service=s&start=%E2%80%8B|unable to parse param 'start': strconv.ParseInt: parsing \"\\u200b\": invalid syntax",
        "service=s&minDuration=1%D0%B4|unable to parse param 'minDuration': time: unknown unit \"\\xd0\\xb4\" in duration \"1\\xd0\\xb4\"",
      })
  void rejectsWithJaegersMessage(String query, String message) {
    assertThatThrownBy(() -> parse(query))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessage(message);
  }

  @Test
  void errorsComeInJaegersOrder() {
    // start is checked before limit, limit before durations, durations before the service.
    assertThatThrownBy(() -> parse("start=x&limit=y&minDuration=z"))
        .hasMessageStartingWith("unable to parse param 'start'");
    assertThatThrownBy(() -> parse("limit=y&minDuration=z")).hasMessageStartingWith("strconv");
    assertThatThrownBy(() -> parse("minDuration=z&raw=q"))
        .hasMessageStartingWith("unable to parse param 'minDuration'");
    assertThatThrownBy(() -> parse("raw=q")).hasMessageStartingWith("unable to parse param 'raw'");
  }

  @Test
  void exceptionNamesTheParameter() {
    assertThatThrownBy(() -> parse("service=s&minDuration=x"))
        .isInstanceOfSatisfying(
            InvalidQueryException.class, e -> assertThat(e.parameter()).isEqualTo("minDuration"));
  }

  // ---- searches ---------------------------------------------------------------------------

  @Test
  void parsesAFullSearch() {
    TraceQuery query =
        search(
            "service=service&start=0&end=0&operation=operation&limit=200&tag=k:v&tag=x:y"
                + "&minDuration=10s&maxDuration=20s");
    assertThat(query)
        .isEqualTo(
            TraceQuery.builder(EPOCH, EPOCH)
                .serviceName("service")
                .operationName("operation")
                .tag("k", "v")
                .tag("x", "y")
                .limit(200)
                .durationMin(Duration.ofSeconds(10))
                .durationMax(Duration.ofSeconds(20))
                .build());
  }

  @Test
  void defaultsAreTheLast48HoursAnd100Traces() {
    TraceQuery query = search("service=s");
    assertThat(query.startTimeMin()).isEqualTo(NOW.minus(Duration.ofDays(2)));
    assertThat(query.startTimeMax()).isEqualTo(NOW);
    assertThat(query.limit()).isEqualTo(100);
    assertThat(query.operationName()).isEmpty();
    assertThat(query.tags()).isEmpty();
    assertThat(query.durationMin()).isZero();
    assertThat(query.durationMax()).isZero();
  }

  @Test
  void emptyValuesCountAsAbsent() {
    TraceQuery query =
        search("service=s&operation=&start=&end=&limit=&minDuration=&maxDuration=&raw=");
    assertThat(query).isEqualTo(search("service=s"));
  }

  @Test
  void startAndEndAreMicroseconds() {
    TraceQuery query = search("service=s&start=1485467191639875&end=1485467191639876");
    assertThat(query.startTimeMin()).isEqualTo(Instant.parse("2017-01-26T21:46:31.639875Z"));
    assertThat(query.startTimeMax()).isEqualTo(Instant.parse("2017-01-26T21:46:31.639876Z"));
  }

  @Test
  void onlyAnEndLooksBack48HoursFromNow() {
    // Jaeger defaults start to now-48h regardless of end.
    TraceQuery query = search("service=s&end=" + micros(NOW.minus(Duration.ofHours(1))));
    assertThat(query.startTimeMin()).isEqualTo(NOW.minus(Duration.ofDays(2)));
  }

  @Test
  void firstOccurrenceWinsForSingleValuedParameters() {
    TraceQuery query = search("service=a&service=b&operation=x&operation=y&limit=5&limit=6");
    assertThat(query.serviceName()).isEqualTo("a");
    assertThat(query.operationName()).isEqualTo("x");
    assertThat(query.limit()).isEqualTo(5);
  }

  @Test
  void lookbackIsIgnored() {
    assertThat(search("service=s&lookback=custom")).isEqualTo(search("service=s"));
    assertThat(search("service=s&lookback=2d")).isEqualTo(search("service=s"));
  }

  @Test
  void tagIsSplitAtTheFirstColon() {
    assertThat(search("service=s&tag=http.url:http://x:8080/a").tags())
        .containsExactly(Map.entry("http.url", "http://x:8080/a"));
    assertThat(search("service=s&tag=k:").tags()).containsExactly(Map.entry("k", ""));
  }

  @Test
  void tagsJsonObjectsMergeLaterWinAndOverrideTag() {
    Map<String, String> tags =
        search(
                "service=s&tag=k:v&tag=a:b&tags=%7B%22k%22%3A%22w%22%2C%22x%22%3A%22y%22%7D"
                    + "&tags={\"x\":\"z\",\"n\":null}")
            .tags();
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("k", "w");
    expected.put("a", "b");
    expected.put("x", "z");
    expected.put("n", "");
    assertThat(tags).containsExactlyEntriesOf(expected);
  }

  @Test
  void tagsJsonDecodesEscapesAndIgnoresNull() {
    assertThat(search("service=s&tags={\"a\\u0062\":\"\\\"q\\\"\\n\"}").tags())
        .containsExactly(Map.entry("ab", "\"q\"\n"));
    assertThat(search("service=s&tags=null").tags()).isEmpty();
    assertThat(search("service=s&tags= {} ").tags()).isEmpty();
  }

  @Test
  void grafanaSearchShape() {
    TraceQuery query =
        search(
            "service=frontend&operation=HTTP%20GET&tags=%7B%22error%22%3A%22true%22%2C%22http.status_code%22%3A%22200%22%7D"
                + "&minDuration=1.2s&maxDuration=100ms2s&limit=20&start=1700000000000000&end=1700000360000000&lookback=custom");
    assertThat(query.serviceName()).isEqualTo("frontend");
    assertThat(query.operationName()).isEqualTo("HTTP GET");
    assertThat(query.tags())
        .containsExactly(Map.entry("error", "true"), Map.entry("http.status_code", "200"));
    assertThat(query.durationMin()).isEqualTo(Duration.ofMillis(1200));
    assertThat(query.durationMax()).isEqualTo(Duration.ofMillis(2100));
    assertThat(query.limit()).isEqualTo(20);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "500us|500000",
        "500%C2%B5s|500000",
        "500%CE%BCs|500000",
        "1.5ms|1500000",
        "1h30m|5400000000000",
        "0|0",
      })
  void durationsAreGoDurations(String text, long nanos) {
    assertThat(search("service=s&minDuration=" + text).durationMin())
        .isEqualTo(Duration.ofNanos(nanos));
  }

  @Test
  void limitZeroMeansTheDefault() {
    assertThat(search("service=s&limit=0").limit()).isEqualTo(100);
    assertThat(search("service=s&limit=1500").limit()).isEqualTo(1500);
    // No cap of its own, as in Jaeger: the read budget guards memory.
    assertThat(search("service=s&limit=1501").limit()).isEqualTo(1501);
    assertThat(search("service=s&limit=2147483647").limit()).isEqualTo(Integer.MAX_VALUE);
    assertThat(search("service=s&limit=%2B7").limit()).isEqualTo(7);
  }

  @ParameterizedTest
  @CsvSource({"true,true", "1,true", "T,true", "False,false", "0,false"})
  void rawIsAGoBool(String text, boolean raw) {
    assertThat(parse("service=s&raw=" + text).raw()).isEqualTo(raw);
    assertThat(parse("service=s").raw()).isFalse();
  }

  @Test
  void windowGuardIsConfigurable() {
    TraceQueryParser strict =
        new TraceQueryParser(
            Clock.fixed(NOW, ZoneOffset.UTC), new QueryLimits(10, Duration.ofHours(1)));
    assertThatThrownBy(() -> strict.parseTraceRequest(QueryStrings.parse("service=s")))
        .hasMessage(
            "the time range from 'start' to 'end' (48h0m0s) is longer than the maximum of 1h0m0s");
    assertThatThrownBy(() -> strict.parseTraceRequest(QueryStrings.parse("service=s&limit=11")))
        .hasMessage("'limit' must not be greater than 10");
  }

  // ---- fetch by trace IDs -----------------------------------------------------------------

  @Test
  void traceIdsMakeAFetchWithoutService() {
    TraceRequest request = parse("traceID=1f00&traceID=1E00&traceID=1f00&raw=true");
    assertThat(request)
        .isEqualTo(
            new TraceRequest.Fetch(
                List.of(
                    TraceLookup.of(new TraceId(0, 0x1f00)), TraceLookup.of(new TraceId(0, 0x1e00))),
                true));
  }

  @Test
  void traceIdsWin_overSearchParametersButThoseAreStillChecked() {
    assertThat(parse("service=s&traceID=1&limit=5000")).isInstanceOf(TraceRequest.Fetch.class);
    assertThatThrownBy(() -> parse("traceID=1&limit=x")).hasMessageStartingWith("strconv");
    assertThatThrownBy(() -> parse("traceID=1&minDuration=2s&maxDuration=1s"))
        .hasMessage("'maxDuration' should be greater than 'minDuration'");
  }

  @Test
  void fetchCarriesExplicitTimeHintsOnly() {
    TraceRequest.Fetch fetch =
        (TraceRequest.Fetch)
            parse("traceID=00000000000000010000000000000002&start=1000000000000000");
    assertThat(fetch.lookups())
        .containsExactly(
            new TraceLookup(new TraceId(1, 2), Instant.ofEpochSecond(1_000_000_000), null));
  }

  // ---- trace ID in the path -------------------------------------------------------------

  static Stream<Arguments> pathTraceIds() {
    return Stream.of(
        Arguments.of("1", new TraceId(0, 1)),
        Arguments.of("00000000000000ff", new TraceId(0, 0xff)),
        Arguments.of("ABCDEF0123456789", new TraceId(0, 0xabcdef0123456789L)),
        Arguments.of(
            "463ac35c9f6413ad48485a3953bb6124",
            new TraceId(0x463ac35c9f6413adL, 0x48485a3953bb6124L)),
        Arguments.of("1000000000000000f", new TraceId(1, 0xf)),
        // base64 of the 16 bytes: standard, URL-safe, padded, unpadded
        Arguments.of(
            "RjrDXJ9kE61ISFo5U7thJA==", new TraceId(0x463ac35c9f6413adL, 0x48485a3953bb6124L)),
        Arguments.of(
            "RjrDXJ9kE61ISFo5U7thJA", new TraceId(0x463ac35c9f6413adL, 0x48485a3953bb6124L)),
        Arguments.of("AAAAAAAAAAAAAAAAAAAA/w==", new TraceId(0, 0xff)),
        Arguments.of("AAAAAAAAAAAAAAAAAAAA_w==", new TraceId(0, 0xff)),
        Arguments.of("AAAAAAAAAAAAAAAAAAAA_w", new TraceId(0, 0xff)),
        // base64 of 8 bytes reads as a 64-bit ID, as in Jaeger
        Arguments.of("AAAAAAAAAP8=", new TraceId(0, 0xff)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pathTraceIds")
  void pathTraceIdIsHexOrBase64(String text, TraceId expected) {
    TraceRequest.Fetch fetch = parser.parseTraceFetch(text, Map.of());
    assertThat(fetch.lookups()).containsExactly(TraceLookup.of(expected));
    assertThat(fetch.raw()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "xyz!|strconv.ParseUint: parsing \"xyz!\": invalid syntax",
        "hello|strconv.ParseUint: parsing \"hello\": invalid syntax",
        "zzzz|invalid length for TraceID",
        "12345678901234567890123456789012345|TraceID cannot be longer than 32 hex characters: 12345678901234567890123456789012345",
        "g000000000000000000000000|strconv.ParseUint: parsing \"g00000000\": invalid syntax",
      })
  void badPathTraceIds(String text, String message) {
    assertThatThrownBy(() -> parser.parseTraceFetch(text, Map.of()))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessage(message);
  }

  @Test
  void pathFetchTakesHintsAndRaw() {
    TraceRequest.Fetch fetch =
        parser.parseTraceFetch(
            "1", QueryStrings.parse("start=1700000000000000&end=1700000001000000&raw=1"));
    assertThat(fetch.raw()).isTrue();
    assertThat(fetch.lookups())
        .containsExactly(
            new TraceLookup(
                new TraceId(0, 1),
                Instant.ofEpochSecond(1_700_000_000),
                Instant.ofEpochSecond(1_700_000_001)));
  }

  @Test
  void pathFetchReadsGrafanaMillisecondsAsMilliseconds() {
    TraceRequest.Fetch fetch =
        parser.parseTraceFetch("1", QueryStrings.parse("start=1700000000000&end=1700000001000"));
    assertThat(fetch.lookups().get(0).start()).isEqualTo(Instant.ofEpochSecond(1_700_000_000));
    assertThat(fetch.lookups().get(0).end()).isEqualTo(Instant.ofEpochSecond(1_700_000_001));
  }

  @Test
  void pathFetchDropsContradictoryHints() {
    TraceRequest.Fetch fetch =
        parser.parseTraceFetch(
            "1", QueryStrings.parse("start=1700000001000000&end=1700000000000000"));
    assertThat(fetch.lookups()).containsExactly(TraceLookup.of(new TraceId(0, 1)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "start=x|unable to parse param 'start': strconv.ParseInt: parsing \"x\": invalid syntax",
        "end=1.0|unable to parse param 'end': strconv.ParseInt: parsing \"1.0\": invalid syntax",
        "raw=yes|unable to parse param 'raw': strconv.ParseBool: parsing \"yes\": invalid syntax",
      })
  void badPathFetchParameters(String query, String message) {
    assertThatThrownBy(() -> parser.parseTraceFetch("1", QueryStrings.parse(query)))
        .hasMessage(message);
  }

  // ---- dependencies and operations ----------------------------------------------------------

  @Test
  void dependencyDefaultsAreNowAnd24Hours() {
    DependencyQuery query = parser.parseDependencyQuery(Map.of());
    assertThat(query.endTs()).isEqualTo(NOW);
    assertThat(query.lookback()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void dependencyTimesAreMilliseconds() {
    DependencyQuery query =
        parser.parseDependencyQuery(QueryStrings.parse("endTs=1700000000123&lookback=604800000"));
    assertThat(query.endTs()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
    assertThat(query.lookback()).isEqualTo(Duration.ofDays(7));
    assertThat(query.startTs()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L - 604_800_000L));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "endTs=x|unable to parse param 'endTs': strconv.ParseInt: parsing \"x\": invalid syntax",
        "lookback=1h|unable to parse param 'lookback': strconv.ParseInt: parsing \"1h\": invalid syntax",
        "lookback=-1|'lookback' must not be negative",
        "lookback=2678400001|'lookback' of 744h0m0.001s is longer than the maximum of 744h0m0s",
        "endTs=9999999999999999|unable to parse param 'endTs': time out of range",
      })
  void badDependencyParameters(String query, String message) {
    assertThatThrownBy(() -> parser.parseDependencyQuery(QueryStrings.parse(query)))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessage(message);
  }

  @Test
  void operationsNeedAService() {
    assertThat(parser.parseOperationsQuery(QueryStrings.parse("service=a&spanKind=server")))
        .isEqualTo(new OperationsQuery("a", "server"));
    assertThat(parser.parseOperationsQuery(QueryStrings.parse("service=a")))
        .isEqualTo(new OperationsQuery("a", ""));
    assertThatThrownBy(() -> parser.parseOperationsQuery(QueryStrings.parse("spanKind=server")))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessage("parameter 'service' is required");
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
  }
}
