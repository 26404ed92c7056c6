/**
 * Slows password guessing with growing delays instead of lockouts (ASVS 6.3.1): per account and per
 * client IP, the first `freeFailures` failures cost nothing; after that each attempt must wait a delay
 * that doubles with every further failure, up to `maxDelayMs`. An attempt inside the delay is answered
 * at once ("try again in N s") without hashing. Once the delay has passed a correct password always
 * gets in, so a guesser can slow a member down but never lock them out (nor everyone behind one IP).
 *
 * Attempts are counted when they start, not when their hash finishes: an attempt in flight counts like
 * a failure until it ends, so 40 simultaneous guesses cannot all slip past a limit of 5.
 * Memory is bounded: past `maxKeys`, idle keys go first, then the least recently failed.
 * This class counts in one process; several desk instances on PostgreSQL count together through
 * SharedLoginThrottle (shared-throttle.ts), which applies the same rules (owedWait) to rows in the database.
 */

export interface DelayPolicy {
  /** Failures allowed before any delay. */
  freeFailures: number;
  /** Delay after `freeFailures` failures; doubles with each further failure up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface LoginThrottleOptions {
  account?: Partial<DelayPolicy>;
  /** Looser than per-account: several people may share one office IP. */
  ip?: Partial<DelayPolicy>;
  /** A key with no failure for this long starts again from zero. */
  forgetAfterMs?: number;
  maxKeys?: number;
  /** Milliseconds since the epoch. */
  now?: () => number;
}

/** A started attempt; hand it back to `finish` exactly once. */
export interface AttemptTicket {
  allowed: true;
  keys: readonly string[];
}

export type ThrottleVerdict = AttemptTicket | { allowed: false; retryAfterMs: number };

export interface ThrottleEntry {
  failures: number;
  inFlight: number;
  lastFailure: number;
}
type Entry = ThrottleEntry;

/** Attempts started, not yet finished, that still count (see the class comment). */
export interface LoginGate {
  begin(username: string, ip: string): ThrottleVerdict | Promise<ThrottleVerdict>;
  finish(ticket: AttemptTicket, outcome: 'success' | 'failure' | 'unchecked'): void | Promise<void>;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
export const ACCOUNT_DELAYS: DelayPolicy = { freeFailures: 5, baseDelayMs: 2 * SECOND, maxDelayMs: 5 * MINUTE };
export const IP_DELAYS: DelayPolicy = { freeFailures: 20, baseDelayMs: 1 * SECOND, maxDelayMs: 30 * SECOND };

/** The delay owed after `failures` failures under `policy` (0 while under the free allowance). */
export function delayAfter(policy: DelayPolicy, failures: number): number {
  if (failures < policy.freeFailures) return 0;
  return Math.min(policy.baseDelayMs * 2 ** Math.min(failures - policy.freeFailures, 30), policy.maxDelayMs);
}

/**
 * Owed wait for one key. With attempts in flight past the free allowance, a newcomer waits the delay
 * those attempts would cause if they failed: only one attempt at a time is checked once delays apply.
 */
export function owedWait(entry: ThrottleEntry | undefined, policy: DelayPolicy, now: number): number {
  if (!entry) return 0;
  const pending = entry.failures + entry.inFlight;
  if (pending < policy.freeFailures) return 0;
  if (entry.inFlight > 0) return Math.max(SECOND, delayAfter(policy, pending));
  return Math.max(0, entry.lastFailure + delayAfter(policy, entry.failures) - now);
}

/** Keys of one attempt: the account and the client address. */
export function throttleKeys(username: string, ip: string): string[] {
  return [accountKey(username), ipKey(ip)];
}

export function isAccountKey(key: string): boolean {
  return key.startsWith('a:');
}

export class LoginThrottle implements LoginGate {
  private readonly entries = new Map<string, Entry>();
  private readonly policies: { account: DelayPolicy; ip: DelayPolicy };
  private readonly forgetAfterMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(options: LoginThrottleOptions = {}) {
    this.policies = { account: { ...ACCOUNT_DELAYS, ...options.account }, ip: { ...IP_DELAYS, ...options.ip } };
    this.forgetAfterMs = options.forgetAfterMs ?? 15 * MINUTE;
    this.maxKeys = options.maxKeys ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * Starts an attempt for `username` from `ip` when neither key owes a delay, counting it as in flight;
   * otherwise says how long to wait. Call `finish` with the ticket when the password has been checked.
   */
  begin(username: string, ip: string): ThrottleVerdict {
    const now = this.now();
    const keys = throttleKeys(username, ip);
    const wait = Math.max(...keys.map((key) => this.waitFor(key, now)));
    if (wait > 0) return { allowed: false, retryAfterMs: wait };
    for (const key of keys) this.entry(key, now).inFlight += 1;
    this.prune(now);
    return { allowed: true, keys };
  }

  /** Ends an attempt: a failure counts against both keys, a success clears the account (the IP keeps its count). */
  finish(ticket: AttemptTicket, outcome: 'success' | 'failure' | 'unchecked'): void {
    const now = this.now();
    for (const key of ticket.keys) {
      const entry = this.entry(key, now);
      entry.inFlight = Math.max(0, entry.inFlight - 1);
      if (outcome === 'failure') {
        entry.failures += 1;
        entry.lastFailure = now;
        // Re-insert so Map order stays "least recently failed first" for eviction.
        this.entries.delete(key);
        this.entries.set(key, entry);
      } else if (outcome === 'success' && key.startsWith('a:')) {
        entry.failures = 0;
      }
      if (entry.failures === 0 && entry.inFlight === 0) this.entries.delete(key);
    }
  }

  /** Number of keys held (for tests and diagnostics). */
  get size(): number {
    return this.entries.size;
  }

  private policyOf(key: string): DelayPolicy {
    return key.startsWith('a:') ? this.policies.account : this.policies.ip;
  }

  private waitFor(key: string, now: number): number {
    return owedWait(this.entries.get(key), this.policyOf(key), now);
  }

  private entry(key: string, now: number): Entry {
    let entry = this.entries.get(key);
    if (entry && entry.inFlight === 0 && now - entry.lastFailure >= this.forgetAfterMs) entry.failures = 0;
    if (!entry) {
      entry = { failures: 0, inFlight: 0, lastFailure: now };
      this.entries.set(key, entry);
    }
    return entry;
  }

  private prune(now: number): void {
    if (this.entries.size <= this.maxKeys) return;
    for (const [key, entry] of this.entries) {
      if (entry.inFlight === 0 && now - entry.lastFailure >= this.forgetAfterMs) this.entries.delete(key);
    }
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxKeys) break;
      if (entry.inFlight === 0) this.entries.delete(key);
    }
  }
}

function accountKey(username: string): string {
  return `a:${username.trim().toLowerCase()}`;
}

function ipKey(ip: string): string {
  return `i:${ip}`;
}
