/**
 * The sign-in throttle of throttle.ts for several desk instances: the same rules (owedWait, delays, free
 * allowance, in-flight attempts counted) applied to entries a store shares between instances, so a guesser spreading
 * attempts over instances gets no more tries than against one. Each begin/finish is one atomic update of the
 * account's and the address's entries.
 */
import {
  ACCOUNT_DELAYS, IP_DELAYS, isAccountKey, owedWait, throttleKeys, type AttemptTicket, type DelayPolicy, type LoginGate,
  type LoginThrottleOptions, type ThrottleEntry, type ThrottleVerdict,
} from './throttle';

export interface StoredThrottleEntry extends ThrottleEntry {
  /** when the newest attempt began (ms since the epoch) */
  lastBegin: number;
}

/** What `change` returns per key: a new entry, `null` to delete it, `undefined` to leave it. */
export type ThrottleChange<T> = { result: T; next: (StoredThrottleEntry | null | undefined)[] };

export interface ThrottleStore {
  /** Runs `change` on the entries of `keys` while no other instance changes them, and saves what it returns. */
  update<T>(keys: readonly string[], change: (entries: (StoredThrottleEntry | undefined)[]) => ThrottleChange<T>): Promise<T>;
}

/** No sign-in runs this long: the in-flight count of an instance that died mid-attempt stops counting after it. */
export const STALE_IN_FLIGHT_MS = 60_000;

export class SharedLoginThrottle implements LoginGate {
  private readonly policies: { account: DelayPolicy; ip: DelayPolicy };
  private readonly forgetAfterMs: number;
  private readonly now: () => number;

  constructor(private readonly store: ThrottleStore, options: Omit<LoginThrottleOptions, 'maxKeys'> = {}) {
    this.policies = { account: { ...ACCOUNT_DELAYS, ...options.account }, ip: { ...IP_DELAYS, ...options.ip } };
    this.forgetAfterMs = options.forgetAfterMs ?? 15 * 60_000;
    this.now = options.now ?? Date.now;
  }

  begin(username: string, ip: string): Promise<ThrottleVerdict> {
    const now = this.now();
    const keys = throttleKeys(username, ip);
    return this.store.update<ThrottleVerdict>(keys, (entries) => {
      const live = entries.map((entry) => this.fresh(entry, now));
      const wait = Math.max(...keys.map((key, i) => owedWait(live[i], this.policyOf(key), now)));
      if (wait > 0) return { result: { allowed: false, retryAfterMs: wait }, next: keys.map(() => undefined) };
      return {
        result: { allowed: true, keys },
        next: live.map((entry) => ({ ...(entry ?? { failures: 0, lastFailure: now }), inFlight: (entry?.inFlight ?? 0) + 1, lastBegin: now })),
      };
    });
  }

  async finish(ticket: AttemptTicket, outcome: 'success' | 'failure' | 'unchecked'): Promise<void> {
    const now = this.now();
    await this.store.update(ticket.keys, (entries) => ({
      result: undefined,
      next: entries.map((stored, i) => {
        const entry = this.fresh(stored, now);
        if (!entry) return undefined;
        const next = { ...entry, inFlight: Math.max(0, entry.inFlight - 1) };
        if (outcome === 'failure') {
          next.failures += 1;
          next.lastFailure = now;
        } else if (outcome === 'success' && isAccountKey(ticket.keys[i]!)) {
          next.failures = 0;
        }
        return next.failures === 0 && next.inFlight === 0 ? null : next;
      }),
    }));
  }

  private policyOf(key: string): DelayPolicy {
    return isAccountKey(key) ? this.policies.account : this.policies.ip;
  }

  /** The entry as it counts now: stale in-flight attempts dropped, old failures forgotten. */
  private fresh(entry: StoredThrottleEntry | undefined, now: number): StoredThrottleEntry | undefined {
    if (!entry) return undefined;
    const inFlight = now - entry.lastBegin >= STALE_IN_FLIGHT_MS ? 0 : entry.inFlight;
    const failures = inFlight === 0 && now - entry.lastFailure >= this.forgetAfterMs ? 0 : entry.failures;
    return { ...entry, inFlight, failures };
  }
}

/**
 * The same store under its own key space: a throttle with other rules (wrong 2FA codes) must not share its entries
 * with the password throttle's, above all not the per-address ones.
 */
export function prefixedStore(store: ThrottleStore, prefix: string): ThrottleStore {
  return { update: (keys, change) => store.update(keys.map((key) => `${prefix}${key}`), change) };
}

/** The store for one process (tests; the desk itself uses LoginThrottle there). */
export function memoryThrottleStore(): ThrottleStore & { size(): number } {
  const entries = new Map<string, StoredThrottleEntry>();
  let tail: Promise<unknown> = Promise.resolve();
  return {
    update(keys, change) {
      const run = tail.then(() => {
        const { result, next } = change(keys.map((k) => entries.get(k)));
        keys.forEach((key, i) => {
          const value = next[i];
          if (value === null) entries.delete(key);
          else if (value !== undefined) entries.set(key, value);
        });
        return result;
      });
      tail = run.catch(() => undefined);
      return run;
    },
    size: () => entries.size,
  };
}
