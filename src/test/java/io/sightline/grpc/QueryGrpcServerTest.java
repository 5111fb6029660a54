package io.sightline.grpc;

import static io.sightline.grpc.GrpcTestClients.hex;
import static io.sightline.grpc.GrpcTestClients.ts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.sightline.grpc.jaeger.v2.ArchiveTraceRequest;
import io.sightline.grpc.jaeger.v2.FindTracesRequest;
import io.sightline.grpc.jaeger.v2.GetDependenciesRequest;
import io.sightline.grpc.jaeger.v2.GetOperationsRequest;
import io.sightline.grpc.jaeger.v2.GetServicesRequest;
import io.sightline.grpc.jaeger.v2.GetTraceRequest;
import io.sightline.grpc.jaeger.v2.QueryServiceGrpc;
import io.sightline.grpc.jaeger.v2.SpansResponseChunk;
import io.sightline.grpc.jaeger.v2.TraceQueryParameters;
import io.sightline.http.TraceQueryParser;
import io.sightline.storage.memory.MemoryDependencyStore;
import io.sightline.storage.memory.MemorySpanStore;
import io.sightline.storage.memory.MemoryStoreProperties;
import io.sightline.testing.TestCertificates;
import io.sightline.testing.TestTraceStore;
import io.sightline.trace.ArchiveStorage;
import io.sightline.trace.DependencyLink;
import io.sightline.trace.KeyValue;
import io.sightline.trace.QueryLimits;
import io.sightline.trace.ReadBudget;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanReference;
import io.sightline.trace.StorageException;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.trace.TraceLookup;
import io.sightline.trace.TraceService;
import io.sightline.trace.TracedProcess;
import io.sightline.trace.adjust.Adjusters;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gRPC query port on the embedded store, called through the generated stubs over a real
 * connection: answers, statuses, health and reflection, without Elasticsearch.
 */
class QueryGrpcServerTest {

