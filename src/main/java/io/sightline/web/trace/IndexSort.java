package io.sightline.web.trace;

/**
 * A stable sort of {@code int} indices by a {@code long} key, without boxing: at 100,000 spans a
 * {@code Integer[]} sort with a comparator allocates and chases pointers for nothing.
 */
final class IndexSort {

  private IndexSort() {}

  /**
   * Sorts {@code indices} in place so that {@code key[indices[i]]} ascends; equal keys keep their
   * relative order (bottom-up merge sort, O(n log n), one scratch array).
   */
  static void byKey(int[] indices, long[] key) {
    int n = indices.length;
    if (n < 2) {
      return;
    }
    int[] from = indices;
    int[] to = new int[n];
    for (int width = 1; width < n; width <<= 1) {
      for (int lo = 0; lo < n; lo += width << 1) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + (width << 1), n);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
          // "<=" takes from the left run on ties: that is what keeps the sort stable.
          to[k++] = key[from[i]] <= key[from[j]] ? from[i++] : from[j++];
        }
        while (i < mid) {
          to[k++] = from[i++];
        }
        while (j < hi) {
          to[k++] = from[j++];
        }
      }
      int[] swap = from;
      from = to;
      to = swap;
    }
    if (from != indices) {
      System.arraycopy(from, 0, indices, 0, n);
    }
  }
}
