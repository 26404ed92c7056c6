import type { AuditWindow } from './auth/audit-window';
import type { SecretBox } from './auth/secret-box';
import type { LoginGate } from './auth/throttle';
import type { WorkSlots } from './auth/work-slots';
import type { DeskDb } from './db';
import type { BookView } from './desk-api/book';
import type { Env } from './env';
import type { KrakenClient } from './kraken/rest';
import type { OrderReports } from './orders/order-reports';
import type { OrderService } from './orders/service';

/**
 * The one registry of process services: the database, the one Kraken client (and so the one signer) per API
 * key, the feed hub, and every other object there must be one of per process. It is built once per process
 * by `server/services-builder.ts`, either by the custom server before Next starts (server/index.ts) or, with
 * no custom server (`next start`, Vercel), inside Next on first use: instrumentation.ts installs the builder
 * and Next awaits its `register()` before it serves any request.
 *
 * Why one globalThis key: Next compiles server code into several bundles (pages, route handlers, server
 * actions, proxy.ts, instrumentation.ts), and the custom server loads the same sources once more through
 * tsx, so this module exists several times in one process and a module-level variable would exist once per
 * copy: two signers handing out nonces, two login throttles. The holder below, under one registered symbol,
 * is the only state shared by every copy; nothing else in the desk may live on globalThis.
 */
export interface DeskServiceRegistry {
  /** validated configuration, SESSION_PASSWORD resolved (demo mode generates and stores one) */
  env: Env;
  db: DeskDb;
  /** the one REST client (and so the one signer) for the configured API key */
  kraken: KrakenClient;
  /** the feed hub (server/hub), typed loosely here so lib/ does not depend on server/ */
  hub: HubAccess;
  /** the desk's Origin policy (PUBLIC_ORIGIN, loopback spellings, ALLOWED_ORIGINS), built once */
  isAllowedOrigin(origin: string | null): boolean;
  /** what keeps the dead-man's switch armed from this process (lib/orders/startup.ts) */
  deadMan(): DeadManState;
  /** who built the registry: the custom server (with `/ws`) or Next itself (SSE only) */
  readonly shape: 'custom-server' | 'next';
}

/** The dead-man's switch as this process sees it; each instance refreshes it on its own while it runs. */
export interface DeadManState {
  /** false without an API key: nothing is refreshed */
  refreshing: boolean;
  /** the last refresh this process made (ISO time), or null */
  lastRefreshedAt: string | null;
  /** the last refresh's failure code, or null */
  lastError: string | null;
  refreshEveryMs: number;
  /** Kraken cancels every open order this long after the last refresh */
  timeoutSeconds: number;
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
  /** Keeps a symbol's book in the hub at `depth` levels or deeper, browsers or not; returns the undo. */
  holdBook?(symbol: string, depth: number): () => void;
  /** Calls `listener` after every account update on the private feed; returns the undo. */
  onAccountUpdate?(listener: () => void): () => void;
  /** Keeps the executions feed subscribed and hands its rows and connection states to `watcher`; returns the undo. */
  watchExecutions?(watcher: Pick<OrderReports, 'observe' | 'connection'>): () => void;
  /** The feed over Server-Sent Events (`/api/feed`): GET opens a stream, POST carries the browser's frames. */
  feedStream?: FeedStreamHandler;
}

/** Plain `(Request) => Response` handlers, so the route file only wraps them (server/hub/sse-transport.ts). */
export interface FeedStreamHandler {
  get(req: Request): Promise<Response>;
  post(req: Request): Promise<Response>;
}

/** A book as decimal text, best level first; `live` is false while the feed is stale or resyncing. */
export interface BookSnapshot extends BookView {
  live: boolean;
}

/** What a builder returns: the services at once (constructed synchronously), and their asynchronous start. */
export interface BuiltDeskServices {
  services: DeskServiceRegistry;
  /**
   * Migrations, demo members, the private-path loops. Called again after a failure (e.g. PostgreSQL not yet
   * reachable), so it must be safe to repeat.
   */
  start(): Promise<void>;
  close(): Promise<void>;
}

export type DeskServicesBuilder = () => BuiltDeskServices;

