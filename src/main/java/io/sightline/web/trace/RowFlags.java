package io.sightline.web.trace;

/**
 * Bits of a timeline row's {@code flags} value, shared with the browser ({@code
 * static/js/trace/model.js} mirrors these constants: change both together).
 *
 * <pre>
 * bit 0  ERROR         the span itself is marked as failed
 * bit 1  DESC_ERROR    some descendant is marked as failed (shown, hollow, on a collapsed row)
 * bit 2  HAS_CHILDREN
 * bit 3  ORPHAN        the parent reference points outside the trace
 * bit 4  DUPLICATE_ID  an earlier span has the same ID
 * bit 5  CYCLE_CUT     the parent link was cut to break a reference cycle
 * bit 6  FOLLOWS_FROM  hangs off its parent by FOLLOWS_FROM
 * bit 7  CRITICAL      has critical-path sections
 * bits 8-10   span kind (SpanHints.KIND_*)
 * bits 12-14  type hint (SpanHints.TYPE_*)
 * </pre>
 */
final class RowFlags {

  static final int ERROR = 1;
  static final int DESC_ERROR = 1 << 1;
  static final int HAS_CHILDREN = 1 << 2;
  static final int ORPHAN = 1 << 3;
  static final int DUPLICATE_ID = 1 << 4;
  static final int CYCLE_CUT = 1 << 5;
  static final int FOLLOWS_FROM = 1 << 6;
  static final int CRITICAL = 1 << 7;
  static final int KIND_SHIFT = 8;
  static final int TYPE_SHIFT = 12;

  private RowFlags() {}

  static int kind(int flags) {
    return (flags >>> KIND_SHIFT) & 7;
  }

  static int type(int flags) {
    return (flags >>> TYPE_SHIFT) & 7;
  }
}
