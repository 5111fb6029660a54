/**
 * The flamegraph view: draws the server's merged paths (flame.json, columns in depth-first
 * pre-order) as an icicle graph on a canvas. Only the rows in view are drawn (the canvas stays as
 * tall as its scroll box; a spacer gives the scroll height), and frames narrower than a pixel are
 * skipped, so a 100,000-frame trace draws in a few milliseconds. Click a frame to zoom into its
 * subtree (its ancestors stay on top, full width), Esc or "Whole trace" to zoom out; the find box
 * asks the server which frames hold a matching span (uiFind rules) and dims the rest.
 * Everything from span data goes in with textContent.
 */
import { $, onNextFrame } from '../core/dom.js';
import { fetchJson, url } from '../core/base.js';
import { installPathFind, matchText } from './pathfind.js';
import { duration } from '../core/format.js';
import { cssColors, paletteColors } from '../core/colors.js';
import { onPrefsChange } from '../core/prefs.js';
import { installFlameKeys } from './flamekeys.js';

const ROW = 20;
const page = document.getElementById('trace-page');
const traceId = page.dataset.traceId;

class Flame {
  constructor(root, data) {
    this.data = data;
    this.size = data.depth.length;
    this.scroll = $('[data-flame-scroll]', root);
    this.spacer = $('[data-flame-spacer]', root);
    this.canvas = $('[data-flame-canvas]', root);
    this.info = $('[data-flame-info]', root);
    this.crumb = $('[data-flame-crumb]', root);
    this.reset = $('[data-flame-reset]', root);
    this.ctx = this.canvas.getContext('2d');
    // Subtree ends from the pre-order depths: one pass with a stack.
    const end = new Int32Array(this.size);
    const stack = new Int32Array(this.size + 1);
    let top = 0;
    for (let i = 0; i < this.size; i++) {
      while (top > 0 && data.depth[stack[top - 1]] >= data.depth[i]) end[stack[--top]] = i;
      stack[top++] = i;
    }
    while (top > 0) end[stack[--top]] = this.size;
    this.end = end;
    this.parent = new Int32Array(this.size).fill(-1);
    top = 0;
    for (let i = 0; i < this.size; i++) {
      while (top > 0 && data.depth[stack[top - 1]] >= data.depth[i]) top--;
      if (top > 0) this.parent[i] = stack[top - 1];
      stack[top++] = i;
    }
    this.maxDepth = 0;
    for (let i = 0; i < this.size; i++) this.maxDepth = Math.max(this.maxDepth, data.depth[i]);
    this.matched = null;
    this.zoom = -1;
    this.hover = -1;
    this.active = -1;
    this.themeColors();
  }

  themeColors() {
    this.colors = paletteColors();
    [this.fg, this.bg, this.matchColor] = cssColors(['--fg', '--bg', '--accent']);
  }

  /** The visible range: [x0, x0 + span) of weight, frames from depth d0 on. */
  range() {
    if (this.zoom < 0) return { x0: 0, span: Math.max(1, this.data.total), from: 0, to: this.size };
    return {
      x0: this.data.x[this.zoom],
      span: Math.max(1, this.data.w[this.zoom]),
      from: this.zoom,
      to: this.end[this.zoom],
    };
  }

  ancestors() {
    const list = [];
    for (let a = this.zoom < 0 ? -1 : this.parent[this.zoom]; a >= 0; a = this.parent[a]) {
      list.push(a);
    }
    return list.reverse();
  }

  layout() {
    const rows = (this.zoom < 0 ? this.maxDepth + 1
      : this.ancestors().length + this.subtreeDepth(this.zoom) + 1);
    this.rows = rows;
    this.spacer.style.height = rows * ROW + 'px';
    this.draw();
  }

  subtreeDepth(node) {
    let max = 0;
    const d0 = this.data.depth[node];
    for (let i = node; i < this.end[node]; i++) max = Math.max(max, this.data.depth[i] - d0);
    return max;
  }

  /** The row (from the top) a frame is drawn in. */
  rowOf(i, lift) {
    return this.data.depth[i] - lift;
  }

