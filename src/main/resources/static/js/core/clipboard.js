/**
 * Copy to the clipboard. navigator.clipboard needs a secure context (https or localhost); on plain
 * http elsewhere, fall back to a selected, off-screen textarea.
 */
export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (e) {
      // permission refused: try the fallback
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'sr-only';
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch (e) {
    ok = false;
  }
  area.remove();
  return ok;
}

/**
 * Makes every button with data-copy="text" (copies the text) or data-copy-href="/path" (copies
 * the absolute URL) work, now and for buttons added later (delegated).
 */
export function installCopyButtons(root = document) {
  root.addEventListener('click', async (event) => {
    const button = event.target.closest('[data-copy], [data-copy-href]');
    if (!button) return;
    event.preventDefault();
    event.stopPropagation();
    const text = button.hasAttribute('data-copy')
      ? button.getAttribute('data-copy')
      : new URL(button.getAttribute('data-copy-href'), window.location.href).href;
    const ok = await copyText(text);
    button.classList.toggle('copied', ok);
    button.setAttribute('data-copied', ok ? 'true' : 'false');
    const previous = button.title;
    button.title = ok ? 'Copied' : 'Copy failed';
    setTimeout(() => {
      button.classList.remove('copied');
      button.title = previous;
    }, 1200);
  });
}
