package io.sightline.ingest;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/traces} as the OTLP/HTTP specification has it: an {@code
 * ExportTraceServiceRequest} as protobuf ({@code application/x-protobuf}) or JSON ({@code
 * application/json}), optionally gzip-compressed ({@code Content-Encoding: gzip}). The answer is in
 * the request's encoding: an empty {@code ExportTraceServiceResponse} on success, else a {@code
 * google.rpc.Status} — 400 for a malformed body (retrying cannot help), 413 for a body over the
 * limit, 503 with {@code Retry-After} when the queue is full (OTLP clients retry).
 */
final class OtlpHttpHandler {

  static final String PATH = "/v1/traces";
  static final String PROTOBUF = "application/x-protobuf";
  static final String JSON = "application/json";
  static final String RETRY_AFTER_SECONDS = "1";

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  /** gRPC status codes, which OTLP/HTTP's {@code Status} body carries. */
  private static final int INVALID_ARGUMENT = 3;

  private static final int UNAVAILABLE = 14;
  private static final int UNIMPLEMENTED = 12;

  private final TraceExports exports;
  private final int maxBodyBytes;

  OtlpHttpHandler(TraceExports exports, int maxBodyBytes) {
    this.exports = exports;
    this.maxBodyBytes = maxBodyBytes;
  }

  void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String type = mediaType(exchange.getRequestHeaders().getFirst("Content-Type"));
      boolean json = type.equals(JSON);
      if (!exchange.getRequestURI().getPath().equals(PATH)) {
        status(exchange, 404, json, UNIMPLEMENTED, "no such path; OTLP traces go to " + PATH);
        return;
      }
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.getResponseHeaders().set("Allow", "POST");
        status(exchange, 405, json, UNIMPLEMENTED, PATH + " takes POST only");
        return;
      }
      if (!json && !type.equals(PROTOBUF)) {
        status(
            exchange,
            415,
            false,
            INVALID_ARGUMENT,
            "Content-Type must be " + PROTOBUF + " or " + JSON + ", not '" + type + "'");
        return;
      }
      String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
      boolean gzip = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
      if (!gzip && encoding != null && !encoding.isBlank() && !encoding.trim().equals("identity")) {
        status(
            exchange,
            415,
            json,
            INVALID_ARGUMENT,
            "Content-Encoding must be gzip or none, not '" + encoding + "'");
        return;
      }
      byte[] body;
      try {
        body = body(exchange, gzip);
      } catch (BodyTooLarge e) {
        exports.unreadable(e.getMessage());
        status(exchange, 413, json, INVALID_ARGUMENT, e.getMessage());
        return;
      } catch (ZipException e) {
        answer(exchange, json, exports.unreadable("the gzip body is corrupt: " + e.getMessage()));
        return;
      }
      TraceExports.Outcome outcome;
      if (json) {
        outcome = exports.json(body);
      } else {
        try {
          outcome = exports.protobuf(ExportTraceServiceRequest.parseFrom(body));
        } catch (InvalidProtocolBufferException e) {
          outcome =
              exports.unreadable("not an ExportTraceServiceRequest in protobuf: " + e.getMessage());
        }
      }
      answer(exchange, json, outcome);
    }
  }

  private void answer(HttpExchange exchange, boolean json, TraceExports.Outcome outcome)
      throws IOException {
    if (outcome instanceof TraceExports.Outcome.Accepted accepted) {
      ExportTraceServiceResponse response = response(accepted);
      byte[] body;
      if (!json) {
        body = response.toByteArray();
      } else if (accepted.rejected() == 0) {
        body = "{}".getBytes(StandardCharsets.UTF_8);
      } else {
        // OTLP/JSON: int64 as a decimal string.
        body =
            MAPPER.writeValueAsBytes(
                java.util.Map.of(
                    "partialSuccess",
                    java.util.Map.of(
                        "rejectedSpans",
                        Integer.toString(accepted.rejected()),
                        "errorMessage",
                        accepted.message())));
      }
      send(exchange, 200, json, body);
    } else if (outcome instanceof TraceExports.Outcome.Busy busy) {
      exchange.getResponseHeaders().set("Retry-After", RETRY_AFTER_SECONDS);
      status(
          exchange,
          503,
          json,
          UNAVAILABLE,
          "the ingest queue is full: " + busy.spans() + " spans not taken, retry later");
    } else if (outcome instanceof TraceExports.Outcome.Invalid invalid) {
      status(exchange, 400, json, INVALID_ARGUMENT, invalid.problem());
    }
  }

  /** The success answer: empty, or OTLP's partial success when spans were rejected. */
  static ExportTraceServiceResponse response(TraceExports.Outcome.Accepted accepted) {
    if (accepted.rejected() == 0) {
      return ExportTraceServiceResponse.getDefaultInstance();
    }
    return ExportTraceServiceResponse.newBuilder()
        .setPartialSuccess(
            ExportTracePartialSuccess.newBuilder()
                .setRejectedSpans(accepted.rejected())
                .setErrorMessage(accepted.message()))
        .build();
  }

  private byte[] body(HttpExchange exchange, boolean gzip) throws IOException {
    InputStream in = exchange.getRequestBody();
    if (gzip) {
      in = new GZIPInputStream(in);
    }
    byte[] bytes = in.readNBytes(maxBodyBytes + 1);
    if (bytes.length > maxBodyBytes) {
      throw new BodyTooLarge(
          "the request body is over " + maxBodyBytes + " bytes (after decompression)");
    }
    return bytes;
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.trim().toLowerCase(Locale.ROOT);
  }

  private static void status(
      HttpExchange exchange, int httpStatus, boolean json, int code, String message)
      throws IOException {
    byte[] body =
        json
            ? MAPPER.writeValueAsBytes(java.util.Map.of("code", code, "message", message))
            : com.google.rpc.Status.newBuilder()
                .setCode(code)
                .setMessage(message)
                .build()
                .toByteArray();
    send(exchange, httpStatus, json, body);
  }

  private static void send(HttpExchange exchange, int status, boolean json, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", json ? JSON : PROTOBUF);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** A body over the limit. */
  private static final class BodyTooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLarge(String message) {
      super(message);
    }
  }
}
