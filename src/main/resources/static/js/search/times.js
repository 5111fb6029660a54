/**
 * Result times in the user's zone, with the words the server uses (io.sightline.web.search.SearchTimes):
 * a day ("Today", "Yesterday", "Mar 5", "Mar 5 2024"), a time of day ("14:03:07", plus " UTC" in
 * UTC mode) and how long ago ("5 minutes ago").
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad(n) {
  return String(n).padStart(2, '0');
}

/** {year, month, day, h, m, s} of an instant (µs) in the zone ("local" or "utc"). */
function parts(us, zone) {
  const d = new Date(Math.floor(us / 1000));
  return zone === 'utc'
    ? { year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate(),
      h: d.getUTCHours(), m: d.getUTCMinutes(), s: d.getUTCSeconds() }
    : { year: d.getFullYear(), month: d.getMonth(), day: d.getDate(),
      h: d.getHours(), m: d.getMinutes(), s: d.getSeconds() };
}

function sameDay(a, b) {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

/** The day of an instant relative to today, in the zone. */
export function dayLabel(us, zone, nowMs = Date.now()) {
  const p = parts(us, zone);
  const today = parts(nowMs * 1000, zone);
  if (sameDay(p, today)) return 'Today';
  if (sameDay(p, parts((nowMs - 86400000) * 1000, zone))) return 'Yesterday';
  return MONTHS[p.month] + ' ' + p.day + (p.year === today.year ? '' : ' ' + p.year);
}

/** HH:mm:ss in the zone, followed by " UTC" in UTC mode. */
export function timeOfDay(us, zone) {
  const p = parts(us, zone);
  return pad(p.h) + ':' + pad(p.m) + ':' + pad(p.s) + (zone === 'utc' ? ' UTC' : '');
}

/** "a few seconds ago", "1 minute ago", "5 hours ago", "3 days ago"; "in the future". */
export function relative(us, nowMs = Date.now()) {
  const seconds = Math.trunc((nowMs * 1000 - us) / 1e6);
  if (seconds < -60) return 'in the future';
  if (seconds < 60) return 'a few seconds ago';
  const ago = (n, unit) => n + ' ' + unit + (n === 1 ? '' : 's') + ' ago';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return ago(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return ago(hours, 'hour');
  return ago(Math.floor(hours / 24), 'day');
}

/** A value for <input type="datetime-local"> (minutes), in the zone. */
export function fieldValue(us, zone) {
  const p = parts(us, zone);
  return p.year + '-' + pad(p.month + 1) + '-' + pad(p.day) + 'T' + pad(p.h) + ':' + pad(p.m);
}

/** The zone's offset east of UTC in minutes, now (what the server adds to a local field value). */
export function offsetMinutes(zone) {
  return zone === 'utc' ? 0 : -new Date().getTimezoneOffset();
}
