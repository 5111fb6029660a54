/**
 * The find box of the graph and flamegraph views: as the user types (debounced) or submits, asks
 * the server which merged paths hold a span matching the text (uiFind rules, GET
 * /trace/{id}/find?by=path), keeps uiFind in the URL, and hands the path numbers to the view.
 */
import { fetchJson } from '../core/base.js';

/**
 * @param {HTMLInputElement} input the find box (in a form)
 * @param {string} traceId the trace
 * @param {function(number[], string): (void|Promise)} show gets the matching paths and the text
 * @param {function(): void} [submitted] called once a submitted (Enter) search is shown
 * @param {string} [by] 'path' (merged paths, the default) or 'row' (spans, for the spans view)
 * @returns {function(): Promise} runs the search now
 */
export function installPathFind(input, traceId, show, submitted, by = 'path') {
  let timer = 0;
  let latest = 0;
  const run = async () => {
    const q = input.value.trim();
    const ticket = ++latest;
    const found = q === '' ? [] : (await fetchJson('trace/' + traceId + '/find', { q, by })).rows;
    if (ticket !== latest) return;
    const u = new URL(window.location.href);
    if (q === '') u.searchParams.delete('uiFind');
    else u.searchParams.set('uiFind', q);
    window.history.replaceState(window.history.state, '', u.pathname + u.search + u.hash);
    await show(found, q);
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
  input.form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run().then(() => submitted && submitted());
  });
  return run;
}

/** "1 path matches", "3 paths match", or "" for no text. */
export function matchText(count, q) {
  return q === '' ? '' : count + (count === 1 ? ' path matches' : ' paths match');
}
