package io.sightline.demo;

import io.sightline.demo.ShopTopology.Pod;
import io.sightline.trace.KeyValue;
import java.util.HashMap;
import java.util.Map;

/**
 * What instrumentation libraries record for one call between the shop's services: the client span
 * in the caller and the server span in the callee (HTTP, gRPC, a Kafka consumer), with
 * OpenTelemetry semantic-convention attributes as the OTLP→Jaeger translation stores them; calls to
 * the uninstrumented peers come from {@link PeerCalls}. Times are microseconds.
 */
final class Calls extends PeerCalls {

  /** The work a server does for a request. */
  @FunctionalInterface
  interface Handler {
    /**
     * Records the server's work as children of {@code server}, starting at {@code at}, and may set
     * {@link SpanDraft#status}, {@link SpanDraft#failure} or mark the server failed.
     *
     * @return when the work is done (µs)
     */
    long handle(SpanDraft server, long at);
  }

  /**
   * Who sent a request from outside the cluster.
   *
   * @param userAgent {@code user_agent.original}
   * @param clientAddress the public client IP
   */
  record Visitor(String userAgent, String clientAddress) {}

  static final KeyValue KIND_SERVER = KeyValue.string("span.kind", "server");
  static final KeyValue KIND_CLIENT = KeyValue.string("span.kind", "client");
  static final KeyValue KIND_PRODUCER = KeyValue.string("span.kind", "producer");
  static final KeyValue KIND_CONSUMER = KeyValue.string("span.kind", "consumer");
  static final KeyValue KIND_INTERNAL = KeyValue.string("span.kind", "internal");

  static final String[] GRPC_CODES = {
    "OK",
    "CANCELLED",
    "UNKNOWN",
    "INVALID_ARGUMENT",
    "DEADLINE_EXCEEDED",
    "NOT_FOUND",
    "ALREADY_EXISTS",
    "PERMISSION_DENIED",
    "RESOURCE_EXHAUSTED",
    "FAILED_PRECONDITION",
    "ABORTED",
    "OUT_OF_RANGE",
    "UNIMPLEMENTED",
    "INTERNAL",
    "UNAVAILABLE",
    "DATA_LOSS",
    "UNAUTHENTICATED"
  };

  static final int GRPC_DEADLINE_EXCEEDED = 4;
  static final int GRPC_NOT_FOUND = 5;
  static final int GRPC_FAILED_PRECONDITION = 9;
  static final int GRPC_INTERNAL = 13;
  static final int GRPC_UNAVAILABLE = 14;
  static final int GRPC_UNAUTHENTICATED = 16;

  private static final KeyValue RPC_GRPC = KeyValue.string("rpc.system", "grpc");
  private static final KeyValue[] GRPC_STATUS = new KeyValue[GRPC_CODES.length];
  private static final Map<Integer, KeyValue> HTTP_STATUS = new HashMap<>();
  private static final Map<String, KeyValue> METHODS = new HashMap<>();
  private static final KeyValue SCHEME_HTTP = KeyValue.string("url.scheme", "http");
  private static final KeyValue SCHEME_HTTPS = KeyValue.string("url.scheme", "https");
  private static final KeyValue HTTP_1_1 = KeyValue.string("network.protocol.version", "1.1");
  private static final KeyValue HTTP_2 = KeyValue.string("network.protocol.version", "2");

  // The edge: an ingress controller in front of web-frontend and api-gateway.
  private static final KeyValue INGRESS_PEER =
      KeyValue.string("network.peer.address", "10.42.0.17");
  private static final KeyValue EDGE_PORT = KeyValue.int64("server.port", 443);

  static {
    for (int i = 0; i < GRPC_CODES.length; i++) {
      GRPC_STATUS[i] = KeyValue.int64("rpc.grpc.status_code", i);
    }
    for (int code : new int[] {200, 201, 204, 400, 401, 402, 404, 409, 429, 500, 502, 503, 504}) {
      HTTP_STATUS.put(code, KeyValue.int64("http.response.status_code", code));
    }
    for (String method : new String[] {"GET", "POST", "PUT", "DELETE"}) {
      METHODS.put(method, KeyValue.string("http.request.method", method));
    }
  }

  Calls(TraceAssembly trace) {
    super(trace);
  }

  // ---------------------------------------------------------------- HTTP

