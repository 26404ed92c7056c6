/**
 * What several desk instances on one API key must share beyond members, orders and the audit chain:
 * the Kraken signer's turn (nonce + send order), Kraken's REST counter, and named locks (a member's limit check and
 * claim). On PostgreSQL these live in the database (lib/db/postgres/shared-state.ts); on SQLite the desk is one
 * process, so the in-process parts of lib/kraken and lib/orders stay in charge and this store adds nothing.
 */
import type { ThrottleStore } from '../auth/shared-throttle';
import type { PrivateCallGate } from '../kraken/call-gate';
import type { RestRateLimiter, Tier } from '../kraken/rate-limit';

export interface SharedKrakenKey {
  /** the shared nonce + send turn; undefined → the client's in-process nonce and queue */
  callGate?: PrivateCallGate;
  /** the shared REST counter; undefined → the client's in-process counter */
  rateLimiter?: RestRateLimiter;
}

export interface LevelShape {
  max: number;
  decayPerSecond: number;
}

export interface LevelChange {
  /** the level after the change (or unchanged when it did not fit) */
  level: number;
  charged: boolean;
  /** seconds until `amount` would fit (0 when charged) */
  waitSeconds: number;
}

/** One level of a multi-level charge: all of them fit and are charged together, or none is. */
export interface LevelEntry {
  key: string;
  amount: number;
  shape: LevelShape;
}

/** Decaying levels (the shape of every Kraken counter) one store keeps for every instance. */
export interface SharedLevels {
  /** Charges every entry when all fit; otherwise nothing, naming the first entry that does not fit. */
  addAll(entries: readonly LevelEntry[]): Promise<{ charged: true } | { charged: false; refused: number; waitSeconds: number }>;
  /** Adds `amount` when the level stays within `max`; otherwise changes nothing and says how long to wait. */
  add(key: string, amount: number, shape: LevelShape): Promise<LevelChange>;
  /** Adds (or with a negative amount takes back) whatever the level is, never below 0. */
  force(key: string, amount: number, shape: LevelShape): Promise<number>;
  /** Sets the level to its maximum (the exchange said the counter is full). */
  fill(key: string, shape: LevelShape): Promise<void>;
  current(key: string, shape: LevelShape): Promise<number>;
}

export interface SharedState {
  /** true when these parts coordinate several processes (PostgreSQL) */
  readonly crossProcess: boolean;
  /** shared decaying levels (e.g. Kraken's per-pair trading counter); undefined → each process models its own */
  readonly levels?: SharedLevels;
  /** the sign-in throttle's entries shared by every instance; undefined → each process counts its own */
  readonly throttleStore?: ThrottleStore;
  /** Options for createKrakenClient that make one key behave as one signer across every instance. */
  krakenKey(apiKey: string, options?: { tier?: Tier }): SharedKrakenKey;
  /** Runs `work` while no other instance runs work under the same name (SQLite: at once, one process). */
  exclusive<T>(name: string, work: () => Promise<T>): Promise<T>;
}

/** The tables exist in both stores so a schema version means the same thing; SQLite leaves them empty. */
export const SHARED_STATE_MIGRATION_SQL = `
  CREATE TABLE kraken_signer (
    key_id      TEXT PRIMARY KEY,
    last_nonce  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
  );
  CREATE TABLE shared_levels (
    key    TEXT PRIMARY KEY,
    level  REAL NOT NULL,
    at_ms  REAL NOT NULL
  );
  CREATE TABLE login_throttle (
    key              TEXT PRIMARY KEY,
    failures         INTEGER NOT NULL,
    in_flight        INTEGER NOT NULL,
    last_failure_ms  REAL NOT NULL,
    last_begin_ms    REAL NOT NULL
  );
`;

/** One process: the Kraken client's own nonce, queue and counter are the whole truth. */
export const IN_PROCESS_SHARED_STATE: SharedState = {
  crossProcess: false,
  krakenKey: () => ({}),
  exclusive: (_name, work) => work(),
};
