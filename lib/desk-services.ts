import type { DeskDb } from './db';
import type { Env } from './env';
import type { KrakenClient } from './kraken/rest';

/**
 * The process-wide services the custom server starts (one Kraken client per API key, the feed hub, the
 * database). Next bundles its server code separately from the custom server's modules, so module-level
 * singletons would exist twice; registering them on globalThis gives both sides the same instances —
 * which matters most for the signer, whose nonces must come from one place per key.
 */
export interface DeskServiceRegistry {
  env: Env;
  db: DeskDb;
  /** the one REST client (and so the one signer) for the configured API key */
  kraken: KrakenClient;
  /** the feed hub (server/hub), typed loosely here so lib/ does not depend on server/ */
  hub: HubAccess;
}

/** What Next-side code may ask of the hub: feed state and, for order previews, a book snapshot. */
export interface HubAccess {
  readonly feedState: string;
  disconnectMember(memberId: number, code?: number, reason?: string): number;
  /** A member's row changed (role, disabled, password): their open sockets are rechecked now, not at the next poll. */
  memberChanged?(memberId: number): void;
  /**
   * The hub's live book for a symbol (best first, at most `depth` levels a side), or undefined when the
   * hub holds no book for it; order previews fall back to REST Depth then.
   */
  bookSnapshot?(symbol: string, depth: number): BookSnapshot | undefined;
  /** Calls `listener` after every account update on the private feed; returns the undo. */
  onAccountUpdate?(listener: () => void): () => void;
  /** The feed over Server-Sent Events (`/api/feed`): GET opens a stream, POST carries the browser's frames. */
  feedStream?: FeedStreamHandler;
}

/** Plain `(Request) => Response` handlers, so the route file only wraps them (server/hub/sse-transport.ts). */
export interface FeedStreamHandler {
  get(req: Request): Promise<Response>;
  post(req: Request): Promise<Response>;
}

/** A book as decimal text, best level first; `live` is false while the feed is stale or resyncing. */
export interface BookSnapshot {
  asks: { price: string; qty: string }[];
  bids: { price: string; qty: string }[];
  live: boolean;
}

const KEY = Symbol.for('kraken-desk.services');
type Holder = { [KEY]?: DeskServiceRegistry };

export function registerDeskServices(services: DeskServiceRegistry): void {
  (globalThis as Holder)[KEY] = services;
}

/** The registered services; throws a clear error when code runs outside the desk server (e.g. `next start`). */
export function deskServices(): DeskServiceRegistry {
  const services = (globalThis as Holder)[KEY];
  if (!services) {
    throw new Error('Desk services are not running: start the desk with `npm start`, `npm run dev` or `npm run demo` (server/index.ts).');
  }
  return services;
}

export function clearDeskServices(): void {
  delete (globalThis as Holder)[KEY];
}
