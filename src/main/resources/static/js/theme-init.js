/*
 * Runs synchronously in <head>, before first paint, so the page never flashes in the wrong theme.
 * A classic script (not a module) on purpose: modules are deferred.
 *
 * data-theme already set by the server means an embedder forced it (uiTheme=dark|light): keep it.
 * Otherwise: the user's stored choice, else the OS preference. Keep in step with core/prefs.js.
 */
(function () {
  var root = document.documentElement;
  if (root.hasAttribute('data-theme')) {
    root.setAttribute('data-theme-forced', '');
    return;
  }
  var stored = null;
  try {
    stored = window.localStorage.getItem('sightline-theme');
  } catch (e) {
    // storage disabled: follow the OS
  }
  if (stored !== 'light' && stored !== 'dark') {
    stored = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches
      ? 'dark' : 'light';
  }
  root.setAttribute('data-theme', stored);
})();
