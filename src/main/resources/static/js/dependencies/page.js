/**
 * The dependencies page's script. The graph is laid out and drawn by the server; this adds pan
 * and zoom (through the SVG viewBox: drag, wheel, buttons, keys), live highlighting of the services
 * matching the find box (with a count), the calls of a hovered service, and the custom range in
 * the user's zone.
 */
import { $, $$ } from '../core/dom.js';
import { installPanZoom } from '../core/viewport.js';
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

function initGraph() {
  const frame = $('[data-graph-frame]');
  const svg = $('[data-graph]');
  if (!frame || !svg) return null;
  const view = installPanZoom(frame, svg, $('.node.is-focus', svg));

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
