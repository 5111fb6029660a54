// The trace page's analysis views (statistics, spans, events): the tables are complete without
// this script; it adds collapsing the statistics groups, submitting the group-by choice at once,
// and keyboard use (the toggles are buttons; "/" focuses the filter).

const page = document.getElementById('trace-page');

function setGroup(group, expanded) {
  group.classList.toggle('collapsed', !expanded);
  const toggle = group.querySelector('.toggle');
  toggle.setAttribute('aria-expanded', String(expanded));
  const name = group.querySelector('.group-row').dataset.service;
  toggle.setAttribute('aria-label', (expanded ? 'Collapse ' : 'Expand ') + name);
}

const table = document.querySelector('[data-stats-table]');
if (table) {
  for (const toggle of table.querySelectorAll('.toggle')) {
    toggle.hidden = false;
  }
  table.addEventListener('click', (event) => {
    const toggle = event.target.closest('.toggle');
    if (toggle) {
      const group = toggle.closest('.stats-group');
      setGroup(group, group.classList.contains('collapsed'));
    }
  });
  const all = (expanded) => () => {
    for (const group of table.querySelectorAll('.stats-group')) {
      setGroup(group, expanded);
    }
  };
  for (const [selector, expanded] of [['[data-expand-all]', true], ['[data-collapse-all]', false]]) {
    const button = document.querySelector(selector);
    button.hidden = false;
    button.addEventListener('click', all(expanded));
  }
  const select = document.querySelector('[data-autosubmit]');
  select.addEventListener('change', () => select.form.requestSubmit());
  document.querySelector('[data-no-js]').hidden = true;
}

document.addEventListener('keydown', (event) => {
  const typing = event.target.closest('input, select, textarea');
  if (event.key === '/' && !typing) {
    const filter = document.querySelector('[data-filter]');
    if (filter) {
      event.preventDefault();
      filter.focus();
    }
  }
});

// The flamegraph and the spans table say they are ready once they have drawn (flame.js, spans.js).
if (!document.querySelector('[data-flame], [data-spans-view]')) page.dataset.ready = 'true';