  /**
   * An HTTP request from outside (browser, mobile app) that enters the cluster at {@code pod}; the
   * root span of a trace. The caller ends it with {@link #closeHttpServer}.
   */
  SpanDraft edgeRequest(
      Pod pod,
      String host,
      String method,
      String route,
      String path,
      String query,
      long start,
      Visitor visitor) {
    return httpServer(trace.root(pod, method + " " + route, start), method, route, path, query)
        .tag(SCHEME_HTTPS)
        .tag("server.address", host)
        .tag(EDGE_PORT)
        .tag("client.address", visitor.clientAddress())
        .tag(INGRESS_PEER)
        .tag(HTTP_2)
        .tag("user_agent.original", visitor.userAgent());
  }

  /** The tags every HTTP server span starts with: kind, method, route, path and query. */
  private static SpanDraft httpServer(
      SpanDraft server, String method, String route, String path, String query) {
    server.tag(KIND_SERVER).tag(method(method)).tag("http.route", route).tag("url.path", path);
    if (query != null) {
      server.tag("url.query", query);
    }
    return server;
  }

  /** Ends an HTTP server span: status code (200 unless the handler set one), error on 5xx. */
  void closeHttpServer(SpanDraft server, long at) {
    server.end(at);
    if (server.status < 0) {
      server.status = 200;
    }
    server.tag(httpStatus(server.status));
    if (server.status >= 500 || server.isError()) {
      server.tag("error.type", Integer.toString(server.status));
      server.markError(null);
    }
    server.tag(server.pod.service().sdk.httpServerScope);
  }

  /**
   * An HTTP request from the caller's service to a pod of {@code callee}; returns the client span.
   */
  SpanDraft http(
      SpanDraft caller,
      long at,
      ShopService callee,
      String method,
      String route,
      String path,
      String query,
      Handler handler) {
    Pod calleePod = trace.shop.pick(callee, random);
    Sdk callerSdk = caller.pod.service().sdk;
    String target = path + (query == null ? "" : "?" + query);
    SpanDraft client =
        trace
            .child(caller, caller.pod, method, at)
            .tag(KIND_CLIENT)
            .tag(method(method))
            .tag("url.full", "http://" + callee.serviceName + ":" + callee.port + target)
            .tag(callee.serverAddress)
            .tag(callee.serverPort)
            .tag(calleePod.peerAddress());
    long serverStart = at + network();
    SpanDraft server =
        httpServer(
                trace.child(client, calleePod, method + " " + route, serverStart),
                method,
                route,
                path,
                query)
            .tag(SCHEME_HTTP)
            .tag(callee.serverAddress)
            .tag(callee.serverPort)
            .tag(caller.pod.peerAddress())
            .tag(HTTP_1_1)
            .tag("user_agent.original", userAgent(callerSdk));
    long done = handler.handle(server, serverStart + overhead());
    closeHttpServer(server, done + overhead());
    client.end(server.end() + network());
    closeHttpClient(client, server.status);
    return client;
  }

  /**
   * An HTTP request to a server outside the cluster (the payment provider); only the client span
   * exists.
   */
  SpanDraft externalHttp(
      SpanDraft caller,
      long at,
      String peerService,
      String method,
      String url,
      String host,
      String address,
      long duration,
      int status) {
    SpanDraft client =
        trace
            .child(caller, caller.pod, method, at)
            .tag(KIND_CLIENT)
            .tag(method(method))
            .tag("url.full", url)
            .tag("server.address", host)
            .tag(EDGE_PORT)
            .tag("network.peer.address", address)
            .tag("peer.service", peerService);
    client.end(at + duration);
    closeHttpClient(client, status);
    return client;
  }

  private static void closeHttpClient(SpanDraft client, int status) {
    client.status = status;
    client.tag(httpStatus(status));
    if (status >= 400) {
      client.tag("error.type", Integer.toString(status));
      client.markError(null);
    }
    client.tag(client.pod.service().sdk.httpClientScope);
  }

  // ---------------------------------------------------------------- gRPC

  SpanDraft grpc(
      SpanDraft caller, long at, ShopService callee, String rpcService, String method, Handler h) {
    return grpc(caller, at, callee, rpcService, method, Long.MAX_VALUE, h);
  }

