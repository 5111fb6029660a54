/**
 * The search page's script. The page works without it (plain GET forms, server-rendered results);
 * this adds: operations loaded when the service changes, the custom range in the user's zone,
 * instant re-sorting, compare selection, the scatter plot's tooltip and hover links, times in the
 * chosen zone, and the collapsible form on phones.
 */
import { fetchJson, url } from '../core/base.js';
import { $, $$, h } from '../core/dom.js';
import { onPrefsChange, timeZone } from '../core/prefs.js';
import { dayLabel, fieldValue, offsetMinutes, relative, timeOfDay } from './times.js';

const page = document.getElementById('search-page');

/* ---- the form ---- */

function initOperations(form) {
  const service = $('[data-service]', form);
  const operation = $('[data-operation]', form);
  const list = $('[data-operations]', form);
  const count = $('[data-op-count]', form);
  const hint = $('[data-op-hint]', form);
  if (!service || !operation || !list) return;
  let pending = 0;
  service.addEventListener('change', async () => {
    const name = service.value;
    const ticket = ++pending;
    let names = [];
    if (name) {
      try {
        names = (await fetchJson('search/operations', { service: name })).operations || [];
      } catch (e) {
        names = [];
      }
    }
    if (ticket !== pending) return; // a later change won
    list.replaceChildren(...names.map((op) => h('option', { attrs: { value: op } })));
    if (count) count.textContent = name ? '(' + names.length + ')' : '';
    if (hint) hint.hidden = Boolean(name);
    // Keep an operation the new service also has (jaeger-ui#985); clear one it does not.
    if (operation.value && !names.includes(operation.value)) operation.value = '';
  });
}

function initCustomRange(form) {
  const tz = $('[data-tz]', form);
  const label = $('[data-zone-label]', form);
  const from = $('#sf-from', form);
  const to = $('#sf-to', form);
  const show = () => {
    const zone = timeZone();
    for (const input of [from, to]) {
      if (input && input.dataset.fieldUs) input.value = fieldValue(Number(input.dataset.fieldUs), zone);
    }
    if (label) {
      const minutes = offsetMinutes(zone);
      const sign = minutes >= 0 ? '+' : '-';
      const abs = Math.abs(minutes);
      label.textContent = zone === 'utc' ? '(UTC)'
        : '(local time, UTC' + sign + String(Math.floor(abs / 60)).padStart(2, '0') + ':'
          + String(abs % 60).padStart(2, '0') + ')';
    }
  };
  show();
  // A value the user typed is read in the zone shown; the offset is the one at that date (DST).
  form.addEventListener('submit', () => {
    if (!tz) return;
    const zone = timeZone();
    if (zone === 'utc' || !from || !from.value) {
      tz.value = String(offsetMinutes(zone));
      return;
    }
    const at = new Date(from.value);
    tz.value = String(Number.isNaN(at.getTime()) ? offsetMinutes(zone) : -at.getTimezoneOffset());
  });
  for (const input of [from, to]) {
    if (input) input.addEventListener('input', () => delete input.dataset.fieldUs);
  }
  onPrefsChange((key) => {
    if (key === 'tz') show();
  });
}

function initPanelToggle() {
  const panel = $('.search-panel');
  const button = $('[data-panel-toggle]');
  if (!panel || !button) return;
  button.hidden = false;
  const set = (collapsed) => {
    panel.classList.toggle('collapsed', collapsed);
    button.setAttribute('aria-expanded', String(!collapsed));
    button.textContent = collapsed ? 'Edit search' : 'Hide form';
  };
  button.addEventListener('click', () => set(!panel.classList.contains('collapsed')));
  // On a phone, results come first: fold the form away when there are any.
  const phone = window.matchMedia('(max-width: 720px)').matches;
  set(phone && Boolean($('[data-result-list]')) && !$('.search-form [aria-invalid="true"]'));
}

/* ---- results ---- */

const SORTS = {
  recent: (a, b) => b.start - a.start,
  oldest: (a, b) => a.start - b.start,
  longest: (a, b) => b.duration - a.duration,
  shortest: (a, b) => a.duration - b.duration,
  mostSpans: (a, b) => b.spans - a.spans,
  fewestSpans: (a, b) => a.spans - b.spans,
  mostErrors: (a, b) => b.errors - a.errors,
};

function rowKey(li) {
  const d = li.dataset;
  return {
    li,
    start: Number(d.start),
    duration: Number(d.duration),
    spans: Number(d.spans),
    errors: Number(d.errors),
    index: Number(d.index),
  };
}

