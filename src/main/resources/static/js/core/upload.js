/**
 * The shell's "Open file": sends the chosen file's bytes to POST /upload (no multipart form: the
 * server takes the raw body) and opens the list of its traces. The server answers 400/413 with
 * {status, message}; the message is shown beside the button. Needs JavaScript: without it the
 * control stays hidden.
 */
import { url } from './base.js';

export function initOpenFile() {
  const box = document.querySelector('[data-open-file]');
  if (!box) return;
  const input = box.querySelector('[data-open-file-input]');
  const status = box.querySelector('[data-open-file-status]');
  box.hidden = false;
  const say = (text) => {
    status.textContent = text;
    status.hidden = text === '';
  };
  input.addEventListener('change', async () => {
    const file = input.files && input.files[0];
    if (!file) return;
    say('Opening ' + file.name + '…');
    try {
      const response = await fetch(url('upload', { name: file.name }), {
        method: 'POST',
        headers: { 'Content-Type': file.type || 'application/json', Accept: 'application/json' },
        credentials: 'same-origin',
        body: file,
      });
      let body = null;
      try {
        body = await response.json();
      } catch (e) {
        // not JSON: the status line says it
      }
      if (!response.ok) {
        say(body && body.message ? body.message : response.status + ' ' + response.statusText);
        return;
      }
      window.location.assign(url(body.location));
    } catch (e) {
      say('The file could not be sent: ' + e.message);
    } finally {
      input.value = '';
    }
  });
}
