/**
 * Keyboard shortcuts, as Jaeger UI binds them (see the help popover in trace.html). They are off
 * while typing in a field, except Ctrl+b and Esc.
 */
import { isTyping } from '../core/dom.js';

/**
 * @param {object} a actions: scroll(dir), step(dir), error(dir), pan(dir, big), zoom(dir, big),
 *   collapseAll(), expandAll(), collapseOne(), expandOne(), open(), focusFind(), escape(),
 *   help()
 */
export function installShortcuts(a) {
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.isComposing) return;
    const key = event.key;
    if ((event.ctrlKey || event.metaKey) && (key === 'b' || key === 'B')) {
      event.preventDefault();
      a.focusFind();
      return;
    }
    if (key === 'Escape') {
      a.escape(event);
      return;
    }
    if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
    // Enter on a button or link is that control's own; it opens details only from the timeline.
    if (key === 'Enter' && event.target.closest && event.target.closest('a, button, summary')) {
      return;
    }
    const big = event.shiftKey;
    let handled = true;
    switch (key) {
      case 's': case 'S': a.scroll(1); break;
      case 'w': case 'W': a.scroll(-1); break;
      case 'f': case 'F': a.step(1); break;
      case 'b': case 'B': a.step(-1); break;
      case 'e': a.error(1); break;
      case 'E': a.error(-1); break;
      case 'a': case 'A': case 'ArrowLeft': a.pan(-1, big); break;
      case 'd': case 'D': case 'ArrowRight': a.pan(1, big); break;
      case 'ArrowUp': a.zoom(1, big); break;
      case 'ArrowDown': a.zoom(-1, big); break;
      case ']': a.collapseAll(); break;
      case '[': a.expandAll(); break;
      case 'p': case 'P': a.collapseOne(); break;
      case 'o': case 'O': a.expandOne(); break;
      case 'Enter': handled = a.open(); break;
      case '?': a.help(); break;
      default: handled = false;
    }
    if (handled) event.preventDefault();
  });
}
