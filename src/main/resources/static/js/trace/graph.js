/**
 * The trace graph view: the server lays out and draws the merged paths as SVG (each node links to
 * its spans); this adds pan and zoom (core/viewport.js) and live find: the server says which
 * nodes hold a matching span (uiFind rules), the others are dimmed.
 */
import { $, $$ } from '../core/dom.js';
import { installPanZoom } from '../core/viewport.js';
import { installPathFind, matchText } from './pathfind.js';

const page = document.getElementById('trace-page');
const traceId = page.dataset.traceId;

function initFind(svg, view) {
  const input = $('[data-find]');
  const count = $('[data-match-count]');
  const nodes = $$('.node', svg);
  installPathFind(input, traceId, (found, q) => {
    const matched = new Set(found);
    let shown = 0;
    for (const node of nodes) {
      const hit = matched.has(Number(node.dataset.node));
      node.classList.toggle('is-match', hit);
      if (hit) shown++;
    }
    svg.classList.toggle('has-query', q !== '');
    count.textContent = matchText(found.length, q)
      + (shown < found.length ? ' (' + shown + ' drawn)' : '');
  }, () => {
    // Enter also brings the first match into view.
    const first = $('.node.is-match', svg);
    if (first) view.centerOn(first);
  });
}

const frame = $('[data-graph-frame]');
const svg = $('[data-graph]');
if (frame && svg) {
  const view = installPanZoom(frame, svg, $('.node.is-match', svg) || $('.node', svg));
  initFind(svg, view);
}
