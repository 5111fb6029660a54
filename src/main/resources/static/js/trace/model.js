/**
 * The trace's timeline model in the browser: the server's columns (TimelineJson) as typed arrays,
 * plus what the browser decides — which rows are collapsed, which match the find box, which are
 * visible. No DOM here. Rows are in depth-first pre-order, so a row's subtree is the range
 * [row, end[row]) and collapsing is skipping that range: no per-span objects, no recursion.
 */

/** Bits of flags[]; mirror of io.sightline.web.trace.RowFlags. */
export const F = Object.freeze({
  ERROR: 1,
  DESC_ERROR: 2,
  HAS_CHILDREN: 4,
  ORPHAN: 8,
  DUPLICATE_ID: 16,
  CYCLE_CUT: 32,
  FOLLOWS_FROM: 64,
  CRITICAL: 128,
  KIND_SHIFT: 8,
  TYPE_SHIFT: 12,
});

export const KIND_NAMES = ['', 'client', 'server', 'producer', 'consumer', 'internal'];
export const KIND_CLIENT = 1;
export const KIND_SERVER = 2;
export const KIND_PRODUCER = 3;
export const TYPE_LABELS = ['', 'http', 'db', 'msg', 'rpc'];

export class TraceModel {
  /** @param {object} json the body of /trace/{id}/timeline.json */
  constructor(json) {
    const n = json.depth.length;
    this.n = n;
    this.viewId = json.viewId;
    this.traceId = json.traceId;
    this.traceStart = json.traceStart;
    this.duration = Math.max(1, json.duration);
    this.services = json.services;
    this.strings = json.strings;
    this.pillSets = json.pillSets;
    this.idText = json.ids; // 16 hex characters per row, concatenated
    this.depth = Int32Array.from(json.depth);
    this.start = Float64Array.from(json.start);
    this.dur = Float64Array.from(json.dur);
    this.svc = Int32Array.from(json.svc);
    this.op = Int32Array.from(json.op);
    this.peer = Int32Array.from(json.peer);
    this.pill = Int32Array.from(json.pill);
    this.flags = Int32Array.from(json.flags);

    // Parents and subtree ends from the depths (exact for pre-order), with an explicit stack.
    this.parent = new Int32Array(n);
    this.end = new Int32Array(n);
    const stack = new Int32Array(n + 1);
    let top = 0;
    for (let r = 0; r < n; r++) {
      const d = this.depth[r];
      while (top > d) this.end[stack[--top]] = r;
      this.parent[r] = top > 0 ? stack[top - 1] : -1;
      stack[top++] = r;
    }
    while (top > 0) this.end[stack[--top]] = n;

    // Logs: offsets of row r are logs[logStart[r] .. logStart[r + 1]).
    this.logs = Float64Array.from(json.logs);
    this.logStart = new Int32Array(n + 1);
    for (let r = 0; r < n; r++) this.logStart[r + 1] = this.logStart[r] + json.logN[r];

    // Critical path: sections sorted by row.
    const sections = json.cp.length / 3;
    this.cpRow = new Int32Array(sections);
    this.cpStart = new Float64Array(sections);
    this.cpEnd = new Float64Array(sections);
    for (let i = 0; i < sections; i++) {
      this.cpRow[i] = json.cp[3 * i];
      this.cpStart[i] = json.cp[3 * i + 1];
      this.cpEnd[i] = json.cp[3 * i + 2];
    }

    const errors = [];
    let duplicates = false;
    for (let r = 0; r < n; r++) {
      if (this.flags[r] & F.ERROR) errors.push(r);
      if (this.flags[r] & F.DUPLICATE_ID) duplicates = true;
    }
    this.hasDuplicateIds = duplicates;
    this.errorRows = Int32Array.from(errors);

    this.collapsed = new Uint8Array(n);
    this.matchRows = new Int32Array(0);
    this.isMatch = null;
    this.keep = null;
    this.matchesOnly = false;
    this.visible = new Int32Array(n);
    this.position = new Int32Array(n);
    this.visibleCount = 0;
    this.idIndex = null;
    this.computeVisible();
  }

  /** Row r's span ID (16 hex characters). */
  id(r) {
    return this.idText.substr(r * 16, 16);
  }

  hasChildren(r) {
    return (this.flags[r] & F.HAS_CHILDREN) !== 0;
  }

  kind(r) {
    return (this.flags[r] >>> F.KIND_SHIFT) & 7;
  }

  type(r) {
    return (this.flags[r] >>> F.TYPE_SHIFT) & 7;
  }

