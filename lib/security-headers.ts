/**
 * The desk's per-request browser security policy, set by proxy.ts (the fixed headers —
 * X-Frame-Options, nosniff, Referrer-Policy… — are in next.config.js, for static files too).
 * Scripts run only with the per-request nonce (Next stamps it on its own scripts, the root layout on
 * the theme script) or when loaded by such a script ('strict-dynamic', e.g. the lazily imported chart
 * library). Styles allow inline because React renders `style` attributes and nonces cannot cover those.
 * The /ws feed is same-origin; ws:/wss: are named explicitly for browsers whose 'self' omits them.
 */

export interface CspOptions {
  nonce: string;
  /** The Host the page was requested on, for the same-origin ws:/wss: feed. */
  host: string | null;
  /** Next's dev server needs eval for its error overlay and HMR. */
  dev: boolean;
  /** The desk is served over https (PUBLIC_ORIGIN): upgrade stray http subresources. */
  https: boolean;
}

const HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

export function contentSecurityPolicy({ nonce, host, dev, https }: CspOptions): string {
  const feed = host && HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    `connect-src 'self'${feed}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/** Two years, subdomains included: sent only when PUBLIC_ORIGIN is https (never on a plain-http demo). */
export const HSTS = 'max-age=63072000; includeSubDomains';

/** 128 random bits, base64: unguessable and fresh for every page. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
