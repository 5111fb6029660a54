/**
 * The shell every page loads (layout.html): the "Lookup by Trace ID" box, the local/UTC and
 * light/dark toggles, copy buttons, and <time data-us> rendering. Pages add their own module.
 */
import { url } from './base.js';
import { installCopyButtons } from './clipboard.js';
import { renderTimes } from './format.js';
import { onPrefsChange, setTheme, setTimeZone, theme, timeZone } from './prefs.js';
import { parseTraceIds } from './traceid.js';
import { initOpenFile } from './upload.js';

function initLookup() {
  const form = document.querySelector('form[data-lookup]');
  if (!form) return;
  const input = form.querySelector('input');
  const error = form.querySelector('.lookup-error');
  const clear = () => {
    input.removeAttribute('aria-invalid');
    error.hidden = true;
  };
  input.addEventListener('input', clear);
  input.addEventListener('blur', () => setTimeout(clear, 150));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { ids, error: message } = parseTraceIds(input.value);
    if (message) {
      input.setAttribute('aria-invalid', 'true');
      error.textContent = message;
      error.hidden = false;
      return;
    }
    window.location.assign(ids.length === 1
      ? url('trace/' + encodeURIComponent(ids[0]))
      : url('search', { traceID: ids }));
  });
}

function initToggles() {
  const tzButton = document.querySelector('[data-tz-toggle]');
  const tzLabel = document.querySelector('[data-tz-label]');
  const showZone = () => {
    if (tzLabel) tzLabel.textContent = timeZone() === 'utc' ? 'UTC' : 'Local';
    if (tzButton) tzButton.setAttribute('aria-pressed', timeZone() === 'utc' ? 'true' : 'false');
  };
  showZone();
  if (tzButton) {
    tzButton.addEventListener('click', () => setTimeZone(timeZone() === 'utc' ? 'local' : 'utc'));
  }
  const themeButton = document.querySelector('[data-theme-toggle]');
  if (themeButton) {
    themeButton.addEventListener('click', () => setTheme(theme() === 'dark' ? 'light' : 'dark'));
  }
  onPrefsChange((key) => {
    if (key === 'tz') {
      showZone();
      renderTimes();
    }
  });
}

initLookup();
initToggles();
initOpenFile();
installCopyButtons();
renderTimes();
