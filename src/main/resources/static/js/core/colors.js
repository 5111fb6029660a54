/**
 * Service colours for canvas drawing: the CSS custom properties --svc-0 … --svc-19 of the current
 * theme (see tokens.css). Elements use the classes svc-N instead.
 */
export const SLOTS = 20;

/** CSS class of the index-th service's colour. */
export function serviceClass(index) {
  return 'svc-' + (((index % SLOTS) + SLOTS) % SLOTS);
}

/**
 * The colours of these tokens in the current theme, as computed CSS colours ("rgb(…)"), e.g.
 * cssColors(['--fg', '--bg']). A token is written light-dark(light, dark), which is no colour
 * until an element resolves it with its color-scheme: hidden probe elements under the page do,
 * all in one style computation.
 */
export function cssColors(names) {
  const probes = names.map((name) => {
    const probe = document.createElement('i');
    probe.hidden = true;
    probe.style.color = 'var(' + name + ')';
    return probe;
  });
  (document.body || document.documentElement).append(...probes);
  const colors = probes.map((probe) => getComputedStyle(probe).color);
  probes.forEach((probe) => probe.remove());
  return colors;
}

/** The SLOTS colours of the current theme, as CSS colour strings. */
export function paletteColors() {
  const names = [];
  for (let i = 0; i < SLOTS; i++) names.push('--svc-' + i);
  return cssColors(names);
}
