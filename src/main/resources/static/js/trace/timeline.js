/**
 * The timeline: a virtual list. Only the rows in (and just around) the viewport exist in the DOM,
 * as a small pool of row elements that are re-bound to other rows while scrolling; the spacer is
 * as tall as all visible rows. Row height is fixed (--row-h).
 *
 * Geometry goes through the CSSOM (el.style.left = "12%"), which the Content-Security-Policy
 * allows; the markup has no style attributes. Text goes through textContent only.
 */
import { serviceClass } from '../core/colors.js';
import { duration } from '../core/format.js';
import { h, onNextFrame } from '../core/dom.js';
import { F, KIND_CLIENT, KIND_PRODUCER, KIND_SERVER, TYPE_LABELS } from './model.js';

const OVERSCAN = 8;
const MAX_INDENT_LEVELS = 24;
const MAX_PILLS = 4;
const MAX_LOG_MARKS = 32;
const MAX_CP_SEGMENTS = 48;

function pct(fraction) {
  return (fraction * 100).toFixed(4) + '%';
}

/**
 * Shows count marks of a row's bars (critical path sections, log marks) from its pool of them,
 * adding elements of the class as needed before the label, and hides the rest; place(el, i) sets
 * the i-th one's geometry.
 */
function showMarks(item, pool, className, count, place) {
  while (pool.length < count) {
    const el = h('div', { className });
    item.bars.insertBefore(el, item.label);
    pool.push(el);
  }
  for (let i = 0; i < pool.length; i++) {
    const el = pool[i];
    if (i < count) {
      el.hidden = false;
      place(el, i);
    } else if (!el.hidden) {
      el.hidden = true;
    }
  }
}

export class Timeline {
  /**
   * @param {object} o
   * @param {HTMLElement} o.body the scrolling container
   * @param {HTMLElement} o.spacer its child, sized to all visible rows
   * @param {HTMLElement} o.ticks the time ticks of the header
   * @param {import('./model.js').TraceModel} o.model
   * @param {(row: number) => void} o.onSelect a row was clicked
   * @param {(row: number) => void} o.onToggle a row's expand/collapse toggle was clicked
   */
  constructor({ body, spacer, ticks, model, onSelect, onToggle }) {
    this.body = body;
    this.spacer = spacer;
    this.ticks = ticks;
    this.model = model;
    const style = getComputedStyle(body);
    this.rowH = parseFloat(style.getPropertyValue('--row-h')) || 24;
    this.indentPx = parseFloat(style.getPropertyValue('--indent')) || 12;
    this.zoom = [0, 1];
    this.selected = -1;
    this.focused = -1;
    this.currentMatch = -1;
    this.pool = [];
    this.cpCache = new Map();
    /** Renders on the next animation frame (scrolling, resizing). */
    this.schedule = onNextFrame(() => this.render());

    body.addEventListener('scroll', () => this.schedule(), { passive: true });
    new ResizeObserver(() => this.schedule()).observe(body);
    body.addEventListener('click', (event) => {
      const rowEl = event.target.closest('.row');
      if (!rowEl) return;
      const row = Number(rowEl.dataset.row);
      if (event.target.closest('.r-toggle')) onToggle(row);
      else onSelect(row);
    });
    this.tickEls = [];
    ticks.classList.add('positioned');
    ticks.replaceChildren();
    for (let i = 0; i <= 4; i++) {
      const tick = h('span', { className: i === 4 ? 'last' : '' });
      tick.style.left = pct(i / 4);
      this.tickEls.push(tick);
      ticks.append(tick);
    }
    this.renderTicks();
  }

  /** Renders now: after the visible rows, the zoom or the selection changed. */
  refresh() {
    this.render();
  }

  setZoom(start, end) {
    this.zoom = [Math.max(0, start), Math.min(1, end)];
    this.renderTicks();
    this.render();
  }

  renderTicks() {
    const [z0, z1] = this.zoom;
    const total = this.model.duration;
    this.tickEls.forEach((tick, i) => {
      tick.textContent = duration(Math.round((z0 + ((z1 - z0) * i) / 4) * total));
    });
  }

  /** Scrolls so the row is in view (centred when it was not). */
  scrollToRow(row) {
    const pos = this.model.position[row];
    if (pos < 0) return;
    const top = pos * this.rowH;
    const viewTop = this.body.scrollTop;
    const viewHeight = this.body.clientHeight;
    if (top < viewTop || top + this.rowH > viewTop + viewHeight) {
      this.body.scrollTop = Math.max(0, top - viewHeight / 2 + this.rowH / 2);
    }
    this.render();
  }

  /** Scrolls by a number of rows (keyboard s / w). */
  scrollRows(count) {
    this.body.scrollTop += count * this.rowH;
    this.render();
  }

  /** Visible positions currently in the viewport: [first, last). */
  viewportRange() {
    const first = Math.floor(this.body.scrollTop / this.rowH);
    const last = Math.ceil((this.body.scrollTop + this.body.clientHeight) / this.rowH);
    return [first, Math.min(last, this.model.visibleCount)];
  }

