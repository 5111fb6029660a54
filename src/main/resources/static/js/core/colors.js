/**
 * Service colours for canvas drawing: the CSS custom properties --svc-0 … --svc-19 of the current
 * theme (see tokens.css). Elements use the classes svc-N instead.
 */
export const SLOTS = 20;

/** CSS class of the index-th service's colour. */
export function serviceClass(index) {
  return 'svc-' + (((index % SLOTS) + SLOTS) % SLOTS);
}

/** The SLOTS colours of the current theme, as CSS colour strings. */
export function paletteColors() {
  const style = getComputedStyle(document.documentElement);
  const colors = [];
  for (let i = 0; i < SLOTS; i++) colors.push(style.getPropertyValue('--svc-' + i).trim() || '#888');
  return colors;
}

/** A token's value in the current theme, e.g. cssToken('--critical'). */
export function cssToken(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}