  draw() {
    const dpr = window.devicePixelRatio || 1;
    const width = this.scroll.clientWidth;
    const height = Math.min(this.scroll.clientHeight, this.rows * ROW);
    if (this.canvas.width !== Math.round(width * dpr) || this.canvas.height !== Math.round(height * dpr)) {
      this.canvas.width = Math.round(width * dpr);
      this.canvas.height = Math.round(height * dpr);
      this.canvas.style.width = width + 'px';
      this.canvas.style.height = height + 'px';
    }
    const ctx = this.ctx;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.font = '12px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    const scrollTop = this.scroll.scrollTop;
    this.canvas.style.transform = 'translateY(' + scrollTop + 'px)';
    const firstRow = Math.floor(scrollTop / ROW);
    const lastRow = Math.ceil((scrollTop + height) / ROW);
    const ancestors = this.ancestors();
    const frame = (i, x, w, row) => {
      const y = row * ROW - scrollTop;
      const dim = this.matched && !this.matched[i];
      ctx.globalAlpha = dim ? 0.25 : 1;
      ctx.fillStyle = this.colors[this.data.svc[i] % this.colors.length];
      ctx.fillRect(x, y, Math.max(w - 1, 0.5), ROW - 1);
      if (this.matched && this.matched[i]) {
        ctx.strokeStyle = this.fg;
        ctx.lineWidth = 2;
        ctx.strokeRect(x + 1, y + 1, Math.max(w - 3, 0.5), ROW - 3);
      }
      if (i === this.hover) {
        ctx.strokeStyle = this.fg;
        ctx.lineWidth = 1;
        ctx.strokeRect(x + 0.5, y + 0.5, Math.max(w - 2, 0.5), ROW - 2);
      }
      if (w > 36) {
        const label = this.data.services[this.data.svc[i]] + ': ' + this.data.strings[this.data.op[i]];
        const chars = Math.floor((w - 8) / 6.5);
        ctx.fillStyle = '#000';
        ctx.globalAlpha = dim ? 0.45 : 0.9;
        ctx.fillText(label.length > chars ? label.slice(0, Math.max(1, chars - 1)) + '…' : label, x + 4, y + ROW / 2);
      }
    };
    this.drawn = [];
    ancestors.forEach((a, k) => {
      if (k >= firstRow && k <= lastRow) frame(a, 0, width, k);
    });
    const r = this.range();
    const lift = r.from < this.size && this.zoom >= 0 ? this.data.depth[this.zoom] - ancestors.length : 0;
    const scale = width / r.span;
    let skipUntil = -1;
    for (let i = r.from; i < r.to; i++) {
      if (i < skipUntil) continue;
      const row = this.rowOf(i, lift);
      const w = this.data.w[i] * scale;
      if (w < 0.4 || row > lastRow) {
        // Too thin to see (so is everything below it), or below the view.
        skipUntil = this.end[i];
        continue;
      }
      if (row < firstRow) continue;
      frame(i, (this.data.x[i] - r.x0) * scale, w, row);
    }
    ctx.globalAlpha = 1;
    this.lift = lift;
    this.drawFocus(scale, r, lift, ancestors, scrollTop);
  }

  /** The keyboard's active frame: a ring (at least a few pixels wide) while the graph has focus. */
  drawFocus(scale, r, lift, ancestors, scrollTop) {
    const i = this.active;
    if (i < 0 || document.activeElement !== this.scroll) return;
    let x;
    let w;
    let row = ancestors.indexOf(i);
    if (row >= 0) {
      x = 0;
      w = this.scroll.clientWidth;
    } else if (i >= r.from && i < r.to) {
      x = (this.data.x[i] - r.x0) * scale;
      w = this.data.w[i] * scale;
      row = this.rowOf(i, lift);
    } else {
      return;
    }
    // Foreground with a background line inside: visible on every service colour, light or dark.
    const ctx = this.ctx;
    const y = row * ROW - scrollTop;
    ctx.strokeStyle = this.fg;
    ctx.lineWidth = 3;
    ctx.strokeRect(x + 1.5, y + 1.5, Math.max(w - 3, 4), ROW - 3);
    ctx.strokeStyle = this.bg;
    ctx.lineWidth = 1;
    ctx.strokeRect(x + 3.5, y + 3.5, Math.max(w - 7, 1), ROW - 7);
  }

  /** The row the frame is drawn in now, or -1 when it is not drawn (outside the zoomed subtree). */
  shownRow(i) {
    const ancestors = this.ancestors();
    const k = ancestors.indexOf(i);
    if (k >= 0) return k;
    const r = this.range();
    if (i < r.from || i >= r.to) return -1;
    return this.data.depth[i] - (this.zoom >= 0 ? this.data.depth[this.zoom] - ancestors.length : 0);
  }

