package io.sightline.storage.elasticsearch.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sightline.storage.elasticsearch.client.JsonCodec;
import io.sightline.testing.Fixtures;
import io.sightline.testing.GoldenFiles;
import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanLog;
import io.sightline.trace.SpanReference;
import io.sightline.trace.TraceId;
import io.sightline.trace.TracedProcess;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

/**
 * The documents the writers produce, against Jaeger's bulk snapshots (HEAD) and our own golden
 * files.
 *
 * <p>Deliberate difference: span documents are written as Jaeger's v1 collector (≥ 1.69) writes
 * them, the shape most data in the field has: empty lists are {@code []} where HEAD's v2 writer
 * writes {@code null}, and no {@code _id} is set (Elasticsearch generates one, as with v1).
 */
class WrittenDocumentsTest {

  private static final String CORE = "internal/storage/v2/elasticsearch/tracestore/core/testdata/";
  private static final GoldenFiles GOLDEN = new GoldenFiles("es-requests/documents");

  @Test
  void serviceDocumentEqualsJaegersBulkLine() throws Exception {
    JsonNode ndjson = snapshot(CORE + "write_service.json").get("ndjson");
    ServiceDocument doc = new ServiceDocument("test-service", "test-operation");
    assertThat(doc.documentId()).isEqualTo(ndjson.get(0).at("/index/_id").asText());
    JSONAssert.assertEquals(ndjson.get(1).toString(), JsonCodec.write(doc), JSONCompareMode.STRICT);
  }

  @Test
  void dependenciesDocumentEqualsJaegersBulkLine() throws Exception {
    JsonNode ndjson =
        snapshot("internal/storage/v2/elasticsearch/depstore/testdata/write_dependencies.json")
            .get("ndjson");
    DependenciesDocument doc =
        new DependenciesDocument(
            "2020-01-02T03:04:05Z", List.of(new DependenciesDocument.Link("svcA", "svcB", 1L)));
    JSONAssert.assertEquals(ndjson.get(1).toString(), JsonCodec.write(doc), JSONCompareMode.STRICT);
  }

  @Test
  void spanDocumentEqualsJaegersBulkLineWithV1EmptyLists() throws Exception {
    JsonNode ndjson = snapshot(CORE + "write_span.json").get("ndjson");
    Span span =
        new Span(
            TraceId.parse("1234567890abcdef"),
            SpanId.parse("abcdef1234567890"),
            "test-operation",
            List.of(),
            0,
            1577934245000000L,
            1000,
            List.of(),
            List.of(),
            new TracedProcess("test-service", List.of()),
            List.of());
    ObjectNode ours =
        (ObjectNode)
            JsonCodec.mapper()
                .readTree(
                    JsonCodec.write(new SpanToDocument(TagsAsFields.none()).toDocument(span)));
    // Undo the one difference: v1 writes [] where HEAD writes null.
    for (String field : List.of("references", "tags", "logs")) {
      assertThat(ours.get(field).isArray() && ours.get(field).isEmpty()).isTrue();
      ours.putNull(field);
    }
    ObjectNode process = (ObjectNode) ours.get("process");
    assertThat(process.get("tags").isEmpty()).isTrue();
    process.putNull("tags");
    JSONAssert.assertEquals(ndjson.get(1).toString(), ours.toString(), JSONCompareMode.STRICT);
  }

  @Test
  void richSpanDocumentGolden() {
    TraceId traceId = TraceId.parse("0af7651916cd43dd8448eb211c80319c");
    Span span =
        new Span(
            traceId,
            SpanId.parse("b7ad6b7169203331"),
            "HTTP GET /dispatch",
            List.of(
                SpanReference.childOf(traceId, SpanId.parse("00f067aa0ba902b7")),
                SpanReference.followsFrom(TraceId.parse("abc"), SpanId.parse("1"))),
            1,
            1714521600123456L,
            42_500,
            List.of(
                KeyValue.string("span.kind", "server"),
                KeyValue.string("http.method", "GET"),
                KeyValue.int64("http.status_code", 200),
                KeyValue.bool("error", false),
                KeyValue.float64("sampler.param", 0.001),
                KeyValue.binary("payload", new byte[] {0, 1, (byte) 0xfe})),
            List.of(
                new SpanLog(
                    1714521600124000L,
                    List.of(KeyValue.string("event", "retry"), KeyValue.int64("attempt", 2)))),
            new TracedProcess(
                "frontend",
                List.of(KeyValue.string("hostname", "web-1"), KeyValue.string("ip", "10.0.0.7"))),
            List.of());
    GOLDEN.assertMatches(
        "span_nested_tags.json",
        JsonCodec.write(new SpanToDocument(TagsAsFields.none()).toDocument(span)));
    GOLDEN.assertMatches(
        "span_tags_as_fields.json",
        JsonCodec.write(
            new SpanToDocument(
                    new TagsAsFields(false, Set.of("http.method", "hostname", "payload"), "@"))
                .toDocument(span)));
  }

  private static JsonNode snapshot(String path) throws Exception {
    return JsonCodec.mapper().readTree(Fixtures.read(Fixtures.JAEGER_HEAD, path));
  }
}
