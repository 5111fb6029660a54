package io.sightline.bench;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concurrent OTLP senders, as OTLP exporters behave: each takes the next pre-serialized request and
 * exports it; a retryable refusal (gRPC {@code UNAVAILABLE}/{@code RESOURCE_EXHAUSTED}, HTTP
 * 429/503) is retried after a pause, so every span is eventually accepted. Over gRPC the call is
 * the generated stub's {@code TraceService/Export} method with the request marshalled as the bytes
 * already serialized (the same bytes on the wire as the stub's; it keeps the client's CPU, which
 * shares the machine, out of the figures); over OTLP/HTTP it is {@code POST /v1/traces} with {@code
 * application/x-protobuf}.
 */
final class OtlpSenders {

  private static final long RETRY_PAUSE_MILLIS = 20;

  /** What the senders saw. */
  record Sent(long requests, long retries, long rejectedSpans, double seconds) {}

  private OtlpSenders() {}

  static Sent grpc(String host, int port, List<byte[]> requests, int senders) throws Exception {
    MethodDescriptor<byte[], ExportTraceServiceResponse> export =
        TraceServiceGrpc.getExportMethod().toBuilder(
                new BytesMarshaller(),
                ProtoUtils.marshaller(ExportTraceServiceResponse.getDefaultInstance()))
            .build();
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(host, port)
            .usePlaintext()
            .maxInboundMessageSize(16 << 20)
            .build();
    try {
      return run(
          requests,
          senders,
          body -> {
            try {
              ExportTraceServiceResponse response =
                  ClientCalls.blockingUnaryCall(channel, export, CallOptions.DEFAULT, body);
              return response.getPartialSuccess().getRejectedSpans();
            } catch (StatusRuntimeException e) {
              Status.Code code = e.getStatus().getCode();
              if (code == Status.Code.UNAVAILABLE || code == Status.Code.RESOURCE_EXHAUSTED) {
                return -1;
              }
              throw e;
            }
          });
    } finally {
      channel.shutdownNow();
    }
  }

  static Sent http(URI endpoint, List<byte[]> requests, int senders) throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    return run(
        requests,
        senders,
        body -> {
          HttpRequest request =
              HttpRequest.newBuilder(endpoint)
                  .timeout(Duration.ofMinutes(1))
                  .header("Content-Type", "application/x-protobuf")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build();
          HttpResponse<byte[]> response;
          try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
          int status = response.statusCode();
          if (status == 429 || status == 503) {
            return -1;
          }
          if (status != 200) {
            throw new IllegalStateException("POST " + endpoint + " answered " + status);
          }
          try {
            return ExportTraceServiceResponse.parseFrom(response.body())
                .getPartialSuccess()
                .getRejectedSpans();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** One export: the spans rejected as partial success, or -1 for "retry later". */
  private interface Export {
    long send(byte[] body);
  }

  private static Sent run(List<byte[]> requests, int senders, Export export) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicLong retries = new AtomicLong();
    AtomicLong rejected = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    Throwable[] failure = new Throwable[1];
    long started = System.nanoTime();
    for (int s = 0; s < senders; s++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  int i;
                  while ((i = next.getAndIncrement()) < requests.size()) {
                    long result;
                    while ((result = export.send(requests.get(i))) < 0) {
                      retries.incrementAndGet();
                      Thread.sleep(RETRY_PAUSE_MILLIS);
                    }
                    rejected.addAndGet(result);
                  }
                } catch (Throwable e) {
                  synchronized (failure) {
                    failure[0] = e;
                  }
                  next.set(requests.size());
                }
              },
              "otlp-sender-" + s);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    synchronized (failure) {
      if (failure[0] != null) {
        throw new IOException("a sender failed: " + failure[0], failure[0]);
      }
    }
    return new Sent(requests.size(), retries.get(), rejected.get(), seconds);
  }

  /** The request as the bytes it was serialized to once. */
  private static final class BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
