/**
 * Trace IDs as typed into the lookup box: 1–32 hex characters, or the ID's 16 (or 8) raw bytes in
 * base64 (22 characters and "==", or 11 and "=", the padding optional; standard or URL-safe
 * alphabet), as GET /api/traces/{traceID} accepts them. The server applies the same rules
 * (io.sightline.web.TraceIdInput, io.sightline.http.TraceIdParser).
 */
const HEX = /^[0-9a-fA-F]{1,32}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{22}(?:==)?|[A-Za-z0-9_-]{22}(?:==)?|[A-Za-z0-9+/]{11}=?|[A-Za-z0-9_-]{11}=?)$/;

export function isTraceId(text) {
  return HEX.test(text) || BASE64.test(text);
}

/**
 * Splits at spaces and commas and validates each word.
 * @returns {{ids: string[], error: string|null}}
 */
export function parseTraceIds(text) {
  const words = String(text || '').split(/[\s,]+/).filter(Boolean);
  if (words.length === 0) return { ids: [], error: 'Enter one or more trace IDs.' };
  const ids = [];
  for (const word of words) {
    if (!isTraceId(word)) {
      return { ids: [], error: `"${word.slice(0, 40)}" is not a trace ID (1–32 hex characters).` };
    }
    const id = HEX.test(word) ? word.toLowerCase() : word;
    if (!ids.includes(id)) ids.push(id);
  }
  return { ids, error: null };
}