/** Sorts the rendered rows as the server would (ties: storage order) and records it in the URL. */
export function sortRows(value) {
  const list = $('[data-result-list]');
  if (!list) return;
  const compare = SORTS[value] || SORTS.recent;
  const rows = $$('.result', list).map(rowKey);
  rows.sort((a, b) => compare(a, b) || a.index - b.index);
  list.append(...rows.map((r) => r.li));
  const u = new URL(window.location.href);
  if (value === 'recent') u.searchParams.delete('sort');
  else u.searchParams.set('sort', value);
  window.history.replaceState(window.history.state, '', u.pathname + u.search + u.hash);
  // the next search keeps the order
  const form = $('[data-search-form]');
  if (form) {
    let field = $('[data-sort-field]', form);
    if (!field) {
      field = h('input', { attrs: { type: 'hidden', name: 'sort' }, dataset: { sortField: '' } });
      form.append(field);
    }
    field.value = value;
    field.disabled = value === 'recent';
  }
}

function initSort() {
  const select = $('[data-sort]');
  if (!select) return;
  select.addEventListener('change', () => sortRows(select.value));
}

function initCompare() {
  const form = $('[data-compare-form]');
  if (!form) return;
  const bar = $('.compare-bar', form);
  const status = $('[data-compare-status]', form);
  const submit = $('[data-compare-submit]', form);
  const selected = () => $$('.compare-check:checked', form).map((c) => c.value);
  const update = () => {
    const ids = selected();
    for (const c of $$('.compare-check', form)) {
      c.closest('.result').classList.toggle('is-selected', c.checked);
    }
    if (!bar) return;
    bar.classList.toggle('has-selection', ids.length > 0);
    status.textContent = ids.length === 0 ? 'Select traces to compare them.'
      : ids.length === 1 ? '1 trace selected: select one more to compare.'
        : ids.length + ' traces selected for comparison.';
    submit.disabled = ids.length < 2;
    submit.textContent = ids.length > 2 ? 'Compare first two' : 'Compare';
  };
  form.addEventListener('change', update);
  form.addEventListener('submit', (event) => {
    const ids = selected();
    if (ids.length < 2) {
      event.preventDefault();
      return;
    }
    event.preventDefault();
    window.location.assign(url('trace/' + ids[0] + '...' + ids[1], { cohort: ids }));
  });
  update();
}

function initScatter() {
  const figure = $('[data-scatter]');
  if (!figure) return;
  const tip = $('[data-scatter-tip]', figure);
  const rowOf = (id) => document.querySelector('.result[data-trace-id="' + CSS.escape(id) + '"]');
  const dotOf = (id) => figure.querySelector('.dot[data-trace-id="' + CSS.escape(id) + '"]');
  const show = (dot) => {
    tip.textContent = dot.dataset.tip || '';
    tip.hidden = false;
    const box = figure.getBoundingClientRect();
    const c = $('circle', dot).getBoundingClientRect();
    let left = c.left - box.left + c.width / 2 + 10;
    const top = Math.max(0, c.top - box.top - 8);
    if (left + tip.offsetWidth > box.width) left = Math.max(0, c.left - box.left - tip.offsetWidth - 10);
    tip.style.left = left + 'px';
    tip.style.top = top + 'px';
    const row = rowOf(dot.dataset.traceId);
    if (row) row.classList.add('is-hot');
  };
  const hide = (dot) => {
    tip.hidden = true;
    const row = rowOf(dot.dataset.traceId);
    if (row) row.classList.remove('is-hot');
  };
  for (const dot of $$('.dot', figure)) {
    // The SVG <title> would show a second, native tooltip: keep its text for ours only.
    const title = $('title', dot);
    if (title) {
      dot.dataset.tip = title.textContent;
      title.remove(); // aria-label still names the link
    }
    dot.addEventListener('mouseenter', () => show(dot));
    dot.addEventListener('mouseleave', () => hide(dot));
    dot.addEventListener('focus', () => show(dot));
    dot.addEventListener('blur', () => hide(dot));
  }
  for (const row of $$('.result')) {
    row.addEventListener('mouseenter', () => {
      const dot = dotOf(row.dataset.traceId);
      if (dot) dot.classList.add('is-hot');
    });
    row.addEventListener('mouseleave', () => {
      const dot = dotOf(row.dataset.traceId);
      if (dot) dot.classList.remove('is-hot');
    });
  }
}

function renderTimes() {
  const zone = timeZone();
  const now = Date.now();
  for (const el of $$('time[data-start-us]')) {
    const us = Number(el.dataset.startUs);
    $('.when-day', el).textContent = dayLabel(us, zone, now);
    $('.when-time', el).textContent = timeOfDay(us, zone);
  }
  for (const el of $$('[data-ago-us]')) el.textContent = relative(Number(el.dataset.agoUs), now);
  for (const el of $$('[data-axis-us]')) {
    el.textContent = timeOfDay(Number(el.dataset.axisUs), zone).replace(' UTC', '');
  }
}

const form = $('[data-search-form]');
if (form) {
  initOperations(form);
  initCustomRange(form);
}
initPanelToggle();
initSort();
if (page && page.dataset.compare !== 'false') initCompare();
initScatter();
renderTimes();
onPrefsChange((key) => {
  if (key === 'tz') renderTimes();
});
setInterval(renderTimes, 30000);
if (page) page.dataset.ready = 'true';