  render() {
    const { model, rowH } = this;
    const count = model.visibleCount;
    // One layout read per frame, before any write: the width of the bar area, for labels.
    const sample = this.pool.find((item) => !item.el.hidden);
    if (sample) this.barsWidth = sample.bars.offsetWidth;
    this.spacer.style.height = count * rowH + 'px';
    const top = this.body.scrollTop;
    const height = this.body.clientHeight || 600;
    const first = Math.max(0, Math.floor(top / rowH) - OVERSCAN);
    const last = Math.min(count, Math.ceil((top + height) / rowH) + OVERSCAN);
    const needed = Math.max(0, last - first);
    while (this.pool.length < needed) this.pool.push(this.createRow());
    for (let i = 0; i < this.pool.length; i++) {
      const item = this.pool[i];
      if (i < needed) {
        this.bind(item, first + i);
        if (item.el.hidden) item.el.hidden = false;
      } else if (!item.el.hidden) {
        item.el.hidden = true;
        item.row = -1;
      }
    }
  }

  createRow() {
    const indent = h('span', { className: 'r-indent' });
    const depth = h('span', { className: 'r-depth', hidden: true });
    const toggle = h('button', {
      className: 'r-toggle',
      attrs: { type: 'button', tabindex: '-1', 'aria-label': 'Expand or collapse' },
    });
    const err = h('span', { className: 'err-icon', text: '!', hidden: true });
    const svc = h('span', { className: 'r-svc' });
    const op = h('span', { className: 'r-op' });
    const type = h('span', { className: 'r-type', hidden: true });
    const peer = h('span', { className: 'r-peer', hidden: true });
    const pills = [];
    const pillBox = h('span', { className: 'r-pills' });
    for (let i = 0; i < MAX_PILLS; i++) {
      const pill = h('span', { className: 'pill', hidden: true });
      pills.push(pill);
      pillBox.append(pill);
    }
    const name = h('div', { className: 'r-name' }, indent, depth, toggle, err, svc, op, type,
      peer, pillBox);
    const bar = h('div', { className: 'r-bar' });
    const label = h('span', { className: 'r-label' });
    const bars = h('div', { className: 'r-bars' }, bar, label);
    const el = h('div', { className: 'row', attrs: { role: 'treeitem' } }, name, bars);
    el.hidden = true;
    this.spacer.append(el);
    return {
      el, indent, depth, toggle, err, svc, op, type, peer, pills, bars, bar, label,
      cps: [], logs: [], row: -1,
    };
  }

