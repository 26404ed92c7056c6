/** Timestamp text in the forms Kraken prints. */

/** Unix ms → `2023-10-06T17:35:55.219000Z` (RFC 3339 with microseconds, as WS v2 prints). */
export function rfc3339Micro(ms: number): string {
  const iso = new Date(Math.floor(ms)).toISOString();
  return `${iso.slice(0, 23)}000Z`;
}

/** Unix seconds → `2023-10-04T16:25:00.000000000Z` (the ohlc channel's `interval_begin`). */
export function rfc3339Nano(sec: number): string {
  return `${new Date(sec * 1000).toISOString().slice(0, 19)}.000000000Z`;
}

/** Unix ms → `2023-07-06T18:52:00Z` (REST SystemStatus). */
export function rfc3339Seconds(ms: number): string {
  return `${new Date(Math.floor(ms)).toISOString().slice(0, 19)}Z`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** Unix ms → `Thu, 06 Jul 23 18:50:48 +0000` (REST Time's rfc1123, two-digit year as Kraken prints it). */
export function krakenRfc1123(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCFullYear() % 100)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}
