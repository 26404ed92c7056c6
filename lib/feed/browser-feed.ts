import { FeedClient } from './feed-client';
import { fallbackTransport } from './fallback-transport';
import { eventSourceTransport, type EventSourceConstructor, type FeedPost } from './sse-transport';
import { sameOriginFeedUrl, webSocketTransport, type FeedTransport, type FeedSocketConstructor } from './transport';

/**
 * The tab's one feed client (a module-level singleton, created on first use in the browser). When the
 * hub says the session is gone, the member is sent to sign in again and brought back here afterwards.
 */
let client: FeedClient | undefined;

export function browserFeedClient(): FeedClient {
  if (client) return client;
  if (typeof window === 'undefined') throw new Error('the feed client exists only in the browser');
  const created = new FeedClient({
    transport: browserTransport(),
    onUnauthorized: () => {
      const next = window.location.pathname + window.location.search;
      window.location.assign(`/login?next=${encodeURIComponent(next)}`);
    },
  });
  // back online or back to the tab: do not sit out the rest of a long backoff
  window.addEventListener('online', () => created.reconnectNow());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') created.reconnectNow();
  });
  client = created;
  return created;
}

/**
 * `/ws`, falling back to Server-Sent Events (`/api/feed`) by itself. `?feed=sse` on the page's URL (or
 * `localStorage['kd.feed'] = 'sse'`) uses SSE from the start: how the e2e tests and an operator check the
 * fallback on a host where WebSockets work. Both carry the same frames, so nothing else changes.
 */
function browserTransport(): FeedTransport {
  const sse = eventSourceTransport(
    '/api/feed',
    window.EventSource as unknown as EventSourceConstructor,
    ((url, init) => fetch(url, { ...init, credentials: 'same-origin', cache: 'no-store' })) satisfies FeedPost,
  );
  if (forcedSse()) return sse;
  return fallbackTransport(webSocketTransport(sameOriginFeedUrl(window.location), window.WebSocket as unknown as FeedSocketConstructor), sse);
}

function forcedSse(): boolean {
  if (new URLSearchParams(window.location.search).get('feed') === 'sse') return true;
  try {
    return window.localStorage.getItem('kd.feed') === 'sse';
  } catch {
    return false; // storage blocked: the default applies
  }
}
