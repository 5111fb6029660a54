/**
 * The minimap: every span as a thin bar on a canvas (Jaeger's span graph), from the compact
 * columns [start offset, duration, service] — one path per service colour, so 100,000 spans are
 * 20 fill calls. Dragging across it zooms the timeline to that time range; the current range is
 * outlined; "Reset zoom" shows the whole trace again.
 */
import { paletteColors, SLOTS } from '../core/colors.js';
import { duration } from '../core/format.js';
import { h } from '../core/dom.js';

export class Minimap {
  /**
   * @param {object} o
   * @param {HTMLElement} o.root the .minimap block
   * @param {import('./model.js').TraceModel} o.model
   * @param {(start: number, end: number) => void} o.onZoom fractions of the trace duration
   */
  constructor({ root, model, onZoom }) {
    this.root = root;
    this.model = model;
    this.onZoom = onZoom;
    this.area = root.querySelector('[data-minimap-area]');
    this.canvas = root.querySelector('[data-minimap-canvas]');
    this.windowEl = root.querySelector('[data-minimap-window]');
    this.dragEl = root.querySelector('[data-minimap-drag]');
    this.resetButton = root.querySelector('[data-zoom-reset]');
    this.ticks = root.querySelector('[data-minimap-ticks]');
    this.zoom = [0, 1];
    this.resetButton.addEventListener('click', () => this.onZoom(0, 1));
    this.installDrag();
    this.renderTicks();
    let width = 0;
    new ResizeObserver(() => {
      if (this.area.clientWidth !== width) {
        width = this.area.clientWidth;
        this.draw();
      }
    }).observe(this.area);
  }

  renderTicks() {
    this.ticks.replaceChildren();
    for (let i = 0; i <= 4; i++) {
      const tick = h('span', { text: duration(Math.round((this.model.duration * i) / 4)) });
      tick.style.left = (i * 25) + '%';
      this.ticks.append(tick);
    }
  }

  draw() {
    const { model, canvas } = this;
    const width = this.area.clientWidth;
    const height = this.area.clientHeight;
    if (width === 0 || height === 0) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    const ctx = canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const n = model.n;
    const rowHeight = height / n;
    const barHeight = Math.max(rowHeight * 0.8, 1 / dpr);
    const total = model.duration;
    const paths = [];
    for (let i = 0; i < SLOTS; i++) paths.push(new Path2D());
    for (let r = 0; r < n; r++) {
      const x = (model.start[r] / total) * width;
      const w = Math.max((model.dur[r] / total) * width, 1 / dpr);
      paths[model.svc[r] % SLOTS].rect(x, r * rowHeight, w, barHeight);
    }
    const colors = paletteColors();
    for (let i = 0; i < SLOTS; i++) {
      ctx.fillStyle = colors[i];
      ctx.fill(paths[i]);
    }
  }

  setZoom(start, end) {
    this.zoom = [start, end];
    const whole = start <= 0 && end >= 1;
    this.windowEl.hidden = whole;
    this.resetButton.hidden = whole;
    if (!whole) {
      this.windowEl.style.left = start * 100 + '%';
      this.windowEl.style.width = (end - start) * 100 + '%';
    }
  }

  installDrag() {
    const area = this.area;
    let startX = null;
    const fraction = (clientX) => {
      const rect = area.getBoundingClientRect();
      return Math.min(1, Math.max(0, (clientX - rect.left) / rect.width));
    };
    area.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) return;
      startX = fraction(event.clientX);
      area.setPointerCapture(event.pointerId);
      this.dragEl.hidden = false;
      this.dragEl.style.left = startX * 100 + '%';
      this.dragEl.style.width = '0';
    });
    area.addEventListener('pointermove', (event) => {
      if (startX === null) return;
      const x = fraction(event.clientX);
      this.dragEl.style.left = Math.min(startX, x) * 100 + '%';
      this.dragEl.style.width = Math.abs(x - startX) * 100 + '%';
    });
    const finish = (event) => {
      if (startX === null) return;
      const x = fraction(event.clientX);
      const from = Math.min(startX, x);
      const to = Math.max(startX, x);
      startX = null;
      this.dragEl.hidden = true;
      // A click (no real drag) does not zoom.
      if ((to - from) * area.clientWidth >= 4) this.onZoom(from, to);
    };
    area.addEventListener('pointerup', finish);
    area.addEventListener('pointercancel', () => {
      startX = null;
      this.dragEl.hidden = true;
    });
  }
}
