/**
 * Shared state of several desk instances on one PostgreSQL (lib/db/shared-state.ts): the Kraken signer's turn, the
 * REST counter and named locks. Locks are session-level advisory locks on connections of their own (client.session):
 * held across the Kraken call, released by unlock — or by PostgreSQL itself when a process dies (`kill -9`).
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { PrivateCallGate } from '../../kraken/call-gate';
import { callCost, TIER_LIMITS, type RestRateLimiter, type Tier } from '../../kraken/rate-limit';
import type { SharedKrakenKey, SharedLevels, SharedState } from '../shared-state';
import type { PgClient, SessionPool } from './client';
import { LOCK_NAMED_NAMESPACE } from './constants';
import { createPostgresLevels } from './shared-levels';
import { createPostgresThrottleStore } from './login-throttle';
import { log } from '../../log';

export interface PostgresSharedStateOptions {
  /** Nonce clock in ms since the epoch (the scale the one-process signer uses, so a key can move between shapes). */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const UNLOCK_SQL = 'SELECT pg_advisory_unlock($1, hashtext($2))';

/**
 * Runs `work` on a connection of `pool` and hands its result to the caller as soon as it settles, then runs
 * `release` (the unlock) on that connection, which goes back to its pool only afterwards — or is closed when the unlock
 * fails, and a closed connection's locks are released. So a lock is held until its work is done and nobody can take it
 * before the unlock has landed, but the caller does not wait a round trip for the unlock.
 */
function answerBeforeUnlock<T>(db: PgClient, pool: SessionPool, work: (client: pg.PoolClient, discard: () => void) => Promise<T>, release: (client: pg.PoolClient) => Promise<unknown>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    db.session(pool, async (client, discard) => {
      let result: T;
      try {
        result = await work(client, discard);
      } catch (error) {
        if (!(error instanceof LockNotTaken)) await release(client).catch(discard);
        reject(error instanceof LockNotTaken ? error.cause : error);
        return;
      }
      resolve(result);
      await release(client).catch(discard);
    }).catch(reject);
  });
}

/** The locking statement failed: the connection is discarded (closing it releases whatever it held), no unlock is sent. */
class LockNotTaken extends Error {}

async function takeLock<R extends pg.QueryResultRow>(client: pg.PoolClient, discard: () => void, query: pg.QueryConfig): Promise<pg.QueryResult<R>> {
  try {
    return await client.query<R>(query);
  } catch (error) {
    discard();
    throw new LockNotTaken('the lock was not taken', { cause: error });
  }
}

/** Holds the named lock on its own connection while `work` runs. */
function holding<T>(db: PgClient, pool: SessionPool, name: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return answerBeforeUnlock(db, pool, async (client, discard) => {
    await takeLock(client, discard, { text: 'SELECT pg_advisory_lock($1, hashtext($2))', values: [LOCK_NAMED_NAMESPACE, name] });
    return work(client);
  }, (client) => client.query(UNLOCK_SQL, [LOCK_NAMED_NAMESPACE, name]));
}

/** A stable, non-secret id for an API key: rows and lock names never hold the key itself. */
export function krakenKeyId(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex').slice(0, 24);
}

/**
 * The signer's turn across instances: lock → nonce = max(clock, last + 1) stored in kraken_signer → sign + send →
 * wait for the answer → unlock. The row is committed before the request leaves, so even a process killed mid-call
 * leaves a last nonce every later call exceeds.
 *
 * The lock and the nonce are one statement: the INSERT takes its row from the lock's CTE, so the lock is held before
 * the row is written, and ON CONFLICT DO UPDATE works on the row's newest version (not this statement's snapshot),
 * so it always sees the last holder's nonce. The clock is read before the wait: the nonce still exceeds the last.
 * The caller has Kraken's answer before the unlock lands (answerBeforeUnlock); the next turn still waits for it.
 */
export function createPostgresCallGate(db: PgClient, keyId: string, now: () => number = Date.now): PrivateCallGate {
  const name = `kraken-signer:${keyId}`;
  return {
    run: (send) => answerBeforeUnlock(db, 'signer', async (client, discard) => {
      const { rows } = await takeLock<{ nonce: string }>(client, discard, {
        // prepared once per connection: every private call of the key sends it
        name: 'desk_signer_turn',
        text: `WITH turn AS (SELECT pg_advisory_lock($1, hashtext($2)))
        INSERT INTO kraken_signer (key_id, last_nonce, updated_at) SELECT $3::text, $4::numeric, $5::text FROM turn
          ON CONFLICT (key_id) DO UPDATE
            SET last_nonce = GREATEST(EXCLUDED.last_nonce, kraken_signer.last_nonce + 1), updated_at = EXCLUDED.updated_at
          RETURNING last_nonce::text AS nonce`,
        values: [LOCK_NAMED_NAMESPACE, name, keyId, String(Math.floor(now())), new Date(now()).toISOString()],
      });
      const sent = send(rows[0]!.nonce);
      await sent.outcome.catch(() => undefined);
      return sent;
    }, (client) => client.query(UNLOCK_SQL, [LOCK_NAMED_NAMESPACE, name])),
  };
}

/**
 * Kraken's REST counter as one shared level (shared_levels, decayed by the database clock). Callers of one process
 * queue in arrival order; instances take turns through the row lock.
 */
export function createPostgresRateLimiter(levels: SharedLevels, keyId: string, tier: Tier = 'starter', sleep = defaultSleep): RestRateLimiter {
  const { max, decayPerSecond } = TIER_LIMITS[tier];
  const key = `kraken-rest:${keyId}`;
  let queue: Promise<void> = Promise.resolve();
  async function waitAndCharge(cost: number): Promise<void> {
    for (;;) {
      const { charged, waitSeconds } = await levels.add(key, cost, { max, decayPerSecond });
      if (charged) return;
      await sleep(Math.max(10, Math.ceil(waitSeconds * 1000)));
    }
  }
  return {
    acquire(method) {
      const cost = callCost(method);
      if (cost === 0) return Promise.resolve();
      const turn = queue.then(() => waitAndCharge(cost));
      queue = turn.catch(() => undefined);
      return turn;
    },
    markExceeded() {
      levels.fill(key, { max, decayPerSecond }).catch((error: unknown) => {
        log.warn({ err: error }, 'shared REST counter failed');
      });
    },
  };
}

export function createPostgresSharedState(db: PgClient, options: PostgresSharedStateOptions = {}): SharedState & { readonly levels: SharedLevels } {
  const levels = createPostgresLevels(db);
  const keys = new Map<string, SharedKrakenKey>();
  return {
    crossProcess: true,
    levels,
    throttleStore: createPostgresThrottleStore(db),
    krakenKey(apiKey, { tier } = {}) {
      const keyId = krakenKeyId(apiKey);
      let found = keys.get(`${keyId}:${tier}`);
      if (!found) {
        found = {
          callGate: createPostgresCallGate(db, keyId, options.now),
          rateLimiter: createPostgresRateLimiter(levels, keyId, tier, options.sleep),
        };
        keys.set(`${keyId}:${tier}`, found);
      }
      return found;
    },
    exclusive: (name, work) => holding(db, 'locks', name, () => work()),
  };
}
