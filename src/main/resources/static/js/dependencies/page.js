/**
 * The dependencies page's script. The graph is laid out and drawn by the server; this adds pan
 * and zoom (through the SVG viewBox: drag, wheel, buttons, keys), live highlighting of the services
 * matching the find box (with a count), the calls of a hovered service, and the custom range in
 * the user's zone.
 */
import { $, $$, isTyping } from '../core/dom.js';
import { onPrefsChange, timeZone } from '../core/prefs.js';
import { fieldValue, offsetMinutes } from '../search/times.js';

const page = document.getElementById('deps-page');

function initCustomRange() {
  const form = $('[data-deps-form]');
  if (!form) return;
  const tz = $('[data-tz]', form);
  const label = $('[data-zone-label]', form);
  const inputs = $$('input[type="datetime-local"]', form);
  const show = () => {
    const zone = timeZone();
    for (const input of inputs) {
      if (input.dataset.fieldUs) input.value = fieldValue(Number(input.dataset.fieldUs), zone);
    }
    if (label) label.textContent = zone === 'utc' ? '(UTC)' : '(local time)';
  };
  show();
  for (const input of inputs) input.addEventListener('input', () => delete input.dataset.fieldUs);
  form.addEventListener('submit', () => {
    const zone = timeZone();
    const from = inputs[0];
    if (!tz) return;
    if (zone === 'utc' || !from || !from.value) tz.value = String(offsetMinutes(zone));
    else tz.value = String(-new Date(from.value).getTimezoneOffset() || offsetMinutes(zone));
  });
  onPrefsChange((key) => {
    if (key === 'tz') show();
  });
}

/** Pan and zoom of the graph through its viewBox. */
class Viewport {
  constructor(frame, svg) {
    this.frame = frame;
    this.svg = svg;
    this.width = Number(svg.dataset.width);
    this.height = Number(svg.dataset.height);
    this.box = { x: 0, y: 0, w: this.width, h: this.height };
  }

  apply() {
    const b = this.box;
    this.svg.setAttribute('viewBox', b.x + ' ' + b.y + ' ' + b.w + ' ' + b.h);
  }

  /** Pixels per graph unit at the current box (the SVG keeps the aspect ratio: "meet"). */
  scale() {
    const r = this.frame.getBoundingClientRect();
    return Math.min(r.width / this.box.w, r.height / this.box.h);
  }

  /** The whole graph, or, when that would make names unreadable, a readable part of it. */
  initial(focusNode) {
    const r = this.frame.getBoundingClientRect();
    const fit = Math.min(r.width / this.width, r.height / this.height);
    const minReadable = 0.7;
    if (fit >= minReadable || r.width === 0) {
      this.fit();
      return;
    }
    const w = r.width / minReadable;
    const h = r.height / minReadable;
    let cx = w / 2;
    let cy = this.height / 2;
    if (focusNode) {
      const bb = focusNode.getBBox();
      cx = bb.x + bb.width / 2;
      cy = bb.y + bb.height / 2;
    }
    this.box = { x: Math.max(0, Math.min(this.width - w, cx - w / 2)), y: cy - h / 2, w, h };
    this.apply();
  }

  fit() {
    this.box = { x: 0, y: 0, w: this.width, h: this.height };
    this.apply();
  }

  /** Zooms by factor (>1: in) keeping the graph point under (px, py) (client coords) in place. */
  zoom(factor, px, py) {
    const r = this.frame.getBoundingClientRect();
    if (px === undefined) {
      px = r.left + r.width / 2;
      py = r.top + r.height / 2;
    }
    const p = this.toGraph(px, py);
    const b = this.box;
    const w = Math.min(this.width * 4, Math.max(80, b.w / factor));
    const k = w / b.w;
    const h = b.h * k;
    this.box = { x: p.x - (p.x - b.x) * k, y: p.y - (p.y - b.y) * k, w, h };
    this.apply();
  }

  pan(dxPixels, dyPixels) {
    const s = this.scale();
    this.box.x -= dxPixels / s;
    this.box.y -= dyPixels / s;
    this.apply();
  }

  toGraph(clientX, clientY) {
    const pt = this.svg.createSVGPoint();
    pt.x = clientX;
    pt.y = clientY;
    return pt.matrixTransform(this.svg.getScreenCTM().inverse());
  }

