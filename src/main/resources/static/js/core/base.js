/**
 * URLs under the base path. The server may run under a context path (QUERY_BASE_PATH, e.g.
 * /jaeger); the layout writes it into <meta name="sightline-base" content="/jaeger/">, and every
 * URL built in JavaScript goes through url() so it works there too. Never hard-code "/…" paths.
 */
const meta = document.querySelector('meta[name="sightline-base"]');
const base = (meta && meta.content ? meta.content : '/').replace(/\/?$/, '/');

/** The base path, ending in "/". */
export const BASE = base;

/**
 * On the pages of an uploaded file (<meta name="sightline-upload">): its key. url() adds it to every
 * trace URL, so the page's requests (timeline data, find, span details, flamegraph) read the file.
 */
const uploadMeta = document.querySelector('meta[name="sightline-upload"]');
const UPLOAD = uploadMeta ? uploadMeta.content : '';

/**
 * A path under the base, with query parameters (null/undefined ones left out, arrays repeated).
 * @param {string} path e.g. "trace/abc/find" (a leading "/" is ignored)
 * @param {Object<string, *>} [params]
 * @returns {string} an absolute path with the query, e.g. "/jaeger/trace/abc/find?q=x"
 */
export function url(path, params) {
  const u = new URL(base + String(path).replace(/^\/+/, ''), window.location.origin);
  if (params) {
    for (const [key, value] of Object.entries(params)) {
      if (value === null || value === undefined) continue;
      if (Array.isArray(value)) value.forEach((v) => u.searchParams.append(key, String(v)));
      else u.searchParams.set(key, String(value));
    }
  }
  const local = String(path).replace(/^\/+/, '');
  if (UPLOAD && (local.startsWith('trace/') || local.startsWith('compare')) && !u.searchParams.has('upload')) {
    u.searchParams.set('upload', UPLOAD);
  }
  return u.pathname + u.search;
}

/**
 * GETs JSON. Rejects with an Error whose message is the server's (our endpoints answer errors as
 * {status, message}).
 */
export async function fetchJson(path, params, init) {
  const response = await fetch(url(path, params), {
    headers: { Accept: 'application/json' },
    credentials: 'same-origin',
    ...init,
  });
  if (!response.ok) {
    let message = response.status + ' ' + response.statusText;
    try {
      const body = await response.json();
      if (body && body.message) message = body.message;
    } catch (e) {
      // not JSON: keep the status line
    }
    const error = new Error(message);
    error.status = response.status;
    throw error;
  }
  return response.json();
}
