/**
 * The compare page's script: the find box highlights the diff rows whose service or operation
 * contains the text (case-insensitive) and counts them; Enter jumps to the next match.
 */
import { $, $$ } from '../core/dom.js';

function initFind() {
  const input = $('[data-diff-find]');
  const count = $('[data-diff-count]');
  const table = $('[data-diff-table]');
  if (!input || !table) return;
  const rows = $$('.diff-row', table).map((tr) => ({
    tr,
    text: ($('.diff-svc', tr).textContent + ': ' + $('.diff-op', tr).textContent).toLowerCase(),
  }));
  let matches = [];
  let current = -1;
  const update = () => {
    const q = input.value.trim().toLowerCase();
    matches = [];
    for (const row of rows) {
      const hit = q !== '' && row.text.includes(q);
      row.tr.classList.toggle('is-match', hit);
      if (hit) matches.push(row.tr);
    }
    current = -1;
    count.textContent = q === '' ? '' : matches.length === 1 ? '1 match' : matches.length + ' matches';
  };
  input.addEventListener('input', update);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && matches.length > 0) {
      event.preventDefault();
      current = (current + 1) % matches.length;
      matches[current].scrollIntoView({ block: 'center' });
    } else if (event.key === 'Escape') {
      input.value = '';
      update();
    }
  });
}

initFind();
const page = document.getElementById('compare-page');
if (page) page.dataset.ready = 'true';
