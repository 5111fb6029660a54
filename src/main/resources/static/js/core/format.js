/**
 * Durations and instants for people. The server writes the same texts (io.sightline.web.Formats);
 * keep the two in step.
 */
import { timeZone } from './prefs.js';

function round2(value) {
  // at most two decimals, trailing zeros dropped (as BigDecimal.stripTrailingZeros)
  return String(Math.round(value * 100) / 100);
}

/**
 * A compact duration: 12µs, 350.25ms, 1.2s, 2m 5s, 1h 3m.
 * @param {number} us microseconds
 */
export function duration(us) {
  if (us < 0) return '-' + duration(-us);
  if (us < 1000) return Math.round(us) + 'µs';
  // a value that would round up to the next unit's size is shown in that unit (1s, not 1000ms)
  if (us < 999995) return round2(us / 1000) + 'ms';
  if (us < 59995000) return round2(us / 1e6) + 's';
  const seconds = Math.round(us / 1e6); // rounded, like the decimals above
  if (seconds < 3600) {
    const s = seconds % 60;
    return Math.floor(seconds / 60) + 'm' + (s ? ' ' + s + 's' : '');
  }
  const m = Math.floor(seconds / 60) % 60;
  return Math.floor(seconds / 3600) + 'h' + (m ? ' ' + m + 'm' : '');
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];

function pad(n, width = 2) {
  return String(n).padStart(width, '0');
}

/**
 * An instant in the chosen zone, Jaeger's trace-start format: "March 5 2024, 14:03:07.123",
 * followed by " UTC" in UTC mode.
 * @param {number} us microseconds since the epoch
 * @param {"local"|"utc"} [zone] default: the user's preference
 */
export function timestamp(us, zone = timeZone()) {
  const d = new Date(Math.floor(us / 1000));
  const utc = zone === 'utc';
  const year = utc ? d.getUTCFullYear() : d.getFullYear();
  const month = utc ? d.getUTCMonth() : d.getMonth();
  const day = utc ? d.getUTCDate() : d.getDate();
  const h = utc ? d.getUTCHours() : d.getHours();
  const m = utc ? d.getUTCMinutes() : d.getMinutes();
  const s = utc ? d.getUTCSeconds() : d.getSeconds();
  const ms = utc ? d.getUTCMilliseconds() : d.getMilliseconds();
  return MONTHS[month] + ' ' + day + ' ' + year + ', ' + pad(h) + ':' + pad(m) + ':' + pad(s) +
    '.' + pad(ms, 3) + (utc ? ' UTC' : '');
}

/** The zone's offset as "UTC+02:00" (for tooltips). */
export function zoneLabel(zone = timeZone()) {
  if (zone === 'utc') return 'UTC';
  const offset = -new Date().getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return 'UTC' + sign + pad(Math.floor(abs / 60)) + ':' + pad(abs % 60);
}

/**
 * Re-renders every <time data-us="…"> under root in the chosen zone. Server-rendered pages write
 * these in UTC; this puts them in the user's zone.
 */
export function renderTimes(root = document, zone = timeZone()) {
  for (const el of root.querySelectorAll('time[data-us]')) {
    const us = Number(el.dataset.us);
    if (!Number.isFinite(us)) continue;
    el.textContent = timestamp(us, zone);
    el.title = zoneLabel(zone);
  }
}