  /**
   * A unary gRPC call. When the server takes longer than {@code timeout} the client gives up with
   * DEADLINE_EXCEEDED while the server span, which does not watch the deadline, runs on past it.
   *
   * @param timeout the client's deadline in µs
   */
  SpanDraft grpc(
      SpanDraft caller,
      long at,
      ShopService callee,
      String rpcService,
      String method,
      long timeout,
      Handler handler) {
    Pod calleePod = trace.shop.pick(callee, random);
    String name = rpcService + "/" + method;
    KeyValue serviceTag = KeyValue.string("rpc.service", rpcService);
    KeyValue methodTag = KeyValue.string("rpc.method", method);
    SpanDraft client =
        trace
            .child(caller, caller.pod, name, at)
            .tag(KIND_CLIENT)
            .tag(RPC_GRPC)
            .tag(serviceTag)
            .tag(methodTag)
            .tag(callee.serverAddress)
            .tag(callee.serverPort)
            .tag(calleePod.peerAddress());
    long serverStart = at + network();
    SpanDraft server =
        trace
            .child(client, calleePod, name, serverStart)
            .tag(KIND_SERVER)
            .tag(RPC_GRPC)
            .tag(serviceTag)
            .tag(methodTag)
            .tag(callee.serverAddress)
            .tag(callee.serverPort)
            .tag(caller.pod.peerAddress())
            .tag("network.peer.port", (long) random.between(32768, 60999));
    long done = handler.handle(server, serverStart + overhead());
    server.end(done + overhead());
    if (server.status < 0) {
      server.status = 0;
    }
    server.tag(GRPC_STATUS[server.status]);
    if (server.isError() || isServerError(server.status)) {
      server.markError(server.failure);
    }
    server.tag(callee.sdk.grpcScope);

    long answered = server.end() + network();
    if (answered - at > timeout) {
      client.end(at + timeout);
      client.status = GRPC_DEADLINE_EXCEEDED;
      client.failure = "context deadline exceeded";
    } else {
      client.end(answered);
      client.status = server.status;
      client.failure = server.failure;
    }
    client.tag(GRPC_STATUS[client.status]);
    if (client.status != 0) {
      client.markError(client.failure);
    }
    client.tag(caller.pod.service().sdk.grpcScope);
    return client;
  }

  /** The gRPC codes that mark a server span as failed (OpenTelemetry's RPC conventions). */
  static boolean isServerError(int code) {
    return code == 2 || code == 4 || code == 12 || code == 13 || code == 14 || code == 15;
  }

  // ---------------------------------------------------------------- messaging

  /**
   * A consumer processing the message that {@code producer} published: it FOLLOWS_FROM the
   * producer, starts whenever the consumer gets to it and may end long after the request that
   * published it.
   */
  SpanDraft consume(
      SpanDraft producer,
      long at,
      ShopService consumer,
      String topic,
      String key,
      int partition,
      long offset,
      Handler handler) {
    Pod pod = trace.shop.pick(consumer, random);
    SpanDraft span =
        trace
            .followsFrom(producer, pod, topic + " process", at)
            .tag(KIND_CONSUMER)
            .tag(MESSAGING_KAFKA)
            .tag("messaging.destination.name", topic)
            .tag(PROCESS)
            .tag("messaging.kafka.consumer.group", consumer.serviceName)
            .tag("messaging.kafka.message.key", key)
            .tag("messaging.kafka.destination.partition", (long) partition)
            .tag("messaging.kafka.message.offset", offset)
            .tag(KAFKA_ADDRESS)
            .tag(KAFKA_PORT)
            .tag(consumer.sdk.kafkaScope);
    long done = handler.handle(span, at + overhead());
    span.end(done + overhead());
    return span;
  }

  // ---------------------------------------------------------------- in-process work

  /** In-process work worth its own span (rendering, hashing, a batch step). */
  SpanDraft internal(SpanDraft parent, long at, String name, Handler handler) {
    SpanDraft span =
        trace
            .child(parent, parent.pod, name, at)
            .tag(KIND_INTERNAL)
            .tag(parent.pod.service().appScope);
    span.end(handler.handle(span, at));
    return span;
  }

  /** In-process work without children, lasting {@code duration} µs. */
  SpanDraft internal(SpanDraft parent, long at, String name, long duration) {
    return internal(parent, at, name, (span, start) -> start + duration);
  }

  static KeyValue httpStatus(int code) {
    KeyValue cached = HTTP_STATUS.get(code);
    return cached != null ? cached : KeyValue.int64("http.response.status_code", code);
  }

  private static KeyValue method(String method) {
    KeyValue cached = METHODS.get(method);
    return cached != null ? cached : KeyValue.string("http.request.method", method);
  }

  private static String userAgent(Sdk sdk) {
    return switch (sdk) {
      case JAVA -> "Java-http-client/21.0.5";
      case GO -> "Go-http-client/1.1";
      case NODEJS -> "undici";
      case PYTHON -> "python-httpx/0.27.2";
      case DOTNET -> "dotnet/8.0 HttpClient";
      case RUST -> "reqwest/0.12.9";
    };
  }
}
