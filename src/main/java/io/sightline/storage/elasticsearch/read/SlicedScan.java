package io.sightline.storage.elasticsearch.read;

import io.sightline.storage.elasticsearch.read.ElasticsearchSpanScanner.Page;
import io.sightline.threads.DaemonThreads;
import io.sightline.trace.ProcessMap;
import io.sightline.trace.Span;
import io.sightline.trace.SpanScanner.Listener;
import io.sightline.trace.StorageException;
import io.sightline.trace.TracedProcess;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

/**
 * A point-in-time scan in {@code slices} parallel slices ({@code slice: {id, max}}), so that
 * Elasticsearch's shards work on several pages at once and the decoding of one slice's page
 * overlaps the search of another's. Each slice is read by its own thread in {@code traceID} order
 * and handed over page by page (a queue of one page per slice); the caller's thread merges the
 * slices by {@code traceID} (a k-way merge on the sort value, which is the stored {@code traceID}
 * string, as the unsliced scan and the Spark job group by it), joining the parts of one trace that
 * different slices hold. Memory: per slice, the page being read, one page queued and the merge's
 * current page — bounded by {@code slices × pageSize}, whatever the day holds.
 */
final class SlicedScan {

  /** The spans of one {@code traceID} that one slice read, in the order read. */
  private record Group(String key, List<Span> spans) {}

  /**
   * What a slice hands over per page: the traces completed on it (the last one may continue on the
   * next page, so it waits), how many hits it read, the slice's total (first page only, else -1),
   * whether this was the slice's last page, and its failure if it failed.
   */
  private record Batch(
      List<Group> groups, long hits, long total, boolean last, RuntimeException failure) {}

  private final ElasticsearchSpanScanner scanner;
  private final String pit;
  private final Object query;
  private final int slices;

  SlicedScan(ElasticsearchSpanScanner scanner, String pit, Object query, int slices) {
    this.scanner = scanner;
    this.pit = pit;
    this.query = query;
    this.slices = slices;
  }

  /** Scans every slice, merges them and hands each trace to the listener; returns spans read. */
  long run(Listener listener) {
    List<BlockingQueue<Batch>> queues = new ArrayList<>(slices);
    List<Thread> threads = new ArrayList<>(slices);
    for (int i = 0; i < slices; i++) {
      BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(1);
      queues.add(queue);
      int slice = i;
      threads.add(DaemonThreads.create("span-scan-slice-" + i, () -> readSlice(slice, queue)));
    }
    threads.forEach(Thread::start);
    try {
      return merge(queues, listener);
    } finally {
      threads.forEach(Thread::interrupt);
    }
  }

  /** A slice's reader: its pages in order, grouped by {@code traceID}, one batch per page. */
  private void readSlice(int slice, BlockingQueue<Batch> queue) {
    try {
      String id = pit;
      List<Object> after = null;
      Group open = null;
      while (true) {
        PageGroups hits = new PageGroups(open);
        Page page = scanner.pointInTimePage(id, query, after, slice, hits);
        id = page.continuation == null ? id : page.continuation;
        boolean last = page.hits < scanner.pageSize() || page.lastSort.isEmpty();
        open = hits.open;
        if (last && open != null) {
          hits.done.add(open);
        }
        queue.put(new Batch(hits.done, page.hits, after == null ? hits.total : -1, last, null));
        if (last) {
          return;
        }
        after = page.lastSort;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the merge has ended: stop
    } catch (RuntimeException e) {
      try {
        queue.put(new Batch(List.of(), 0, -1, true, e));
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** One page's hits grouped by their {@code traceID} sort value. */
  private static final class PageGroups implements ElasticsearchSpanScanner.Hits {
    final List<Group> done = new ArrayList<>();
    Group open;
    long total = -1;
    Function<TracedProcess, TracedProcess> processes = ProcessMap.canonical();

    PageGroups(Group open) {
      this.open = open;
    }

    @Override
    public void total(long total) {
      this.total = total;
    }

    @Override
    public void add(Span span, List<Object> sort) {
      if (span == null || sort.isEmpty()) {
        return; // undecodable: counted as read, not grouped (as the unsliced scan)
      }
      String key = String.valueOf(sort.get(0));
      if (open == null || !open.key().equals(key)) {
        if (open != null) {
          done.add(open);
        }
        open = new Group(key, new ArrayList<>());
        processes = ProcessMap.canonical();
      }
      open.spans().add(ProcessMap.withCanonicalProcess(span, processes));
    }
  }

  /** A slice's position in the merge: its current batch and the next group in it. */
  private static final class Cursor {
    final BlockingQueue<Batch> queue;
    Batch batch;
    int next;

    Cursor(BlockingQueue<Batch> queue) {
      this.queue = queue;
    }

    Group head() {
      return batch.groups().get(next);
    }
  }

  private long merge(List<BlockingQueue<Batch>> queues, Listener listener) {
    long[] read = new long[1];
    long total = 0;
    boolean totalKnown = true;
    PriorityQueue<Cursor> heads =
        new PriorityQueue<>(Comparator.comparing((Cursor c) -> c.head().key()));
    List<Cursor> cursors = new ArrayList<>();
    for (BlockingQueue<Batch> queue : queues) {
      Cursor cursor = new Cursor(queue);
      cursor.batch = take(cursor, read);
      if (cursor.batch.total() < 0) {
        totalKnown = false;
      }
      total += Math.max(0, cursor.batch.total());
      cursors.add(cursor);
    }
    if (totalKnown) {
      listener.total(total);
    }
    listener.read(read[0]);
    for (Cursor cursor : cursors) {
      if (advanceToGroup(cursor, read, listener)) {
        heads.add(cursor);
      }
    }
    List<Cursor> same = new ArrayList<>();
    while (!heads.isEmpty()) {
      Cursor first = heads.poll();
      same.clear();
      same.add(first);
      String key = first.head().key();
      while (!heads.isEmpty() && heads.peek().head().key().equals(key)) {
        same.add(heads.poll());
      }
      List<Span> spans = first.head().spans();
      for (int i = 1; i < same.size(); i++) {
        spans.addAll(same.get(i).head().spans());
      }
      listener.trace(spans);
      for (Cursor cursor : same) {
        cursor.next++;
        if (advanceToGroup(cursor, read, listener)) {
          heads.add(cursor);
        }
      }
    }
    return read[0];
  }

  /** Moves to the cursor's next group, taking batches as needed; false when the slice is done. */
  private static boolean advanceToGroup(Cursor cursor, long[] read, Listener listener) {
    while (cursor.next >= cursor.batch.groups().size()) {
      if (cursor.batch.last()) {
        return false;
      }
      cursor.batch = take(cursor, read);
      cursor.next = 0;
      listener.read(read[0]);
    }
    return true;
  }

  private static Batch take(Cursor cursor, long[] read) {
    Batch batch;
    try {
      batch = cursor.queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException(
          StorageException.Kind.FAILED, "interrupted while scanning spans", e);
    }
    if (batch.failure() != null) {
      throw batch.failure();
    }
    read[0] += batch.hits();
    return batch;
  }
}