  bind(item, pos) {
    const { model } = this;
    const r = model.visible[pos];
    const flags = model.flags[r];
    const collapsed = model.collapsed[r] === 1;
    const hasChildren = (flags & F.HAS_CHILDREN) !== 0;
    item.row = r;
    const el = item.el;
    el.dataset.row = String(r);
    el.style.transform = 'translateY(' + pos * this.rowH + 'px)';

    let cls = 'row ' + serviceClass(model.svc[r]);
    if (flags & F.ERROR) cls += ' is-error';
    if (r === this.selected) cls += ' is-selected';
    if (r === this.focused) cls += ' is-focused';
    if (model.isMatch && model.isMatch[r]) cls += ' is-match';
    if (r === this.currentMatch) cls += ' is-current-match';
    if (collapsed) cls += ' is-collapsed';
    el.className = cls;
    el.setAttribute('aria-level', String(model.depth[r] + 1));
    if (hasChildren) el.setAttribute('aria-expanded', collapsed ? 'false' : 'true');
    else el.removeAttribute('aria-expanded');
    el.setAttribute('aria-selected', r === this.selected ? 'true' : 'false');

    const depth = model.depth[r];
    item.indent.style.width = Math.min(depth, MAX_INDENT_LEVELS) * this.indentPx + 'px';
    if (depth > MAX_INDENT_LEVELS) {
      item.depth.hidden = false;
      item.depth.textContent = String(depth);
      item.depth.title = 'depth ' + depth;
    } else if (!item.depth.hidden) {
      item.depth.hidden = true;
    }
    item.toggle.classList.toggle('leaf', !hasChildren);
    item.toggle.textContent = hasChildren ? (collapsed ? '▸' : '▾') : '';

    // Error: solid when the span failed; hollow when a collapsed span hides a failed descendant.
    const ownError = (flags & F.ERROR) !== 0;
    const hiddenError = collapsed && (flags & F.DESC_ERROR) !== 0;
    item.err.hidden = !(ownError || hiddenError);
    item.err.classList.toggle('hollow', !ownError && hiddenError);
    item.err.title = ownError ? 'Error' : 'A descendant has an error';

    const serviceName = model.services[model.svc[r]];
    const operation = model.strings[model.op[r]];
    item.svc.textContent = serviceName;
    item.op.textContent = operation;

    const type = model.type(r);
    item.type.hidden = type === 0;
    if (type) item.type.textContent = TYPE_LABELS[type];

    item.peer.hidden = true;
    if (model.peer[r] >= 0) {
      item.peer.hidden = false;
      item.peer.textContent = '→ ' + model.strings[model.peer[r]];
    } else if (collapsed && (model.kind(r) === KIND_CLIENT || model.kind(r) === KIND_PRODUCER)) {
      // A collapsed client call: name the server it reached (its first child, if a server span).
      const child = r + 1;
      if (child < model.end[r] && model.kind(child) === KIND_SERVER &&
          model.svc[child] !== model.svc[r]) {
        item.peer.hidden = false;
        item.peer.textContent = '→ ' + model.services[model.svc[child]];
      }
    }

    const pillSet = model.pill[r] >= 0 ? model.pillSets[model.pill[r]] : null;
    for (let i = 0; i < MAX_PILLS; i++) {
      const pill = item.pills[i];
      if (pillSet && i < pillSet.length) {
        pill.hidden = false;
        pill.textContent = pillSet[i][0];
        pill.className = 'pill pill-' + pillSet[i][1];
      } else if (!pill.hidden) {
        pill.hidden = true;
      }
    }

    const [z0, z1] = this.zoom;
    const span = z1 - z0;
    const total = model.duration;
    const left = (model.start[r] / total - z0) / span;
    const width = model.dur[r] / total / span;
    item.bar.style.left = pct(left);
    item.bar.style.width = pct(width);
    const text = duration(model.dur[r]);
    item.label.textContent = text;
    // Outside the zoomed range: no bar to label.
    item.label.hidden = left >= 1 || left + width <= 0;
    // The duration goes right of the bar, else left of it, else inside it: wherever it fits.
    const cell = this.barsWidth || 600;
    const need = text.length * 7 + 8;
    const rightSpace = (1 - left - width) * cell;
    const leftSpace = left * cell;
    item.label.classList.toggle('inside', rightSpace < need && leftSpace < need);
    if (rightSpace >= need || leftSpace < need) {
      if (rightSpace >= need) {
        item.label.style.left = 'calc(' + pct(Math.max(0, left + width)) + ' + 4px)';
        item.label.style.right = 'auto';
      } else {
        item.label.style.left = 'auto';
        item.label.style.right = 'calc(' + pct(Math.max(0, 1 - left - width)) + ' + 4px)';
      }
    } else {
      item.label.style.left = 'auto';
      item.label.style.right = 'calc(' + pct(Math.max(0, 1 - left)) + ' + 4px)';
    }
    const logCount = model.logStart[r + 1] - model.logStart[r];
    item.bars.title = serviceName + '::' + operation + ' | ' + text +
      (logCount ? ' | ' + logCount + (logCount === 1 ? ' log' : ' logs') : '');

    this.bindCriticalPath(item, r, collapsed, z0, span, total);
    this.bindLogs(item, r, z0, span, total);
  }

  bindCriticalPath(item, r, collapsed, z0, span, total) {
    const segments = collapsed ? this.collapsedCriticalPath(r) : this.ownCriticalPath(r);
    const count = Math.min(segments.length / 2, MAX_CP_SEGMENTS);
    showMarks(item, item.cps, 'r-cp', count, (seg, i) => {
      seg.style.left = pct((segments[2 * i] / total - z0) / span);
      seg.style.width = pct((segments[2 * i + 1] - segments[2 * i]) / total / span);
    });
  }

  /** The row's own sections as [start, end, start, end, …]. */
  ownCriticalPath(r) {
    const { model } = this;
    const out = [];
    for (let i = model.cpLowerBound(r); i < model.cpRow.length && model.cpRow[i] === r; i++) {
      out.push(model.cpStart[i], model.cpEnd[i]);
    }
    return out;
  }

  /**
   * A collapsed row shows its subtree's critical path (as Jaeger does): the sections of every row
   * in [r, end[r]), merged in time; cached, since sections never change.
   */
  collapsedCriticalPath(r) {
    const cached = this.cpCache.get(r);
    if (cached) return cached;
    const { model } = this;
    const from = model.cpLowerBound(r);
    const to = model.cpLowerBound(model.end[r]);
    const order = [];
    for (let i = from; i < to; i++) order.push(i);
    order.sort((a, b) => model.cpStart[a] - model.cpStart[b]);
    // Merge overlaps, and gaps too small to see (1/1000 of the trace) once there are many.
    const tolerance = to - from > MAX_CP_SEGMENTS ? model.duration / 1000 : 0;
    const out = [];
    for (const i of order) {
      const s = model.cpStart[i];
      const e = model.cpEnd[i];
      const last = out.length - 1;
      if (last > 0 && s <= out[last] + tolerance) out[last] = Math.max(out[last], e);
      else out.push(s, e);
    }
    this.cpCache.set(r, out);
    return out;
  }

  bindLogs(item, r, z0, span, total) {
    const { model } = this;
    const from = model.logStart[r];
    const count = Math.min(model.logStart[r + 1] - from, MAX_LOG_MARKS);
    showMarks(item, item.logs, 'r-log', count, (mark, i) => {
      mark.style.left = pct((model.logs[from + i] / total - z0) / span);
    });
  }
}
