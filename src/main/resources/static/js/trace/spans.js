/**
 * The spans view, virtualised: every span of the trace in one scrolling table, of which only the
 * rows in view exist in the DOM (a small pool of <tr>s re-bound while scrolling, between two spacer
 * rows). The columns come as the timeline's do: timeline.json (read by TraceModel: IDs, service,
 * operation, start, duration, kind, error) plus spans.json (self time, status, a path's rows), one
 * typed array per column. Sorting (column heads) and filtering (service, operation, and text with
 * the uiFind rules, which the server answers with the matching rows) run over all rows; the URL
 * keeps the state. Without this script the table is the server's, 100 rows a page.
 *
 * For tests and the bench, window.sightlineSpans holds { shown, total, order, lastMs, timings }.
 * Everything from span data goes in with textContent.
 */
import { fetchJson, url } from '../core/base.js';
import { $, $$, h, onNextFrame } from '../core/dom.js';
import { serviceClass } from '../core/colors.js';
import { duration } from '../core/format.js';
import { F, KIND_NAMES, TraceModel } from './model.js';
import { installPathFind } from './pathfind.js';

const OVERSCAN = 10;
const page = document.getElementById('trace-page');
const traceId = page.dataset.traceId;

/** Jaeger's order for names, as the server's: case-insensitive, then exact. */
function compareNames(a, b) {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Per name index: its rank in alphabetical order. */
function ranks(names) {
  const order = names.map((_, i) => i).sort((i, j) => compareNames(names[i], names[j]));
  const rank = new Float64Array(names.length);
  order.forEach((i, k) => {
    rank[i] = k;
  });
  return rank;
}

class SpansTable {
  constructor(section, model, extra) {
    this.model = model;
    this.self = extra.self;
    this.statuses = extra.statuses;
    this.status = Int32Array.from(extra.status);
    this.scope = extra.pathRows ? Int32Array.from(extra.pathRows) : null;
    this.form = $('form.analysis-controls', section);
    this.serviceBox = $('[data-span-service]', section);
    this.operationBox = $('[data-span-operation]', section);
    this.filter = $('[data-filter]', section);
    this.count = $('[data-span-count]', section);
    this.scroll = $('[data-spans-scroll]', section);
    this.table = $('[data-spans-table]', section);
    this.tbody = $('tbody', this.table);
    this.sort = this.form.elements.sort.value || 'start';
    this.dir = this.form.elements.dir.value || 'asc';
    this.matches = null; // rows the text matched (ascending), or null for no text
    this.order = new Int32Array(0);
    this.total = 0;
    this.pool = [];
    this.rowH = 0;
    this.schedule = onNextFrame(() => this.render());
    this.lastMs = 0;
    const pager = $('.pager', section);
    if (pager) pager.hidden = true;
    this.table.classList.add('virtual');
    this.scroll.classList.add('spans-scroll');
    this.table.setAttribute('aria-rowcount', '0');
    this.topSpacer = h('tr', { className: 'spacer', attrs: { 'aria-hidden': 'true' } }, h('td', { attrs: { colspan: 8 } }));
    this.bottomSpacer = h('tr', { className: 'spacer', attrs: { 'aria-hidden': 'true' } }, h('td', { attrs: { colspan: 8 } }));
    this.tbody.replaceChildren(this.topSpacer, this.bottomSpacer);
    this.scroll.addEventListener('scroll', () => this.schedule(), { passive: true });
    new ResizeObserver(() => this.schedule()).observe(this.scroll);
    this.keys = new Map();
  }

  /** The sort key of every row (a Float64Array, cached per key). */
  key(name) {
    let key = this.keys.get(name);
    if (key) return key;
    const m = this.model;
    const n = m.n;
    key = new Float64Array(n);
    if (name === 'service' || name === 'operation') {
      const rank = ranks(name === 'service' ? m.services : m.strings);
      const col = name === 'service' ? m.svc : m.op;
      for (let r = 0; r < n; r++) key[r] = rank[col[r]];
    } else if (name === 'duration') key.set(m.dur);
    else if (name === 'self') for (let r = 0; r < n; r++) key[r] = this.self[r];
    else if (name === 'kind') for (let r = 0; r < n; r++) key[r] = m.kind(r);
    else if (name === 'status') {
      const weight = this.statuses.map((s) => (s === '' ? 0 : s.toUpperCase() === 'ERROR' ? 2 : 1));
      for (let r = 0; r < n; r++) key[r] = weight[this.status[r]];
    } else if (name === 'errors') for (let r = 0; r < n; r++) key[r] = m.flags[r] & F.ERROR;
    else key.set(m.start);
    this.keys.set(name, key);
    return key;
  }

  /** Filters and sorts all rows into this.order; then renders. */
  apply() {
    const t0 = performance.now();
    const m = this.model;
    const svc = this.serviceBox.value === '' ? -1 : m.services.indexOf(this.serviceBox.value);
    const opName = this.operationBox.value;
    const base = this.scope || null;
    const candidates = this.matches ? intersect(this.matches, base) : base;
    const n = candidates ? candidates.length : m.n;
    const order = new Int32Array(n);
    let k = 0;
    for (let i = 0; i < n; i++) {
      const r = candidates ? candidates[i] : i;
      if (svc >= 0 && m.svc[r] !== svc) continue;
      if (opName !== '' && m.strings[m.op[r]] !== opName) continue;
      order[k++] = r;
    }
    const key = this.key(this.sort);
    // Rows come ascending, so ties by row keep the server's stable order; descending reverses it.
    const sorted = order.subarray(0, k).sort((a, b) => key[a] - key[b] || a - b);
    if (this.dir === 'desc') sorted.reverse();
    this.order = sorted;
    this.total = this.scope ? this.scope.length : m.n;
    this.count.textContent = k.toLocaleString('en-US') + ' of '
      + this.total.toLocaleString('en-US') + ' spans';
    this.table.setAttribute('aria-rowcount', String(k + 1));
    this.scroll.scrollTop = 0;
    this.render();
    this.lastMs = performance.now() - t0;
  }

  render() {
    const count = this.order.length;
    if (!this.rowH) {
      this.bind(this.rowEl(0), count ? this.order[0] : 0, 0);
      this.tbody.insertBefore(this.pool[0], this.bottomSpacer);
      this.rowH = this.pool[0].getBoundingClientRect().height || 28;
    }
    const head = this.table.tHead.getBoundingClientRect().height;
    const top = Math.max(0, this.scroll.scrollTop - head);
    const first = Math.max(0, Math.floor(top / this.rowH) - OVERSCAN);
    const visible = Math.ceil(Math.max(this.scroll.clientHeight, 400) / this.rowH) + 2 * OVERSCAN;
    const last = Math.min(count, first + visible);
    for (let i = first; i < last; i++) {
      const el = this.rowEl(i - first);
      this.bind(el, this.order[i], i);
      if (el.parentNode !== this.tbody) this.tbody.insertBefore(el, this.bottomSpacer);
    }
    for (let j = last - first; j < this.pool.length; j++) {
      if (this.pool[j].parentNode) this.pool[j].remove();
    }
    this.topSpacer.style.height = first * this.rowH + 'px';
    this.bottomSpacer.style.height = (count - last) * this.rowH + 'px';
    this.topSpacer.hidden = first === 0;
    this.bottomSpacer.hidden = last === count;
  }

  rowEl(j) {
    while (this.pool.length <= j) {
      const cells = [];
      for (let c = 0; c < 8; c++) cells.push(h('td', { className: c >= 2 && c <= 4 ? 'num' : '' }));
      cells[0].append(h('span', { className: 'svc-swatch', attrs: { 'aria-hidden': 'true' } }), h('span'));
      cells[1].append(h('a'), h('a', {
        className: 'to-timeline', text: '↦', title: 'Show in the timeline',
        attrs: { 'aria-label': 'Show in the timeline' },
      }));
      this.pool.push(h('tr', {}, ...cells));
    }
    return this.pool[j];
  }

  bind(el, r, position) {
    if (el.dataset.row === String(r) && el.getAttribute('aria-rowindex') === String(position + 2)) return;
    const m = this.model;
    const id = m.id(r);
    el.dataset.row = String(r);
    el.dataset.spanId = id;
    el.dataset.startUs = String(m.start[r]);
    el.dataset.durationUs = String(m.dur[r]);
    el.dataset.selfUs = String(this.self[r]);
    el.setAttribute('aria-rowindex', String(position + 2));
    const error = (m.flags[r] & F.ERROR) !== 0;
    el.classList.toggle('is-error', error);
    const [svcCell, opCell, startCell, durCell, selfCell, kindCell, statusCell, errorCell] = el.cells;
    svcCell.firstChild.className = 'svc-swatch ' + serviceClass(m.svc[r]);
    svcCell.lastChild.textContent = m.services[m.svc[r]];
    const occurrence = m.occurrence(r);
    const link = opCell.firstChild;
    link.href = url('trace/' + traceId + '/span/' + id, { n: occurrence > 0 ? occurrence : null });
    link.textContent = m.strings[m.op[r]];
    opCell.lastChild.href = url('trace/' + traceId, { uiFind: id });
    startCell.textContent = duration(m.start[r]);
    durCell.textContent = duration(m.dur[r]);
    selfCell.textContent = duration(this.self[r]);
    kindCell.textContent = KIND_NAMES[m.kind(r)] || '';
    statusCell.textContent = this.statuses[this.status[r]];
    errorCell.textContent = error ? 'error' : '';
  }

  /**
   * The operations of the chosen service (all, when none is), alphabetically; a new service starts
   * with all of its operations.
   */
  fillOperations() {
    const m = this.model;
    const svc = this.serviceBox.value === '' ? -1 : m.services.indexOf(this.serviceBox.value);
    const seen = new Uint8Array(m.strings.length);
    for (let r = 0; r < m.n; r++) if (svc < 0 || m.svc[r] === svc) seen[m.op[r]] = 1;
    const names = [];
    seen.forEach((s, i) => {
      if (s) names.push(m.strings[i]);
    });
    names.sort((a, b) => compareNames(a, b));
    this.operationBox.replaceChildren(
      h('option', { text: 'All operations', attrs: { value: '' } }),
      ...names.map((name) => h('option', { text: name, attrs: { value: name } })),
    );
    this.operationBox.value = '';
  }

  /** Column heads: sort here instead of asking the server. */
  setSort(key) {
    this.dir = key === this.sort && this.dir === 'desc' ? 'asc' : 'desc';
    this.sort = key;
    this.form.elements.sort.value = key;
    this.form.elements.dir.value = this.dir;
    for (const th of $$('th[data-sort]', this.table)) {
      const on = th.dataset.sort === key;
      th.classList.toggle('is-sorted', on);
      if (on) th.setAttribute('aria-sort', this.dir === 'asc' ? 'ascending' : 'descending');
      else th.removeAttribute('aria-sort');
      const a = $('a', th);
      a.textContent = a.textContent.replace(/ [▲▼]$/, '') + (on ? (this.dir === 'asc' ? ' ▲' : ' ▼') : '');
    }
    this.apply();
    this.remember();
  }

  /** Keeps the state in the URL (a reload or a shared link shows the same table). */
  remember() {
    const u = new URL(window.location.href);
    const set = (k, v) => (v ? u.searchParams.set(k, v) : u.searchParams.delete(k));
    set('sort', this.sort);
    set('dir', this.dir);
    set('service', this.serviceBox.value);
    set('operation', this.operationBox.value);
    u.searchParams.delete('page');
    window.history.replaceState(window.history.state, '', u.pathname + u.search + u.hash);
  }
}

/** Rows in both ascending lists; null for b means all rows. */
function intersect(a, b) {
  if (!b) return a;
  const out = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) {
      out.push(a[i]);
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return out;
}

async function init() {
  const section = $('[data-spans-view]');
  const path = section.querySelector('input[name="path"]');
  const [timeline, extra] = await Promise.all([
    fetchJson('trace/' + traceId + '/timeline.json'),
    fetchJson('trace/' + traceId + '/spans.json', { path: path ? path.value : null }),
  ]);
  const fetched = performance.now();
  const table = new SpansTable(section, new TraceModel(timeline), extra);
  const state = { table, timings: { fetched } };
  window.sightlineSpans = state;
  Object.defineProperties(state, {
    shown: { get: () => table.order.length },
    total: { get: () => table.total },
    order: { get: () => Array.from(table.order) },
    lastMs: { get: () => table.lastMs },
  });
  table.table.tHead.addEventListener('click', (event) => {
    const th = event.target.closest('th[data-sort]');
    if (!th || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    table.setSort(th.dataset.sort);
  });
  table.serviceBox.addEventListener('change', () => {
    table.fillOperations();
    table.apply();
    table.remember();
  });
  table.operationBox.addEventListener('change', () => {
    table.apply();
    table.remember();
  });
  // The text filter: the server matches (uiFind rules, tags included) and answers with rows.
  const run = installPathFind(table.filter, traceId, (rows, q) => {
    table.matches = q === '' ? null : Int32Array.from(rows);
    table.apply();
    table.remember();
  }, null, 'row');
  if (table.filter.value.trim() !== '') await run();
  else table.apply();
  state.timings.painted = performance.now();
  page.dataset.ready = 'true';
}

init();