  /** The frame under a point (client coordinates), or -1. */
  frameAt(clientX, clientY) {
    const box = this.scroll.getBoundingClientRect();
    const px = clientX - box.left;
    const row = Math.floor((clientY - box.top + this.scroll.scrollTop) / ROW);
    const ancestors = this.ancestors();
    if (row < ancestors.length) return ancestors[row];
    const r = this.range();
    const at = r.x0 + (px / this.scroll.clientWidth) * r.span;
    // Walk down: at each level, the child containing the point.
    let i = r.from;
    if (this.zoom < 0) {
      while (i < r.to && this.data.depth[i] === 0 && !(at >= this.data.x[i] && at < this.data.x[i] + this.data.w[i])) {
        i = this.end[i];
      }
      if (i >= r.to || this.data.depth[i] !== 0) return -1;
    }
    for (let level = ancestors.length; level < row; level++) {
      let c = i + 1;
      let found = -1;
      while (c < this.end[i]) {
        if (at >= this.data.x[c] && at < this.data.x[c] + this.data.w[c]) {
          found = c;
          break;
        }
        c = this.end[c];
      }
      if (found < 0) return -1;
      i = found;
    }
    return i;
  }

  describe(i) {
    const d = this.data;
    const total = Math.max(1, this.data.total);
    return d.services[d.svc[i]] + ': ' + d.strings[d.op[i]] + ' — ' + d.n[i]
      + (d.n[i] === 1 ? ' span' : ' spans') + (d.err[i] ? ', ' + d.err[i] + ' failed' : '')
      + ' · width ' + duration(d.w[i]) + ' (' + (100 * d.w[i] / total).toFixed(1) + '%)'
      + ' · self ' + duration(d.self[i]);
  }

  setZoom(i) {
    this.zoom = i;
    this.crumb.textContent = i < 0 ? '' : this.data.services[this.data.svc[i]] + ': ' + this.data.strings[this.data.op[i]];
    this.reset.disabled = i < 0;
    const u = new URL(window.location.href);
    if (i < 0) u.searchParams.delete('node');
    else u.searchParams.set('node', String(i));
    window.history.replaceState(window.history.state, '', u.pathname + u.search + u.hash);
    this.scroll.scrollTop = 0;
    this.layout();
  }

  showInfo(i) {
    this.info.replaceChildren();
    if (i < 0) return;
    this.info.append(this.describe(i) + ' ');
    const link = document.createElement('a');
    link.href = url('trace/' + traceId, { view: 'spans', path: i });
    link.textContent = 'List its spans';
    this.info.append(link);
  }
}

async function init() {
  const root = $('[data-flame]');
  if (!root) return;
  const data = await fetchJson('trace/' + traceId + '/flame.json');
  const flame = new Flame(root, data);
  window.sightlineFlame = flame;
  root.hidden = false;
  const start = Number(root.dataset.zoom);
  flame.setZoom(Number.isInteger(start) && root.dataset.zoom !== '' && start < flame.size ? start : -1);
  const redraw = onNextFrame(() => flame.draw());
  flame.scroll.addEventListener('scroll', redraw);
  window.addEventListener('resize', redraw);
  flame.scroll.addEventListener('click', (event) => {
    const i = flame.frameAt(event.clientX, event.clientY);
    if (i >= 0) {
      flame.active = i;
      flame.setZoom(i === flame.zoom ? flame.parent[i] : i);
      flame.showInfo(i);
    }
  });
  flame.scroll.addEventListener('mousemove', (event) => {
    const i = flame.frameAt(event.clientX, event.clientY);
    if (i !== flame.hover) {
      flame.hover = i;
      flame.scroll.title = i >= 0 ? flame.describe(i) : '';
      redraw();
    }
  });
  flame.reset.addEventListener('click', () => flame.setZoom(-1));
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !event.target.closest('input, select, textarea')) flame.setZoom(-1);
  });
  onPrefsChange((key) => {
    if (key === 'theme') {
      flame.themeColors();
      redraw();
    }
  });
  installFind(flame);
  installFlameKeys(flame);
  page.dataset.ready = 'true';
}

/** The find box: the server says which frames match; the drawing dims the rest. */
function installFind(flame) {
  const input = $('[data-find]');
  const count = $('[data-match-count]');
  const run = installPathFind(input, traceId, (nodes, q) => {
    flame.matched = q === '' ? null : new Uint8Array(flame.size);
    for (const i of nodes) flame.matched[i] = 1;
    count.textContent = matchText(nodes.length, q);
    flame.draw();
  });
  if (input.value.trim() !== '') run();
}

init();
