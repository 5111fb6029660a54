package io.sightline.storage.elasticsearch.document;

import io.sightline.trace.KeyValue;
import io.sightline.trace.TracedProcess;
import java.util.List;

/**
 * One {@link TracedProcess} instance per distinct process of a response: the spans of a trace share
 * a handful of processes, so a process that was seen before is looked up from the decoder's scratch
 * list without building a new one. Not thread-safe.
 */
final class ProcessInterner {

  private TracedProcess[] entries = new TracedProcess[16];
  private int[] hashes = new int[16];
  private int size;

  /** Open addressing: entry index + 1, 0 for empty. */
  private int[] table = new int[32];

  /** The process with this name and these tags (copied when new). */
  TracedProcess intern(String serviceName, List<KeyValue> tags) {
    int hash = serviceName.hashCode() * 31 + tags.hashCode();
    int mask = table.length - 1;
    int slot = spread(hash) & mask;
    for (int e; (e = table[slot]) != 0; slot = (slot + 1) & mask) {
      TracedProcess known = entries[e - 1];
      if (hashes[e - 1] == hash
          && known.serviceName().equals(serviceName)
          && known.tags().equals(tags)) {
        return known;
      }
    }
    TracedProcess process = new TracedProcess(serviceName, tags);
    if (size == entries.length) {
      entries = java.util.Arrays.copyOf(entries, size * 2);
      hashes = java.util.Arrays.copyOf(hashes, size * 2);
    }
    entries[size] = process;
    hashes[size] = hash;
    size++;
    table[slot] = size;
    if (size * 2 > table.length) {
      rehash();
    }
    return process;
  }

  private void rehash() {
    table = new int[table.length * 2];
    int mask = table.length - 1;
    for (int i = 0; i < size; i++) {
      int slot = spread(hashes[i]) & mask;
      while (table[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      table[slot] = i + 1;
    }
  }

  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }
}
