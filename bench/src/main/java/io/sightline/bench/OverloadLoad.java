package io.sightline.bench;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;

/**
 * The overload scenario's load: several kinds of request at once, each sent by its own closed-loop
 * clients, every answer classified (complete 200, 503 with {@code Retry-After}, incomplete 200, or
 * anything else). As in {@link LoadRunner}, clients start nothing new after the phase's length, the
 * requests in flight complete and count, and the phase ends when the last one does.
 */
final class OverloadLoad {

  /** How one request ended. */
  enum Outcome {
    /** 200 with every trace and span expected. */
    COMPLETE,
    /** 503 with {@code Retry-After}: busy, as promised. */
    BUSY,
    /** 200 with fewer (or more) traces or spans than expected. */
    INCOMPLETE,
    /** Anything else: another status, no answer, a broken body. */
    FAILED
  }

  /** One request's end: its outcome, the spans it delivered and when to retry (seconds). */
  record Answer(Outcome outcome, long spans, long retryAfterSeconds, String detail) {}

  /** One request, sent once. */
  @FunctionalInterface
  interface Request {
    Answer send() throws Exception;
  }

  /**
   * One kind of request.
   *
   * @param clients how many closed-loop clients send it
   * @param pause how long each client waits after an answer before its next request
   */
  record Stream(String name, int clients, Request request, Duration pause) {}

  /** A client waits this long at most after a 503, however long {@code Retry-After} says. */
  static final Duration MAX_BUSY_PAUSE = Duration.ofSeconds(1);

  private OverloadLoad() {}

  /**
   * A GET to Sightline whose 200 must hold {@code traces} traces and {@code spans} spans (counted
   * while the body streams in), or any 200 when {@code expected} is null (a names list).
   */
  static Request sightline(URI uri, long[] expected) {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Http.REQUEST_TIMEOUT).GET().build();
    return () -> {
      HttpResponse<InputStream> response =
          Http.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        int status = response.statusCode();
        if (status == 200) {
          if (expected == null) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return new Answer(Outcome.COMPLETE, 0, 0, null);
          }
          long[] got = ResponseSummary.jaegerTraces(in);
          return Arrays.equals(got, expected)
              ? new Answer(Outcome.COMPLETE, got[1], 0, null)
              : new Answer(
                  Outcome.INCOMPLETE,
                  0,
                  0,
                  "200 with " + got[0] + " traces / " + got[1] + " spans");
        }
        in.transferTo(java.io.OutputStream.nullOutputStream());
        OptionalLong retry = response.headers().firstValueAsLong("Retry-After");
        if (status == 503 && retry.isPresent()) {
          return new Answer(Outcome.BUSY, 0, retry.getAsLong(), null);
        }
        return new Answer(Outcome.FAILED, 0, 0, "status " + status);
      }
    };
  }

  /** The raw floor: the recorded Elasticsearch requests replayed; delivers {@code spans}. */
  static Request raw(Operation replay, long spans) {
    return () -> {
      replay.run();
      return new Answer(Outcome.COMPLETE, spans, 0, null);
    };
  }

  /** What one stream gave over a phase. */
  static final class Tally {
    final String name;
    final Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
    long spans;
    long[] nanos = new long[256];
    int timed;
    String firstProblem;

    Tally(String name) {
      this.name = name;
      for (Outcome o : Outcome.values()) {
        counts.put(o, 0);
      }
    }

    synchronized void add(Answer answer, long elapsedNanos) {
      counts.merge(answer.outcome(), 1, Integer::sum);
      spans += answer.spans();
      if (answer.outcome() == Outcome.COMPLETE) {
        if (timed == nanos.length) {
          nanos = Arrays.copyOf(nanos, timed * 2);
        }
        nanos[timed++] = elapsedNanos;
      } else if (answer.outcome() != Outcome.BUSY && firstProblem == null) {
        firstProblem = answer.detail();
      }
    }

    int count(Outcome outcome) {
      return counts.get(outcome);
    }

    int total() {
      return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Percentile of the complete answers' latencies, ms. */
    double percentileMillis(double p) {
      long[] sorted = Arrays.copyOf(nanos, timed);
      Arrays.sort(sorted);
      return Measurement.percentileMillis(sorted, timed, p);
    }

    void merge(Tally other) {
      other.counts.forEach((o, n) -> counts.merge(o, n, Integer::sum));
      spans += other.spans;
      nanos = Arrays.copyOf(nanos, timed + other.timed);
      System.arraycopy(other.nanos, 0, nanos, timed, other.timed);
      timed += other.timed;
      if (firstProblem == null) {
        firstProblem = other.firstProblem;
      }
    }
  }

  /** A phase's tallies by stream name, and its length until the last request ended (s). */
  record Phase(Map<String, Tally> tallies, double seconds) {}

  /** Runs every stream at once for {@code length}; the phase ends with its last request. */
  static Phase run(List<Stream> streams, Duration length) throws InterruptedException {
    long started = System.nanoTime();
    long deadline = started + length.toNanos();
    CountDownLatch start = new CountDownLatch(1);
    Map<String, Tally> tallies = new LinkedHashMap<>();
    List<Thread> threads = new ArrayList<>();
    for (Stream stream : streams) {
      Tally tally = new Tally(stream.name());
      tallies.put(stream.name(), tally);
      for (int i = 0; i < stream.clients(); i++) {
        Thread thread =
            new Thread(() -> client(stream, tally, start, deadline), "overload-" + stream.name());
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
      }
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    return new Phase(tallies, (System.nanoTime() - started) / 1e9);
  }

  private static void client(Stream stream, Tally tally, CountDownLatch start, long deadline) {
    try {
      start.await();
      while (System.nanoTime() - deadline < 0) {
        long t0 = System.nanoTime();
        Answer answer;
        try {
          answer = stream.request().send();
        } catch (InterruptedException e) {
          throw e;
        } catch (Exception e) {
          answer = new Answer(Outcome.FAILED, 0, 0, String.valueOf(e));
        }
        tally.add(answer, System.nanoTime() - t0);
        Duration pause = stream.pause();
        if (answer.outcome() == Outcome.BUSY) {
          Duration retry = Duration.ofSeconds(answer.retryAfterSeconds());
          pause = retry.compareTo(MAX_BUSY_PAUSE) < 0 ? retry : MAX_BUSY_PAUSE;
        } else if (answer.outcome() == Outcome.FAILED && pause.toMillis() < 100) {
          pause = Duration.ofMillis(100); // nothing answers: do not spin
        }
        if (!pause.isZero()) {
          Thread.sleep(pause.toMillis());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