  private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final TraceId BIG = TraceId.parse("0af7651916cd43dd8448eb211c80319c");
  private static final TraceId SMALL = TraceId.parse("42");

  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
  }

  /** A trace of {@code count} spans of "cart" under one root of "frontend". */
  private static List<Span> trace(TraceId id, int count, long rootDuration, boolean error) {
    long start = micros(NOW.minusSeconds(600));
    TracedProcess frontend =
        new TracedProcess("frontend", List.of(KeyValue.string("hostname", "web-1")));
    TracedProcess cart = new TracedProcess("cart", List.of());
    List<Span> spans = new ArrayList<>();
    List<KeyValue> rootTags = new ArrayList<>();
    rootTags.add(KeyValue.string("span.kind", "server"));
    rootTags.add(KeyValue.int64("http.status_code", error ? 500 : 200));
    if (error) {
      rootTags.add(KeyValue.bool("error", true));
    }
    spans.add(
        new Span(
            id,
            new SpanId(1),
            "GET /checkout",
            List.of(),
            1,
            start,
            rootDuration,
            rootTags,
            List.of(),
            frontend,
            List.of()));
    for (int i = 2; i <= count; i++) {
      spans.add(
          new Span(
              id,
              new SpanId(i),
              "reserve",
              List.of(SpanReference.childOf(id, new SpanId(1))),
              1,
              start + i,
              5,
              List.of(KeyValue.string("span.kind", "client")),
              List.of(),
              cart,
              List.of()));
    }
    return spans;
  }

  /** A server over the embedded store holding BIG (23 spans, error, 2 s) and SMALL (2 spans). */
  private ManagedChannel start(ReadBudget budget, ArchiveStorage archive) {
    MemorySpanStore store = new MemorySpanStore(MemoryStoreProperties.defaults(), CLOCK);
    store.writeSpans(trace(BIG, 23, 2_000_000, true));
    store.writeSpans(trace(SMALL, 2, 3_000, false));
    MemoryDependencyStore dependencies = new MemoryDependencyStore();
    dependencies.writeDependencies(
        NOW.minusSeconds(3600), List.of(new DependencyLink("frontend", "cart", 7)));
    TraceService traces =
        new TraceService(
            store, dependencies, archive, Adjusters.standard(Duration.ZERO), Duration.ZERO, budget);
    return start(traces, budget);
  }

  private ManagedChannel start(TraceService traces, ReadBudget budget) {
    QueryGrpcServer server = server(traces, budget, null);
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    open.add(() -> channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
    return channel;
  }

  private QueryGrpcServer server(TraceService traces, ReadBudget budget, QueryGrpcServer.Tls tls) {
    QueryGrpcServer server =
        QueryGrpcServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            tls,
            traces,
            new TraceQueryParser(CLOCK, QueryLimits.DEFAULTS),
            budget,
            Duration.ofSeconds(1));
    open.add(server);
    return server;
  }

  private ManagedChannel start() {
    return start(ReadBudget.unlimited(), null);
  }

  private static TraceQueryParameters.Builder lastHour() {
    return TraceQueryParameters.newBuilder()
        .setStartTimeMin(ts(NOW.minusSeconds(3600)))
        .setStartTimeMax(ts(NOW));
  }

  private static List<SpansResponseChunk> all(Iterator<SpansResponseChunk> chunks) {
    List<SpansResponseChunk> list = new ArrayList<>();
    chunks.forEachRemaining(list::add);
    return list;
  }

  private static Status.Code code(Runnable call) {
    try {
      call.run();
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
    throw new AssertionError("the call succeeded");
  }

  @Test
  void servicesAndOperations() {
    QueryServiceGrpc.QueryServiceBlockingStub v2 = QueryServiceGrpc.newBlockingStub(start());

    assertThat(v2.getServices(GetServicesRequest.getDefaultInstance()).getServicesList())
        .containsExactlyInAnyOrder("frontend", "cart");
    var operations = v2.getOperations(GetOperationsRequest.newBuilder().setService("cart").build());
    assertThat(operations.getOperationNamesList()).containsExactly("reserve");
    assertThat(operations.getOperationsList())
        .extracting(o -> o.getName() + "/" + o.getSpanKind())
        // The embedded store, like Elasticsearch, keeps no span kind with the names.
        .containsExactly("reserve/");
  }

  @Test
  void getTraceStreamsTheAdjustedTraceInChunksOfTen() {
    QueryServiceGrpc.QueryServiceBlockingStub v2 = QueryServiceGrpc.newBlockingStub(start());

    List<SpansResponseChunk> chunks =
        all(
            v2.getTrace(
                GetTraceRequest.newBuilder()
                    .setTraceId(ByteString.copyFrom(BIG.toBytes()))
                    .build()));

    assertThat(chunks).extracting(SpansResponseChunk::getSpansCount).containsExactly(10, 10, 3);
    io.sightline.grpc.jaeger.v2.Span root = chunks.get(0).getSpans(0);
    assertThat(hex(root.getTraceId())).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(root.getOperationName()).isEqualTo("GET /checkout");
    assertThat(root.getProcess().getServiceName()).isEqualTo("frontend");
    assertThat(root.getDuration().getSeconds()).isEqualTo(2);
    assertThat(root.getTagsList()).extracting(t -> t.getKey()).contains("error");
    assertThat(chunks.get(2).getSpans(2).getReferences(0).getSpanId())
        .isEqualTo(ByteString.copyFrom(new SpanId(1).toBytes()));
  }

  @Test
  void findTracesWithTagsAndDurationsAsKialiSendsThem() {
    QueryServiceGrpc.QueryServiceBlockingStub v2 = QueryServiceGrpc.newBlockingStub(start());

    List<SpansResponseChunk> errors =
        all(
            v2.findTraces(
                FindTracesRequest.newBuilder()
                    .setQuery(
                        lastHour()
                            .setServiceName("frontend")
                            .putTags("error", "true")
                            .setDurationMin(com.google.protobuf.Duration.newBuilder().setSeconds(1))
                            .setSearchDepth(20))
                    .build()));
    Set<String> ids = new TreeSet<>();
    errors.forEach(c -> c.getSpansList().forEach(s -> ids.add(hex(s.getTraceId()))));
    assertThat(ids).containsExactly("0af7651916cd43dd8448eb211c80319c");
    assertThat(errors).extracting(SpansResponseChunk::getSpansCount).containsExactly(10, 10, 3);

    // A maximum duration below the big trace's root finds only the small trace.
    List<SpansResponseChunk> quick =
        all(
            v2.findTraces(
                FindTracesRequest.newBuilder()
                    .setQuery(
                        lastHour()
                            .setServiceName("frontend")
                            .setDurationMax(
                                com.google.protobuf.Duration.newBuilder().setNanos(10_000_000)))
                    .build()));
    assertThat(quick).hasSize(1);
    assertThat(hex(quick.get(0).getSpans(0).getTraceId()))
        .isEqualTo("00000000000000000000000000000042");

    // Nothing found is an empty stream, not an error.
    assertThat(
            all(
                v2.findTraces(
                    FindTracesRequest.newBuilder()
                        .setQuery(lastHour().setServiceName("nobody"))
                        .build())))
        .isEmpty();
  }

  @Test
  void badInputIsInvalidArgumentNamingTheField() {
    QueryServiceGrpc.QueryServiceBlockingStub v2 = QueryServiceGrpc.newBlockingStub(start());

    assertThatThrownBy(
            () ->
                all(
                    v2.findTraces(
                        FindTracesRequest.newBuilder()
                            .setQuery(TraceQueryParameters.newBuilder().setServiceName("cart"))
                            .build())))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).startsWith("query.start_time_min:");
            });
    assertThatThrownBy(() -> all(v2.findTraces(FindTracesRequest.getDefaultInstance())))
        .hasMessageContaining("INVALID_ARGUMENT: query: is required");
    assertThatThrownBy(
            () ->
                all(
                    v2.findTraces(
                        FindTracesRequest.newBuilder()
                            .setQuery(lastHour().setSearchDepth(-1))
                            .build())))
        .hasMessageContaining("INVALID_ARGUMENT: query.search_depth: must not be negative");
    assertThatThrownBy(
            () ->
                all(
                    v2.findTraces(
                        FindTracesRequest.newBuilder()
                            .setQuery(
                                lastHour()
                                    .setDurationMin(
                                        com.google.protobuf.Duration.newBuilder().setSeconds(2))
                                    .setDurationMax(
                                        com.google.protobuf.Duration.newBuilder().setSeconds(1)))
                            .build())))
        .hasMessageContaining("INVALID_ARGUMENT: query.duration_max:");
    assertThatThrownBy(
            () ->
                all(
                    v2.getTrace(
                        GetTraceRequest.newBuilder()
                            .setTraceId(ByteString.copyFrom(new byte[] {1, 2, 3}))
                            .build())))
        .hasMessageContaining("INVALID_ARGUMENT: trace_id: must be 16 bytes, got 3");
  }

  @Test
  void unknownTraceIsNotFound() {
    QueryServiceGrpc.QueryServiceBlockingStub v2 = QueryServiceGrpc.newBlockingStub(start());
    io.sightline.grpc.jaeger.v3.QueryServiceGrpc.QueryServiceBlockingStub v3 =
        io.sightline.grpc.jaeger.v3.QueryServiceGrpc.newBlockingStub(v2.getChannel());

    assertThatThrownBy(
            () ->
                all(
                    v2.getTrace(
                        GetTraceRequest.newBuilder()
                            .setTraceId(ByteString.copyFrom(TraceId.parse("99").toBytes()))
                            .build())))
        .hasMessage("NOT_FOUND: trace not found");
    assertThatThrownBy(
            () ->
                v3.getTrace(
                        io.sightline.grpc.jaeger.v3.GetTraceRequest.newBuilder()
                            .setTraceId("99")
                            .build())
                    .forEachRemaining(t -> {}))
        .hasMessage("NOT_FOUND: No traces found");
  }

  @Test
  void apiV3AnswersOtlpAndRefusesTheStructuredFilter() {
    io.sightline.grpc.jaeger.v3.QueryServiceGrpc.QueryServiceBlockingStub v3 =
        io.sightline.grpc.jaeger.v3.QueryServiceGrpc.newBlockingStub(start());

    List<TracesData> got = new ArrayList<>();
    v3.getTrace(
            io.sightline.grpc.jaeger.v3.GetTraceRequest.newBuilder()
                .setTraceId("0af7651916cd43dd8448eb211c80319c")
                .build())
        .forEachRemaining(got::add);
    assertThat(got).hasSize(1);
    assertThat(got.get(0).getResourceSpansList())
        .extracting(r -> r.getResource().getAttributes(0).getValue().getStringValue())
        .containsExactly("frontend", "cart");

    List<TracesData> found = new ArrayList<>();
    v3.findTraces(
            io.sightline.grpc.jaeger.v3.FindTracesRequest.newBuilder()
                .setQuery(
                    io.sightline.grpc.jaeger.v3.TraceQueryParameters.newBuilder()
                        .setServiceName("cart")
                        .setStartTimeMin(ts(NOW.minusSeconds(3600)))
                        .setStartTimeMax(ts(NOW)))
                .build())
        .forEachRemaining(found::add);
    assertThat(found).hasSize(2); // one TracesData per trace

    assertThat(
            v3.getOperations(
                    io.sightline.grpc.jaeger.v3.GetOperationsRequest.newBuilder()
                        .setService("frontend")
                        .build())
                .getOperationsList())
        .extracting(o -> o.getName() + "/" + o.getSpanKind())
        // An unknown kind reads "internal", as in Jaeger's v3 answers.
        .containsExactly("GET /checkout/internal");

    // A client of a newer IDL sends filter (field 10): refused, never ignored.
    io.sightline.grpc.jaeger.v3.TraceQueryParameters withFilter =
        io.sightline.grpc.jaeger.v3.TraceQueryParameters.newBuilder()
            .setStartTimeMin(ts(NOW.minusSeconds(3600)))
            .setStartTimeMax(ts(NOW))
            .setUnknownFields(
                UnknownFieldSet.newBuilder()
                    .addField(
                        10,
                        UnknownFieldSet.Field.newBuilder()
                            .addLengthDelimited(ByteString.copyFromUtf8("x"))
                            .build())
                    .build())
            .build();
    assertThatThrownBy(
            () ->
                v3.findTraces(
                        io.sightline.grpc.jaeger.v3.FindTracesRequest.newBuilder()
                            .setQuery(withFilter)
                            .build())
                    .forEachRemaining(t -> {}))
        .hasMessageContaining("INVALID_ARGUMENT: query.filter");
  }

  @Test
  void dependenciesOfTheWindow() {
    QueryServiceGrpc.QueryServiceBlockingStub v2 = QueryServiceGrpc.newBlockingStub(start());

    var links =
        v2.getDependencies(
                GetDependenciesRequest.newBuilder()
                    .setStartTime(ts(NOW.minusSeconds(86_400)))
                    .setEndTime(ts(NOW))
                    .build())
            .getDependenciesList();
    assertThat(links)
        .extracting(l -> l.getParent() + ">" + l.getChild() + ":" + l.getCallCount())
        .containsExactly("frontend>cart:7");
    assertThat(code(() -> v2.getDependencies(GetDependenciesRequest.getDefaultInstance())))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void archiveCopiesTheTraceAndTheFetchFallsBackToIt() {
    MemorySpanStore archiveStore = new MemorySpanStore(MemoryStoreProperties.defaults(), CLOCK);
    QueryServiceGrpc.QueryServiceBlockingStub v2 =
        QueryServiceGrpc.newBlockingStub(
            start(ReadBudget.unlimited(), new ArchiveStorage(archiveStore, archiveStore)));

    v2.archiveTrace(
        ArchiveTraceRequest.newBuilder().setTraceId(ByteString.copyFrom(SMALL.toBytes())).build());

    assertThat(archiveStore.getTraces(List.of(TraceLookup.of(SMALL))))
        .extracting(t -> t.spans().size())
        .containsExactly(2);
    assertThat(
            code(
                () ->
                    v2.archiveTrace(
                        ArchiveTraceRequest.newBuilder()
                            .setTraceId(ByteString.copyFrom(TraceId.parse("99").toBytes()))
                            .build())))
        .isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void aTraceLargerThanTheReadBudgetIsResourceExhausted() {
    QueryServiceGrpc.QueryServiceBlockingStub v2 =
        QueryServiceGrpc.newBlockingStub(
            start(new ReadBudget(10, 4, Duration.ofMillis(100), 4), null));

    assertThat(
            code(
                () ->
                    all(
                        v2.getTrace(
                            GetTraceRequest.newBuilder()
                                .setTraceId(ByteString.copyFrom(BIG.toBytes()))
                                .build()))))
        .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    // A trace that fits is still answered.
    assertThat(
            all(
                v2.getTrace(
                    GetTraceRequest.newBuilder()
                        .setTraceId(ByteString.copyFrom(SMALL.toBytes()))
                        .build())))
        .hasSize(1);
  }

  @Test
  void storageDownIsUnavailable() {
    TestTraceStore store = new TestTraceStore();
    store.failWith(new StorageException(StorageException.Kind.UNAVAILABLE, "connection refused"));
    TraceService traces =
        new TraceService(store, store, null, Adjusters.standard(Duration.ZERO), Duration.ZERO);
    QueryServiceGrpc.QueryServiceBlockingStub v2 =
        QueryServiceGrpc.newBlockingStub(start(traces, ReadBudget.unlimited()));

    assertThatThrownBy(() -> v2.getServices(GetServicesRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
  }

  @Test
  void healthIsServingAndReflectionListsTheServices() throws Exception {
    ManagedChannel channel = start();

    HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
    assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
        .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    assertThat(
            health
                .check(
                    HealthCheckRequest.newBuilder()
                        .setService("jaeger.api_v2.QueryService")
                        .build())
                .getStatus())
        .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);

    assertThat(GrpcTestClients.reflectedServices(channel))
        .contains(
            "jaeger.api_v2.QueryService", "jaeger.api_v3.QueryService", "grpc.health.v1.Health");
  }

  @Test
  void aKeyThatIsNotTheCertificatesIsRefusedNamingTheSetting(@TempDir Path dir) {
    TestCertificates.Issued ca = TestCertificates.ca("test CA");
    TestCertificates.Issued serverCert = TestCertificates.server(ca, "localhost");
    TestCertificates.Issued other = TestCertificates.server(ca, "elsewhere");
    Path key = other.writeKey(dir.resolve("other.key"));
    QueryGrpcServer.Tls tls =
        new QueryGrpcServer.Tls(
            serverCert.writeCertificate(dir.resolve("server.pem")),
            key,
            null,
            List.of(),
            List.of());

    assertThatThrownBy(tls::sslContext)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "QUERY_GRPC_TLS_KEY="
                + key
                + " is not the private key of the certificate in QUERY_GRPC_TLS_CERT="
                + dir.resolve("server.pem"));
  }

  @Test
  void withAClientCaOnlyClientsWithACertificateItSignedAreServed(@TempDir Path dir)
      throws Exception {
    TestCertificates.Issued ca = TestCertificates.ca("test CA");
    TestCertificates.Issued serverCert = TestCertificates.server(ca, "localhost", "127.0.0.1");
    TestCertificates.Issued clientCert = TestCertificates.client(ca, "kiali");
    Path caFile = ca.writeCertificate(dir.resolve("ca.pem"));
    TestTraceStore store = new TestTraceStore();
    store.writeSpans(trace(SMALL, 2, 3_000, false));
    TraceService traces =
        new TraceService(store, store, null, Adjusters.standard(Duration.ZERO), Duration.ZERO);
    QueryGrpcServer server =
        server(
            traces,
            ReadBudget.unlimited(),
            new QueryGrpcServer.Tls(
                serverCert.writeCertificate(dir.resolve("server.pem")),
                serverCert.writeKey(dir.resolve("server.key")),
                caFile,
                List.of("TLSv1.3", "TLSv1.2"),
                List.of()));

    ManagedChannel mutual =
        Grpc.newChannelBuilderForAddress(
                "localhost",
                server.port(),
                TlsChannelCredentials.newBuilder()
                    .trustManager(caFile.toFile())
                    .keyManager(
                        clientCert.writeCertificate(dir.resolve("client.pem")).toFile(),
                        clientCert.writeKey(dir.resolve("client.key")).toFile())
                    .build())
            .build();
    open.add(() -> mutual.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
    assertThat(
            QueryServiceGrpc.newBlockingStub(mutual)
                .getServices(GetServicesRequest.getDefaultInstance())
                .getServicesList())
        .containsExactlyInAnyOrder("frontend", "cart");

    ManagedChannel anonymous =
        Grpc.newChannelBuilderForAddress(
                "localhost",
                server.port(),
                TlsChannelCredentials.newBuilder().trustManager(caFile.toFile()).build())
            .build();
    open.add(() -> anonymous.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
    assertThat(
            code(
                () ->
                    QueryServiceGrpc.newBlockingStub(anonymous)
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .getServices(GetServicesRequest.getDefaultInstance())))
        .isEqualTo(Status.Code.UNAVAILABLE);
  }

  @Test
  void theFetchedTraceIsTheOneTheHttpApiWouldWrite() {
    // The same TraceService call the HTTP controller makes, converted span by span.
    MemorySpanStore store = new MemorySpanStore(MemoryStoreProperties.defaults(), CLOCK);
    store.writeSpans(trace(BIG, 12, 2_000_000, true));
    TraceService traces =
        new TraceService(
            store,
            new MemoryDependencyStore(),
            null,
            Adjusters.standard(Duration.ZERO),
            Duration.ZERO);
    Trace expected = traces.getTrace(TraceLookup.of(BIG), false).orElseThrow();
    QueryServiceGrpc.QueryServiceBlockingStub v2 =
        QueryServiceGrpc.newBlockingStub(start(traces, ReadBudget.unlimited()));

    List<io.sightline.grpc.jaeger.v2.Span> got = new ArrayList<>();
    v2.getTrace(GetTraceRequest.newBuilder().setTraceId(ByteString.copyFrom(BIG.toBytes())).build())
        .forEachRemaining(c -> got.addAll(c.getSpansList()));

    assertThat(got)
        .containsExactlyElementsOf(expected.spans().stream().map(JaegerProtoModel::span).toList());
  }

  /**
   * A client that cancels a FindTraces stream stops the search: no further batch is read from the
   * store, and the call's lease frees the read budget.
   */
  @Test
  void aCancelledSearchStopsReadingTheStore() throws Exception {
    MemorySpanStore store = new MemorySpanStore(MemoryStoreProperties.defaults(), CLOCK);
    java.util.concurrent.atomic.AtomicInteger batchesRead =
        new java.util.concurrent.atomic.AtomicInteger();
    io.sightline.trace.SpanReader endless =
        new io.sightline.trace.SpanReader() {
          @Override
          public List<String> getServices() {
            return store.getServices();
          }

          @Override
          public List<io.sightline.trace.Operation> getOperations(String service, String spanKind) {
            return store.getOperations(service, spanKind);
          }

          @Override
          public List<TraceId> findTraceIds(io.sightline.trace.TraceQuery query) {
            return List.of();
          }

          @Override
          public List<Trace> findTraces(io.sightline.trace.TraceQuery query) {
            throw new AssertionError("a search is streamed");
          }

          @Override
          public Iterator<List<Trace>> findTraceBatches(io.sightline.trace.TraceQuery query) {
            return new Iterator<>() {
              @Override
              public boolean hasNext() {
                return batchesRead.get() < 10_000;
              }

              @Override
              public List<Trace> next() {
                int n = batchesRead.incrementAndGet();
                try {
                  Thread.sleep(5); // a store's round trip: 10,000 batches would take 50 s
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                ReadBudget.charge(23);
                return List.of(Trace.of(trace(new TraceId(7, n), 23, 1_000, false)));
              }
            };
          }

          @Override
          public List<Trace> getTraces(List<TraceLookup> lookups) {
            return List.of();
          }
        };
    ReadBudget budget = new ReadBudget(1_000_000, 4, Duration.ofSeconds(1), 4);
    TraceService traces =
        new TraceService(
            endless,
            new MemoryDependencyStore(),
            null,
            Adjusters.standard(Duration.ZERO),
            Duration.ZERO,
            budget);
    QueryServiceGrpc.QueryServiceBlockingStub v2 =
        QueryServiceGrpc.newBlockingStub(start(traces, budget));

    io.grpc.Context.CancellableContext call = io.grpc.Context.current().withCancellation();
    SpansResponseChunk first =
        call.call(
            () ->
                v2.findTraces(
                        FindTracesRequest.newBuilder()
                            .setQuery(lastHour().setServiceName("frontend"))
                            .build())
                    .next());
    assertThat(first.getSpansCount()).isPositive();
    call.cancel(null);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    int read = batchesRead.get();
    while (System.nanoTime() < deadline) {
      Thread.sleep(300);
      int now = batchesRead.get();
      if (now == read && budget.inUse() == 0) {
        break;
      }
      read = now;
    }
    assertThat(read).as("batches read before the stream stopped").isLessThan(10_000);
    Thread.sleep(300);
    assertThat(batchesRead.get()).as("no batch read after the cancel").isEqualTo(read);
    assertThat(budget.inUse()).isZero();
  }
}
