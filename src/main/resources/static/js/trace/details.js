/**
 * The span details panel. Details load lazily, one span at a time, as a server-rendered HTML
 * fragment (GET /trace/{id}/span/{spanId}?fragment=true; the same URL without the parameter is a
 * page of its own). The fragment's values were escaped by the server; it is parsed inertly and
 * inserted as nodes. Recently opened fragments are kept, so going back and forth is instant.
 */
import { url } from '../core/base.js';
import { parseFragment, h } from '../core/dom.js';
import { renderTimes } from '../core/format.js';

const KEEP = 40;

export class DetailsPanel {
  /**
   * @param {object} o
   * @param {HTMLElement} o.panel the <aside>
   * @param {import('./model.js').TraceModel} o.model
   * @param {(spanId: string) => void} o.onFocusSpan a same-trace reference was clicked
   * @param {() => void} o.onClose
   */
  constructor({ panel, model, onFocusSpan, onClose }) {
    this.panel = panel;
    this.body = panel.querySelector('[data-details-body]');
    this.model = model;
    this.onClose = onClose;
    this.row = -1;
    this.cache = new Map();
    this.controller = null;
    panel.querySelector('[data-details-close]').addEventListener('click', () => this.close());
    this.body.addEventListener('click', (event) => {
      const link = event.target.closest('a[data-focus-span]');
      if (!link) return;
      event.preventDefault();
      onFocusSpan(link.getAttribute('data-focus-span'));
    });
  }

  get isOpen() {
    return !this.panel.hidden;
  }

  async open(row) {
    const { model } = this;
    this.row = row;
    this.panel.hidden = false;
    const occurrence = model.occurrence(row);
    const path = url(
      'trace/' + encodeURIComponent(model.traceId) + '/span/' + encodeURIComponent(model.id(row)),
      { fragment: 'true', n: occurrence > 0 ? occurrence : null },
    );
    let html = this.cache.get(path);
    if (html === undefined) {
      if (this.controller) this.controller.abort();
      const controller = new AbortController();
      this.controller = controller;
      this.body.classList.add('loading');
      try {
        const response = await fetch(path, { signal: controller.signal, credentials: 'same-origin' });
        if (!response.ok) throw new Error(response.status + ' ' + response.statusText);
        html = await response.text();
      } catch (error) {
        if (error.name === 'AbortError') return;
        this.body.classList.remove('loading');
        this.body.replaceChildren(h('p', {
          className: 'notice',
          text: 'Could not load the span details (' + error.message + ').',
        }));
        return;
      }
      this.cache.set(path, html);
      if (this.cache.size > KEEP) this.cache.delete(this.cache.keys().next().value);
      if (this.row !== row) return; // another span was opened meanwhile
    }
    this.body.classList.remove('loading');
    this.body.replaceChildren(parseFragment(html));
    renderTimes(this.body);
    this.panel.scrollTop = 0;
  }

  close() {
    if (this.panel.hidden) return;
    this.panel.hidden = true;
    this.row = -1;
    this.onClose();
  }
}