/**
 * Every other process-wide object, by name: each is made on first use by the module that owns it
 * (`processEntry`) and lives as long as the registry.
 */
export interface ProcessEntries {
  /** sign-in delays per account and address (lib/server/throttle.ts) */
  'login-throttle': LoginGate;
  'code-throttle': LoginGate;
  'second-factor-box': SecretBox;
  /** failed sign-ins, aggregated into audit rows per minute (lib/server/throttle.ts) */
  'login-failures': AuditWindow;
  /** refused attempts of signed-in members, aggregated per minute (lib/auth/refusal-audit.ts) */
  'refusals': AuditWindow;
  /** the cap on concurrent scrypt hashes (lib/auth/password.ts) */
  'scrypt-slots': WorkSlots;
  /** the hash unknown usernames are checked against (lib/auth/password.ts) */
  'dummy-password-hash': Promise<string>;
  /** open databases by location (lib/db/shared.ts) */
  'databases': Map<string, DeskDb>;
  /** the order service over the registry's db, Kraken client and hub (lib/server/orders.ts) */
  'order-service': OrderService;
}

interface Holder {
  builder?: DeskServicesBuilder;
  built?: BuiltDeskServices;
  /** the running start(); cleared when it fails, so the next use tries again */
  starting?: Promise<void>;
  started: boolean;
  entries: Map<keyof ProcessEntries, unknown>;
}

const KEY = Symbol.for('kraken-desk.registry');

function holder(): Holder {
  const global = globalThis as typeof globalThis & { [KEY]?: Holder };
  global[KEY] ??= { started: false, entries: new Map() };
  return global[KEY];
}

/**
 * Says how to build the services in this process; the first builder installed wins (the custom server
 * installs its own before Next's instrumentation.ts can). Builds nothing yet.
 */
export function installDeskServicesBuilder(builder: DeskServicesBuilder): void {
  holder().builder ??= builder;
}

/** True once a builder is installed, i.e. `deskServices()` can answer. */
export function hasDeskServicesBuilder(): boolean {
  return holder().builder !== undefined;
}

/**
 * The process's services, built on first use. Synchronous, so any server code can reach them; code that
 * needs them started (migrated, demo members seeded) awaits `deskServicesReady()` — every request already
 * has, through instrumentation.ts or the custom server.
 */
export function deskServices(): DeskServiceRegistry {
  return built().services;
}

/** The services once started; concurrent first callers share one build and one start. */
export async function deskServicesReady(): Promise<DeskServiceRegistry> {
  const h = holder();
  const current = built();
  if (h.started) return current.services;
  h.starting ??= current.start().then(
    () => {
      if (h.built === current) h.started = true;
    },
    (error: unknown) => {
      if (h.built === current) h.starting = undefined;
      throw error;
    },
  );
  await h.starting;
  return current.services;
}

function built(): BuiltDeskServices {
  const h = holder();
  if (h.built) return h.built;
  if (!h.builder) {
    throw new Error(
      'Desk services are not available: this code runs outside the desk (server/index.ts, or `next start` with instrumentation.ts).',
    );
  }
  h.built = h.builder();
  return h.built;
}

/**
 * The process-wide `name` entry, made by `create` on first use. Owned by one module each (see ProcessEntries);
 * usable without a builder (the `npm run user` CLI hashes passwords through 'scrypt-slots').
 */
export function processEntry<K extends keyof ProcessEntries>(name: K, create: () => ProcessEntries[K]): ProcessEntries[K] {
  const entries = holder().entries;
  if (!entries.has(name)) entries.set(name, create());
  return entries.get(name) as ProcessEntries[K];
}

/**
 * Stops and forgets the services and every entry (server shutdown, tests); the builder stays installed, so
 * the next use builds afresh.
 */
export async function closeDeskServices(): Promise<void> {
  const h = holder();
  const current = h.built;
  h.built = undefined;
  h.starting = undefined;
  h.started = false;
  // the databases entry is closed by the services' close (lib/db/shared.ts closeSharedDatabases)
  await current?.close();
  h.entries.clear();
}

/** Forgets the builder too (tests that install their own). */
export async function resetDeskServices(): Promise<void> {
  await closeDeskServices();
  holder().builder = undefined;
}
