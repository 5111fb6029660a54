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
 * The colours of these tokens in the current theme, as computed CSS colours ("rgb(…)"). A token is
 * written light-dark(light, dark), which is no colour until an element resolves it with its
 * color-scheme: hidden probe elements under the page do.
 */
function tokenColors(names) {
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
  return tokenColors(names);
}

/** A colour token's value in the current theme, e.g. cssColor('--critical'). */
export function cssColor(name) {
  return tokenColors([name])[0];
}
