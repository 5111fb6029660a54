/**
 * The trace page's entry module. It loads the timeline columns (/trace/{id}/timeline.json, which
 * the page preloads), replaces the server-rendered plain rows with the virtual timeline, and wires
 * the minimap, find, details, error navigation and keyboard shortcuts together.
 *
 * For tests and the curious, window.sightlineTrace holds { ready, timings } once the first rows
 * are painted (timings in ms since navigation start: fetched, modelled, painted).
 */
import { fetchJson } from '../core/base.js';
import { $ } from '../core/dom.js';
import { onPrefsChange } from '../core/prefs.js';
import { DetailsPanel } from './details.js';
import { FindController } from './find.js';
import { installShortcuts } from './keys.js';
import { Minimap } from './minimap.js';
import { nextInList, TraceModel } from './model.js';
import { Timeline } from './timeline.js';

const page = document.getElementById('trace-page');

async function start() {
  const traceId = page.dataset.traceId;
  const status = $('[data-tl-status]', page);
  let json;
  try {
    json = await fetchJson('trace/' + encodeURIComponent(traceId) + '/timeline.json');
  } catch (error) {
    status.textContent = 'The interactive timeline could not be loaded (' + error.message +
      '). The rows below are a plain list.';
    status.hidden = false;
    return;
  }
  const fetched = performance.now();
  const model = new TraceModel(json);
  json = null;
  const modelled = performance.now();

  const body = $('[data-tl-body]', page);
  const staticRows = $('[data-static-rows]', page);
  const toolbar = $('[data-toolbar]', page);
  const minimapRoot = $('[data-minimap]', page);
  if (staticRows) staticRows.remove();
  body.hidden = false;
  toolbar.hidden = false;
  minimapRoot.hidden = false;

  let detailsPanel = null;
  const timeline = new Timeline({
    body,
    spacer: $('[data-tl-spacer]', page),
    ticks: $('[data-ticks]', page),
    model,
    onSelect: (row) => select(row),
    onToggle: (row) => {
      model.toggle(row);
      timeline.refresh();
    },
  });
  timeline.refresh();
  const painted = performance.now();

  function setZoom(from, to) {
    const z0 = Math.max(0, Math.min(from, 1));
    const z1 = Math.max(z0 + 1e-6, Math.min(to, 1));
    timeline.setZoom(z0, z1);
    minimap.setZoom(z0, z1);
  }
  const minimap = new Minimap({ root: minimapRoot, model, onZoom: setZoom });
  minimap.draw();
  onPrefsChange((key) => {
    if (key === 'theme') minimap.draw();
  });

  /** Makes a row visible, focused and in view. */
  function focusRow(row, { open = false } = {}) {
    if (row < 0 || row >= model.n) return;
    if (model.reveal(row)) syncMatchesOnly();
    timeline.focused = row;
    timeline.scrollToRow(row);
    if (open || (detailsPanel && detailsPanel.isOpen)) select(row);
  }

  function select(row) {
    timeline.selected = row;
    timeline.focused = row;
    timeline.refresh();
    detailsPanel.open(row);
  }

  detailsPanel = new DetailsPanel({
    panel: $('[data-details]', page),
    model,
    onFocusSpan: (spanId) => {
      const rows = model.rowsOfSpan(spanId);
      if (rows.length) focusRow(rows[0], { open: true });
    },
    onClose: () => {
      timeline.selected = -1;
      timeline.refresh();
    },
  });

  const findForm = $('[data-find]', page);
  const onlyBox = $('[data-matches-only]', page);
  function syncMatchesOnly() {
    onlyBox.checked = model.matchesOnly;
  }
  const find = new FindController({
    form: findForm,
    model,
    onResults: () => {
      timeline.currentMatch = -1;
      timeline.refresh();
    },
    onFilter: () => {
      if (timeline.currentMatch >= 0) timeline.scrollToRow(timeline.currentMatch);
      else timeline.refresh();
    },
    onCurrent: (row) => {
      timeline.currentMatch = row;
      focusRow(row);
    },
    onStale: (message) => {
      status.textContent = message;
      status.hidden = false;
    },
  });

  // Errors: count and next/previous.
  const errorCount = $('[data-error-count]', page);
  const errors = model.errorRows;
  errorCount.textContent = errors.length === 0 ? 'No errors'
    : errors.length + (errors.length === 1 ? ' error' : ' errors');
  errorCount.classList.toggle('none', errors.length === 0);
  const errorButtons = [$('[data-error-prev]', page), $('[data-error-next]', page)];
  errorButtons.forEach((b) => { b.disabled = errors.length === 0; });
  function stepError(dir) {
    const row = nextInList(errors, timeline.focused, dir);
    if (row >= 0) focusRow(row);
  }
  errorButtons[0].addEventListener('click', () => stepError(-1));
  errorButtons[1].addEventListener('click', () => stepError(1));

  // Expand / collapse.
  const relayout = (fn) => () => {
    fn();
    timeline.refresh();
  };
  const collapseAll = relayout(() => model.collapseAll());
  const expandAll = relayout(() => model.expandAll());
  const collapseOne = relayout(() => model.collapseOne());
  const expandOne = relayout(() => model.expandOne());
  $('[data-collapse-all]', page).addEventListener('click', collapseAll);
  $('[data-expand-all]', page).addEventListener('click', expandAll);
  $('[data-collapse-one]', page).addEventListener('click', collapseOne);
  $('[data-expand-one]', page).addEventListener('click', expandOne);

  // The name column's width: drag its right edge (set through the CSSOM, kept for this page).
  const resizer = $('[data-resizer]', page);
  resizer.hidden = false;
  resizer.addEventListener('pointerdown', (event) => {
    event.preventDefault();
    resizer.setPointerCapture(event.pointerId);
    resizer.classList.add('dragging');
    const left = body.getBoundingClientRect().left;
    const move = (e) => {
      const width = Math.max(120, Math.min(e.clientX - left, body.clientWidth - 120));
      page.style.setProperty('--name-w', width + 'px');
      timeline.schedule();
    };
    const up = () => {
      resizer.classList.remove('dragging');
      resizer.removeEventListener('pointermove', move);
      resizer.removeEventListener('pointerup', up);
    };
    resizer.addEventListener('pointermove', move);
    resizer.addEventListener('pointerup', up);
  });

  // Help.
  const help = $('[data-help]', page);
  const helpButton = $('[data-help-toggle]', page);
  const toggleHelp = (show = help.hidden) => {
    help.hidden = !show;
    helpButton.setAttribute('aria-expanded', show ? 'true' : 'false');
  };
  helpButton.addEventListener('click', () => toggleHelp());

  const findInput = $('[data-find-input]', page);
  installShortcuts({
    scroll: (dir) => timeline.scrollRows(dir * 5),
    step: (dir) => {
      if (!find.step(dir, timeline.focused)) {
        // No matches: move the focus through the visible rows.
        const pos = timeline.focused >= 0 ? model.position[timeline.focused] : -1;
        const next = Math.max(0, Math.min(model.visibleCount - 1, pos + dir));
        focusRow(model.visible[next]);
      }
    },
    error: stepError,
    pan: (dir, big) => {
      const [z0, z1] = timeline.zoom;
      const width = z1 - z0;
      let shift = dir * width * (big ? 0.5 : 0.15);
      shift = Math.max(-z0, Math.min(1 - z1, shift));
      setZoom(z0 + shift, z1 + shift);
    },
    zoom: (dir, big) => {
      const [z0, z1] = timeline.zoom;
      const factor = dir > 0 ? (big ? 0.5 : 0.8) : (big ? 2 : 1.25);
      const centre = (z0 + z1) / 2;
      const width = Math.min(1, (z1 - z0) * factor);
      let from = centre - width / 2;
      from = Math.max(0, Math.min(1 - width, from));
      setZoom(from, from + width);
    },
    collapseAll,
    expandAll,
    collapseOne,
    expandOne,
    open: () => {
      if (timeline.focused < 0) return false;
      select(timeline.focused);
      return true;
    },
    focusFind: () => findInput.focus(),
    escape: (event) => {
      if (!help.hidden) toggleHelp(false);
      else if (findInput.value) find.clear();
      else if (detailsPanel.isOpen) detailsPanel.close();
      if (event.target === findInput) findInput.blur();
    },
    help: () => toggleHelp(),
  });

  window.sightlineTrace = {
    ready: true,
    spans: model.n,
    timings: { fetched, modelled, painted },
    find,
    model,
  };
  page.dataset.ready = 'true';

  // Deep links: ?uiFind=… (Jaeger's; a span ID focuses and opens that span), #span-<id>.
  const params = new URLSearchParams(window.location.search);
  const uiFind = params.get('uiFind');
  const hash = window.location.hash.match(/^#span-([0-9a-fA-F]{1,16})$/);
  if (hash) {
    const rows = model.rowsOfSpan(hash[1].toLowerCase().padStart(16, '0'));
    if (rows.length) focusRow(rows[0], { open: true });
  }
  if (uiFind) {
    findInput.value = uiFind;
    await find.run(uiFind);
    if (model.matchRows.length > 0) {
      find.step(1);
      const single = model.matchRows.length === 1 && model.id(model.matchRows[0]) ===
        uiFind.trim().toLowerCase();
      if (single && !hash) select(model.matchRows[0]);
    }
  }
}

start();
