import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/**
 * Facts only the custom server knows (the TCP peer address and the requested path), handed to
 * Next through request headers. Incoming copies are removed first so a client cannot forge them
 * (for example to slow another office's IP at login, or to dodge the per-IP throttle).
 */
export const CLIENT_IP_HEADER = 'x-kd-client-ip';
export const REQUEST_PATH_HEADER = 'x-kd-request-path';

/**
 * How many reverse proxies stand in front of the desk (TRUST_PROXY). 0: X-Forwarded-For is ignored
 * and the client is the TCP peer. n ≥ 1: each proxy appends the address it saw to X-Forwarded-For, so
 * the client is the n-th entry from the right — the one the outermost trusted proxy wrote. Entries
 * left of it were written by the client and are never used.
 */
export function clientIpOf(req: Pick<IncomingMessage, 'headers' | 'socket'>, trustProxy = 0): string | null {
  const peer = normaliseIp(req.socket.remoteAddress);
  if (trustProxy <= 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((h) => h.trim()).filter(Boolean);
  const forwarded = normaliseIp(hops[hops.length - trustProxy]);
  return forwarded && isIP(forwarded) ? forwarded : peer;
}

function normaliseIp(ip: string | undefined): string | null {
  if (!ip) return null;
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

/** Called by server/index.ts on every request before Next sees it. */
export function stampRequestContext(req: IncomingMessage, trustProxy = 0): void {
  delete req.headers[CLIENT_IP_HEADER];
  delete req.headers[REQUEST_PATH_HEADER];
  const ip = clientIpOf(req, trustProxy);
  if (ip) req.headers[CLIENT_IP_HEADER] = ip;
  if (req.url) req.headers[REQUEST_PATH_HEADER] = req.url;
}

interface HeaderReader {
  get(name: string): string | null;
}

export function clientIpFrom(headers: HeaderReader): string {
  return headers.get(CLIENT_IP_HEADER) ?? 'unknown';
}

export function requestPathFrom(headers: HeaderReader): string | null {
  return headers.get(REQUEST_PATH_HEADER);
}

/** A path a browser would read as another host: "//host", "/\host" (browsers treat "\" as "/"). */
const LEAVES_SITE = /^[/\\]{2}/;

/**
 * `next` as a same-site relative path ("/markets?x=1"), or null for anything that could leave the
 * site ("//evil.com", "/\\evil.com", "https://…") or loop back to the login page. The check runs
 * again on the normalised path: "/.//evil.com" and "/%2e//evil.com" normalise to "//evil.com".
 */
export function safeNextPath(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || LEAVES_SITE.test(next)) return null;
  if (/[\u0000-\u001f\u007f]/.test(next)) return null;
  try {
    const base = 'http://desk.invalid';
    const url = new URL(next, base);
    if (url.origin !== base || LEAVES_SITE.test(url.pathname)) return null;
    if (url.pathname === '/login' || url.pathname.startsWith('/_next')) return null;
    // Client-side navigations carry Next's cache-busting marker; it means nothing to a redirect.
    url.searchParams.delete('_rsc');
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return null;
  }
}
