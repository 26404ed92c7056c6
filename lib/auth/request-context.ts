import type { IncomingMessage } from 'node:http';

/**
 * Facts only the custom server knows (the TCP peer address and the requested path), handed to
 * Next through request headers. Incoming copies are removed first so a client cannot forge them
 * (for example to lock another office's IP out of login, or to dodge the per-IP throttle).
 */
export const CLIENT_IP_HEADER = 'x-kd-client-ip';
export const REQUEST_PATH_HEADER = 'x-kd-request-path';

/** Called by server/index.ts on every request before Next sees it. */
export function stampRequestContext(req: IncomingMessage): void {
  delete req.headers[CLIENT_IP_HEADER];
  delete req.headers[REQUEST_PATH_HEADER];
  const ip = req.socket.remoteAddress;
  if (ip) req.headers[CLIENT_IP_HEADER] = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
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

/**
 * `next` as a same-site relative path ("/markets?x=1"), or null for anything that could leave the
 * site ("//evil.com", "/\\evil.com", "https://…") or loop back to the login page.
 */
export function safeNextPath(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (/[\u0000-\u001f\u007f]/.test(next)) return null;
  try {
    const base = 'http://desk.invalid';
    const url = new URL(next, base);
    if (url.origin !== base) return null;
    if (url.pathname === '/login' || url.pathname.startsWith('/_next')) return null;
    // Client-side navigations carry Next's cache-busting marker; it means nothing to a redirect.
    url.searchParams.delete('_rsc');
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return null;
  }
}
