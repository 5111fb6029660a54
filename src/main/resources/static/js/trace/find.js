/**
 * Find in trace (Jaeger's uiFind). Matching runs on the server, which holds the whole trace with
 * its tags and logs (GET /trace/{id}/find?q= answers the matching rows); the page highlights them,
 * counts them, steps through them, and can show only them (with their ancestors for context). The
 * query is kept in the URL's uiFind parameter, so links reproduce it.
 */
import { fetchJson } from '../core/base.js';

const DEBOUNCE_MS = 250;

export class FindController {
  /**
   * @param {object} o
   * @param {import('./model.js').TraceModel} o.model
   * @param {() => void} o.onResults matches changed
   * @param {() => void} o.onFilter "matches only" was switched
   * @param {(row: number, index: number) => void} o.onCurrent the current match changed
   * @param {(message: string) => void} o.onStale the server's view differs from the page's
   */
  constructor({ form, model, onResults, onFilter, onCurrent, onStale }) {
    this.form = form;
    this.model = model;
    this.input = form.querySelector('[data-find-input]');
    this.count = form.querySelector('[data-find-count]');
    this.onlyBox = form.querySelector('[data-matches-only]');
    this.onResults = onResults;
    this.onCurrent = onCurrent;
    this.onStale = onStale;
    this.query = '';
    this.current = -1;
    this.timer = 0;
    this.controller = null;
    this.lastDurationMs = 0;

    this.input.addEventListener('input', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.run(this.input.value), DEBOUNCE_MS);
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (this.input.value !== this.query) this.run(this.input.value);
      else this.step(1);
    });
    form.querySelector('[data-find-next]').addEventListener('click', () => this.step(1));
    form.querySelector('[data-find-prev]').addEventListener('click', () => this.step(-1));
    this.onlyBox.addEventListener('change', () => {
      this.model.setMatchesOnly(this.onlyBox.checked && this.model.matchRows.length > 0);
      onFilter();
    });
  }

  /** Runs a query now; resolves when the matches are shown. */
  async run(text) {
    clearTimeout(this.timer);
    const query = String(text || '');
    this.query = query;
    this.syncUrl(query);
    if (this.controller) this.controller.abort();
    if (!query.trim()) {
      this.apply([]);
      return;
    }
    const controller = new AbortController();
    this.controller = controller;
    this.count.textContent = '…';
    const started = performance.now();
    try {
      const result = await fetchJson(
        'trace/' + encodeURIComponent(this.model.traceId) + '/find',
        { q: query },
        { signal: controller.signal },
      );
      if (controller.signal.aborted || query !== this.query) return;
      if (result.viewId !== this.model.viewId) {
        this.onStale('The trace changed on the server since this page loaded; reload to see it.');
      }
      this.apply(result.rows.filter((r) => r < this.model.n));
      this.lastDurationMs = performance.now() - started;
    } catch (error) {
      if (error.name === 'AbortError') return;
      this.count.textContent = 'Find failed';
      this.count.title = error.message;
    }
  }

  apply(rows) {
    this.model.setMatches(rows);
    this.current = -1;
    this.model.setMatchesOnly(this.onlyBox.checked && rows.length > 0);
    this.updateCount();
    this.onResults();
  }

  updateCount() {
    const total = this.model.matchRows.length;
    this.count.title = '';
    if (!this.query.trim()) this.count.textContent = '';
    else if (total === 0) this.count.textContent = 'No match';
    else if (this.current < 0) this.count.textContent = total + (total === 1 ? ' match' : ' matches');
    else this.count.textContent = this.current + 1 + ' of ' + total;
  }

  /**
   * Moves to the next (1) or previous (-1) match, starting after `fromRow` when given.
   * @returns {boolean} whether there was a match to move to
   */
  step(dir, fromRow) {
    const rows = this.model.matchRows;
    if (rows.length === 0) return false;
    let index;
    if (fromRow !== undefined && fromRow >= 0 && this.current < 0) {
      index = dir > 0 ? rows.findIndex((r) => r > fromRow) : findLastIndex(rows, (r) => r < fromRow);
      if (index < 0) index = dir > 0 ? 0 : rows.length - 1;
    } else if (this.current < 0) {
      index = dir > 0 ? 0 : rows.length - 1;
    } else {
      index = (this.current + dir + rows.length) % rows.length;
    }
    this.current = index;
    this.updateCount();
    this.onCurrent(rows[index], index);
    return true;
  }

  /** Clears the box and the matches. */
  clear() {
    this.input.value = '';
    this.run('');
  }

  syncUrl(query) {
    const u = new URL(window.location.href);
    if (query) u.searchParams.set('uiFind', query);
    else u.searchParams.delete('uiFind');
    window.history.replaceState(window.history.state, '', u);
  }
}

function findLastIndex(list, predicate) {
  for (let i = list.length - 1; i >= 0; i--) if (predicate(list[i])) return i;
  return -1;
}
