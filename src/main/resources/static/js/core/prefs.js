/**
 * User preferences kept in localStorage: theme ("sightline-theme": light|dark) and time zone
 * ("sightline-tz": local|utc). Changes are announced with a "sightline:prefs" event on document
 * (detail: {key, value}); pages listen to redraw canvases or re-render times.
 */
const THEME_KEY = 'sightline-theme';
const TZ_KEY = 'sightline-tz';

function read(key) {
  try {
    return window.localStorage.getItem(key);
  } catch (e) {
    return null;
  }
}

function write(key, value) {
  try {
    window.localStorage.setItem(key, value);
  } catch (e) {
    // storage disabled: the choice lasts for this page only
  }
}

function announce(key, value) {
  document.dispatchEvent(new CustomEvent('sightline:prefs', { detail: { key, value } }));
}

/** The theme in effect: "light" or "dark". */
export function theme() {
  return document.documentElement.getAttribute('data-theme') === 'dark' ? 'dark' : 'light';
}

/** Whether an embedder forced the theme (uiTheme): then the toggle does not store a choice. */
export function themeForced() {
  return document.documentElement.hasAttribute('data-theme-forced');
}

export function setTheme(value) {
  const t = value === 'dark' ? 'dark' : 'light';
  document.documentElement.setAttribute('data-theme', t);
  if (!themeForced()) write(THEME_KEY, t);
  announce('theme', t);
}

/** "local" (the default) or "utc". */
export function timeZone() {
  return read(TZ_KEY) === 'utc' ? 'utc' : 'local';
}

export function setTimeZone(value) {
  const z = value === 'utc' ? 'utc' : 'local';
  write(TZ_KEY, z);
  announce('tz', z);
}

/** Calls fn(key, value) whenever a preference changes. */
export function onPrefsChange(fn) {
  document.addEventListener('sightline:prefs', (e) => fn(e.detail.key, e.detail.value));
}