  /** Puts the node in the middle, zoomed in to at least full size. */
  centerOn(node) {
    const s = this.scale();
    if (s < 1) {
      this.box.w *= s;
      this.box.h *= s;
    }
    const bb = node.getBBox();
    this.box.x = bb.x + bb.width / 2 - this.box.w / 2;
    this.box.y = bb.y + bb.height / 2 - this.box.h / 2;
    this.apply();
  }
}

function initGraph() {
  const frame = $('[data-graph-frame]');
  const svg = $('[data-graph]');
  if (!frame || !svg) return null;
  const view = new Viewport(frame, svg);
  view.initial($('.node.is-focus', svg));

  for (const button of $$('[data-zoom]')) {
    button.addEventListener('click', () => {
      const kind = button.dataset.zoom;
      if (kind === 'in') view.zoom(1.3);
      else if (kind === 'out') view.zoom(1 / 1.3);
      else view.fit();
    });
  }
  frame.addEventListener('wheel', (event) => {
    event.preventDefault();
    view.zoom(Math.exp(-event.deltaY * 0.0015), event.clientX, event.clientY);
  }, { passive: false });

  let drag = null;
  let moved = false;
  frame.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    drag = { x: event.clientX, y: event.clientY, id: event.pointerId };
    moved = false;
  });
  frame.addEventListener('pointermove', (event) => {
    if (!drag || event.pointerId !== drag.id) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    if (!moved) {
      moved = true;
      frame.setPointerCapture(event.pointerId);
      frame.classList.add('is-panning');
    }
    view.pan(dx, dy);
    drag.x = event.clientX;
    drag.y = event.clientY;
  });
  const end = () => {
    drag = null;
    frame.classList.remove('is-panning');
  };
  frame.addEventListener('pointerup', end);
  frame.addEventListener('pointercancel', end);
  // A drag that ends on a service is not a click on it.
  frame.addEventListener('click', (event) => {
    if (moved) {
      event.preventDefault();
      event.stopPropagation();
      moved = false;
    }
  }, true);

  frame.addEventListener('keydown', (event) => {
    if (isTyping(event.target)) return;
    const step = 60;
    const keys = {
      ArrowLeft: () => view.pan(step, 0),
      ArrowRight: () => view.pan(-step, 0),
      ArrowUp: () => view.pan(0, step),
      ArrowDown: () => view.pan(0, -step),
      '+': () => view.zoom(1.3),
      '=': () => view.zoom(1.3),
      '-': () => view.zoom(1 / 1.3),
      0: () => view.fit(),
    };
    const action = keys[event.key];
    if (action && event.target === frame) {
      event.preventDefault();
      action();
    }
  });

  // The calls of the service under the pointer (or keyboard focus).
  const edges = $$('.edge', svg);
  const hot = (service) => {
    svg.classList.toggle('has-hot', Boolean(service));
    for (const edge of edges) {
      edge.classList.toggle('is-hot',
        Boolean(service) && (edge.dataset.from === service || edge.dataset.to === service));
    }
  };
  for (const node of $$('.node', svg)) {
    node.addEventListener('mouseenter', () => hot(node.dataset.service));
    node.addEventListener('mouseleave', () => hot(null));
    node.addEventListener('focusin', () => hot(node.dataset.service));
    node.addEventListener('focusout', () => hot(null));
  }
  return view;
}

function initFind(view) {
  const input = $('[data-find]');
  const svg = $('[data-graph]');
  if (!input || !svg) return;
  const nodes = $$('.node', svg);
  const count = $('[data-match-count]');
  const update = () => {
    const q = input.value.trim().toLowerCase();
    let matches = 0;
    for (const node of nodes) {
      const hit = q !== '' && node.dataset.service.toLowerCase().includes(q);
      node.classList.toggle('is-match', hit);
      if (hit) matches++;
    }
    svg.classList.toggle('has-query', q !== '');
    if (count) {
      count.textContent = q === '' ? '' : matches === 1 ? '1 service matches'
        : matches + ' services match';
    }
    const u = new URL(window.location.href);
    if (q === '') u.searchParams.delete('q');
    else u.searchParams.set('q', input.value.trim());
    window.history.replaceState(window.history.state, '', u.pathname + u.search + u.hash);
  };
  input.addEventListener('input', update);
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    // Enter shows the first match instead of reloading the page.
    event.preventDefault();
    const first = $('.node.is-match', svg);
    if (first && view) view.centerOn(first);
  });
}

initCustomRange();
const view = initGraph();
initFind(view);
if (page) page.dataset.ready = 'true';
