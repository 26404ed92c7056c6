import { FeedClient } from './feed-client';
import { sameOriginFeedUrl, webSocketTransport, type WebSocketConstructor } from './transport';

/**
 * The tab's one feed client (a module-level singleton, created on first use in the browser). When the
 * hub says the session is gone, the member is sent to sign in again and brought back here afterwards.
 */
let client: FeedClient | undefined;

export function browserFeedClient(): FeedClient {
  if (client) return client;
  if (typeof window === 'undefined') throw new Error('the feed client exists only in the browser');
  const created = new FeedClient({
    transport: webSocketTransport(sameOriginFeedUrl(window.location), window.WebSocket as unknown as WebSocketConstructor),
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