  /** Recomputes the visible rows (O(visible + collapsed skips), at most O(n)). */
  computeVisible() {
    const { n, collapsed, end, visible, position } = this;
    const keep = this.matchesOnly ? this.keep : null;
    position.fill(-1);
    let k = 0;
    let r = 0;
    while (r < n) {
      if (keep && !keep[r]) {
        r = end[r]; // nothing in this subtree matches
        continue;
      }
      position[r] = k;
      visible[k++] = r;
      r = collapsed[r] ? end[r] : r + 1;
    }
    this.visibleCount = k;
  }

  toggle(r) {
    if (!this.hasChildren(r)) return;
    this.collapsed[r] = this.collapsed[r] ? 0 : 1;
    this.computeVisible();
  }

  expandAll() {
    this.collapsed.fill(0);
    this.computeVisible();
  }

  collapseAll() {
    for (let r = 0; r < this.n; r++) this.collapsed[r] = this.hasChildren(r) ? 1 : 0;
    this.computeVisible();
  }

  /**
   * Collapses one level, as Jaeger UI does: on each branch, the deepest visible span that has
   * children and is still expanded.
   */
  collapseOne() {
    const { visible, depth, collapsed } = this;
    const expandable = (r) => this.hasChildren(r) && !collapsed[r];
    const toCollapse = [];
    let nearest = -1;
    for (let i = 0; i < this.visibleCount; i++) {
      const r = visible[i];
      if (nearest >= 0 && depth[r] <= depth[nearest]) {
        toCollapse.push(nearest);
        nearest = expandable(r) ? r : -1;
      } else if (expandable(r)) {
        nearest = r;
      }
    }
    if (nearest >= 0) toCollapse.push(nearest);
    for (const r of toCollapse) collapsed[r] = 1;
    this.computeVisible();
  }

  /** Expands one level: every visible collapsed span. */
  expandOne() {
    const { visible, collapsed } = this;
    for (let i = 0; i < this.visibleCount; i++) collapsed[visible[i]] = 0;
    this.computeVisible();
  }

  /** Expands the ancestors of a row (and shows all rows if "matches only" would hide it). */
  reveal(r) {
    let changed = false;
    for (let p = this.parent[r]; p >= 0; p = this.parent[p]) {
      if (this.collapsed[p]) {
        this.collapsed[p] = 0;
        changed = true;
      }
    }
    if (this.matchesOnly && this.keep && !this.keep[r]) {
      this.matchesOnly = false;
      changed = true;
    }
    if (changed) this.computeVisible();
    return changed;
  }

  /** Sets the find results (ascending rows) and the rows kept by "matches only". */
  setMatches(rows) {
    this.matchRows = Int32Array.from(rows);
    if (rows.length === 0) {
      this.isMatch = null;
      this.keep = null;
    } else {
      this.isMatch = new Uint8Array(this.n);
      this.keep = new Uint8Array(this.n);
      for (const r of this.matchRows) {
        this.isMatch[r] = 1;
        for (let x = r; x >= 0 && !this.keep[x]; x = this.parent[x]) this.keep[x] = 1;
      }
    }
    if (this.matchesOnly) this.computeVisible();
  }

  setMatchesOnly(on) {
    this.matchesOnly = !!on;
    this.computeVisible();
  }

  /** Rows with this span ID (more than one only when IDs are duplicated). */
  rowsOfSpan(spanId) {
    if (!this.idIndex) {
      this.idIndex = new Map();
      for (let r = 0; r < this.n; r++) {
        const id = this.id(r);
        const list = this.idIndex.get(id);
        if (list) list.push(r);
        else this.idIndex.set(id, [r]);
      }
    }
    return this.idIndex.get(String(spanId).toLowerCase()) || [];
  }

  /** Which duplicate of its span ID a row is (0 for the first, and for unique IDs). */
  occurrence(r) {
    if (!this.hasDuplicateIds) return 0;
    return Math.max(0, this.rowsOfSpan(this.id(r)).indexOf(r));
  }

  /** Index of the first critical-path section of row r or later (binary search). */
  cpLowerBound(r) {
    let lo = 0;
    let hi = this.cpRow.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cpRow[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** The next (dir 1) or previous (dir -1) entry of a sorted row list after `from`, wrapping. */
export function nextInList(list, from, dir) {
  const n = list.length;
  if (n === 0) return -1;
  // first index with list[i] > from
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] <= from) lo = mid + 1;
    else hi = mid;
  }
  if (dir > 0) return lo < n ? list[lo] : list[0];
  // last index with list[i] < from
  let i = lo - 1;
  if (i >= 0 && list[i] === from) i--;
  return i >= 0 ? list[i] : list[n - 1];
}
