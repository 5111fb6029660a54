/**
 * Pan and zoom of a server-drawn SVG graph through its viewBox: drag, wheel, the buttons marked
 * data-zoom="in|out|fit", and keys on the focused frame (arrows pan, + and − zoom, 0 fits). Used by
 * the dependencies page and the trace graph.
 */
import { $$, isTyping } from './dom.js';

/** Pan and zoom of the graph through its viewBox. */
export class Viewport {
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

/**
 * Wires pan and zoom to a frame holding an SVG; returns the Viewport. The first view fits the
 * graph, or shows a readable part around {@code focusNode} (an SVG element, optional).
 */
export function installPanZoom(frame, svg, focusNode) {
  const view = new Viewport(frame, svg);
  view.initial(focusNode);

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
  return view;
}
