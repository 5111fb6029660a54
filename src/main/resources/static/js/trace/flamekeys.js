/**
 * The flamegraph's keyboard: the scroll box is one tab stop with an active frame (drawn with a
 * ring while it has focus, announced through its label and the live line under the graph). Up and
 * down go to the parent and the first child, left and right to the siblings, Home to the first
 * root; Enter (or Space) zooms into the active frame's subtree, Backspace zooms out one level and
 * Escape (flame.js) to the whole trace. Moving out of the zoomed subtree zooms out to show it.
 */
import { duration } from '../core/format.js';

/** What a screen reader says for a frame. */
export function frameLabel(flame, i) {
  const d = flame.data;
  const share = (100 * d.w[i]) / Math.max(1, d.total);
  return d.services[d.svc[i]] + ': ' + d.strings[d.op[i]]
    + ', duration ' + duration(d.dur[i]) + ', self time ' + duration(d.self[i])
    + ', ' + d.n[i] + (d.n[i] === 1 ? ' span' : ' spans')
    + (d.err[i] ? ', ' + d.err[i] + ' failed' : '')
    + ', ' + share.toFixed(1) + '% of the trace';
}

/** The sibling before i (same parent), or -1. */
function previousSibling(flame, i) {
  const p = flame.parent[i];
  let c = p < 0 ? 0 : p + 1;
  if (c === i) return -1;
  while (flame.end[c] < i) c = flame.end[c];
  return flame.end[c] === i ? c : -1;
}

/** The sibling after i (same parent), or -1. */
function nextSibling(flame, i) {
  const j = flame.end[i];
  const limit = flame.parent[i] < 0 ? flame.size : flame.end[flame.parent[i]];
  return j < limit ? j : -1;
}

export function installFlameKeys(flame) {
  const box = flame.scroll;
  box.setAttribute('aria-roledescription', 'flamegraph');

  const activate = (i) => {
    if (i < 0 || i >= flame.size) return;
    flame.active = i;
    if (flame.shownRow(i) < 0) {
      // Outside the zoomed subtree: zoom out to its parent, where it and its siblings show.
      flame.setZoom(flame.parent[i]);
    }
    const row = flame.shownRow(i);
    const top = row * 20;
    if (top < box.scrollTop || top + 20 > box.scrollTop + box.clientHeight) {
      box.scrollTop = Math.max(0, top - box.clientHeight / 2);
    }
    const label = frameLabel(flame, i);
    box.setAttribute('aria-label', 'Flamegraph: ' + label);
    flame.showInfo(i);
    flame.draw();
  };

  box.addEventListener('focus', () => activate(flame.active >= 0 ? flame.active
    : Math.max(0, flame.zoom)));
  box.addEventListener('blur', () => flame.draw());
  box.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const i = flame.active < 0 ? Math.max(0, flame.zoom) : flame.active;
    let target = -2;
    switch (event.key) {
      case 'ArrowUp': target = flame.parent[i]; break;
      case 'ArrowDown': target = i + 1 < flame.end[i] ? i + 1 : -1; break;
      case 'ArrowLeft': target = previousSibling(flame, i); break;
      case 'ArrowRight': target = nextSibling(flame, i); break;
      case 'Home': target = 0; break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        flame.setZoom(i);
        activate(i);
        return;
      case 'Backspace':
        event.preventDefault();
        if (flame.zoom >= 0) flame.setZoom(flame.parent[flame.zoom]);
        activate(i);
        return;
      default:
        return;
    }
    event.preventDefault();
    if (target >= 0) activate(target);
  });
}
