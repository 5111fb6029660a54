/**
 * The trace graph view: the server lays out and draws the merged paths as SVG (each node links to
 * its spans); this adds pan and zoom (core/viewport.js) and live find: the server says which
 * nodes hold a matching span (uiFind rules), the others are dimmed.
 */
import { $, $$ } from '../core/dom.js';
import { fetchJson } from '../core/base.js';
import { installPanZoom } from '../core/viewport.js';

const page = document.getElementById('trace-page');
const traceId = page.dataset.traceId;

function initFind(svg, view) {
  const input = $('[data-find]');
  const count = $('[data-match-count]');
  const nodes = $$('.node', svg);
  let timer = 0;
  let latest = 0;
  const run = async () => {
    const q = input.value.trim();
    const ticket = ++latest;
    const found = q === '' ? [] : (await fetchJson('trace/' + traceId + '/find', { q, by: 'path' })).rows;
    if (ticket !== latest) return;
    const matched = new Set(found);
    let shown = 0;
    for (const node of nodes) {
      const hit = matched.has(Number(node.dataset.node));
      node.classList.toggle('is-match', hit);
      if (hit) shown++;
    }
    svg.classList.toggle('has-query', q !== '');
    count.textContent = q === '' ? '' : found.length + (found.length === 1 ? ' path matches' : ' paths match')
      + (shown < found.length ? ' (' + shown + ' drawn)' : '');
    const u = new URL(window.location.href);
    if (q === '') u.searchParams.delete('uiFind');
    else u.searchParams.set('uiFind', q);
    window.history.replaceState(window.history.state, '', u.pathname + u.search + u.hash);
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
  input.form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run().then(() => {
      const first = $('.node.is-match', svg);
      if (first) view.centerOn(first);
    });
  });
}

const frame = $('[data-graph-frame]');
const svg = $('[data-graph]');
if (frame && svg) {
  const view = installPanZoom(frame, svg, $('.node.is-match', svg) || $('.node', svg));
  initFind(svg, view);
}
