package io.sightline.storage.elasticsearch.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sightline.storage.elasticsearch.client.JsonCodec;
import io.sightline.threads.DaemonThreads;
import io.sightline.trace.StorageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.SynchronousQueue;

/**
 * The pages of an unsliced point-in-time scan, fetched one page ahead of their decoding: while the
 * caller decodes and links page n, a fetcher thread already waits for page n+1. It can ask for it
 * before page n is decoded because the {@code search_after} values it needs are page n's last
 * {@code sort} array, which is the last one in the body, found from the end of the raw bytes
 * without reading the hits.
 *
 * <p>Memory: at most two raw pages at once, the one the caller decodes and the one fetched ahead
 * (the fetcher hands a page over only when the caller asks for the next, so it never runs further
 * ahead), whatever the day holds.
 */
final class PageAhead implements AutoCloseable {

  /** A page's body, or the failure that ended the fetching. */
  private static final class Fetched {
    final byte[] body;
    final RuntimeException failure;

    Fetched(byte[] body, RuntimeException failure) {
      this.body = body;
      this.failure = failure;
    }
  }

  private static final byte[] SORT = "\"sort\":[".getBytes(StandardCharsets.US_ASCII);

  /** Fetches one page: the point-in-time ID and the previous page's last sort values. */
  interface Fetch {
    byte[] page(String pit, List<Object> after);
  }

  private final SynchronousQueue<Fetched> handOver = new SynchronousQueue<>();
  private final Thread fetcher;
  private volatile boolean closed;

  PageAhead(String pit, Fetch fetch) {
    this.fetcher = DaemonThreads.start("span-scan-fetch", () -> fetchAll(pit, fetch));
  }

  /** The next page's body, waiting for it if it has not arrived yet. */
  byte[] next() {
    Fetched fetched;
    try {
      fetched = handOver.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException(
          StorageException.Kind.FAILED, "interrupted while scanning spans", e);
    }
    if (fetched.failure != null) {
      throw fetched.failure;
    }
    return fetched.body;
  }

  /** Stops fetching: a page being fetched is dropped when it arrives. */
  @Override
  public void close() {
    closed = true;
    fetcher.interrupt();
  }

  private void fetchAll(String pit, Fetch fetch) {
    String id = pit;
    List<Object> after = null;
    try {
      while (!closed) {
        byte[] body = fetch.page(id, after);
        Tail tail = tail(body);
        handOver.put(new Fetched(body, null));
        if (tail.lastSort() == null) {
          return; // no hits: the scan is over
        }
        after = tail.lastSort();
        id = tail.pit() == null ? id : tail.pit();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closed: the caller has what it needs
    } catch (RuntimeException e) {
      if (!closed) {
        try {
          handOver.put(new Fetched(null, e));
        } catch (InterruptedException ignored) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** What the next request needs from a page: its last sort values and point-in-time ID. */
  record Tail(List<Object> lastSort, String pit) {}

  /**
   * Reads a page's tail without its hits: the {@code pit_id} (Elasticsearch writes it before the
   * hits) and the last hit's {@code sort} array, the last such array in the body, as hits end with
   * it and nothing but closing brackets follows. {@code lastSort} is null when the page has no
   * hits.
   */
  static Tail tail(byte[] body) {
    try {
      return new Tail(lastSort(body), pitId(body));
    } catch (IOException e) {
      throw new StorageException(
          StorageException.Kind.FAILED, "scanning spans failed: unreadable page: " + e, e);
    }
  }

  private static List<Object> lastSort(byte[] body) throws IOException {
    int at = lastIndexOf(body, SORT);
    if (at < 0) {
      return null;
    }
    int array = at + SORT.length - 1;
    try (JsonParser p =
        JsonCodec.mapper().getFactory().createParser(body, array, body.length - array)) {
      p.nextToken();
      List<Object> values = SearchHitsReader.sortValues(p);
      return values.isEmpty() ? null : values;
    }
  }

  private static String pitId(byte[] body) throws IOException {
    try (JsonParser p = JsonCodec.mapper().getFactory().createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (field.equals("pit_id")) {
          return p.getValueAsString();
        }
        if (field.equals("hits")) {
          return null; // not before the hits: keep the current ID rather than read them
        }
        p.skipChildren();
      }
      return null;
    }
  }

  private static int lastIndexOf(byte[] body, byte[] what) {
    outer:
    for (int i = body.length - what.length; i >= 0; i--) {
      for (int j = 0; j < what.length; j++) {
        if (body[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
