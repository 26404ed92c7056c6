/**
 * Slows password guessing: failures are counted per account and per client IP in a sliding
 * window; reaching the limit locks that key for a period that doubles with each lock (capped).
 * Memory is bounded: expired keys are pruned and, past `maxKeys`, the least recently touched go.
 * Per-process by design (one desk process today); a shared store can replace it behind the same
 * methods when the desk runs on several instances.
 */

export interface ThrottleLimits {
  /** Failures allowed within `windowMs` before a lock. */
  maxFailures: number;
  windowMs: number;
  /** First lock length; each further lock doubles it up to `maxLockMs`. */
  baseLockMs: number;
  maxLockMs: number;
}

export interface LoginThrottleOptions {
  account?: Partial<ThrottleLimits>;
  /** Looser than per-account: several people may share one office IP. */
  ip?: Partial<ThrottleLimits>;
  /** Forget a key (and its lock history) this long after its last failure. */
  forgetAfterMs?: number;
  maxKeys?: number;
  /** Milliseconds since the epoch. */
  now?: () => number;
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

interface Entry {
  failures: number[];
  lockedUntil: number;
  locks: number;
  lastFailure: number;
}

const MINUTE = 60_000;
const ACCOUNT_DEFAULTS: ThrottleLimits = { maxFailures: 5, windowMs: 15 * MINUTE, baseLockMs: 5 * MINUTE, maxLockMs: 60 * MINUTE };
const IP_DEFAULTS: ThrottleLimits = { maxFailures: 20, windowMs: 15 * MINUTE, baseLockMs: 5 * MINUTE, maxLockMs: 60 * MINUTE };

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();
  private readonly accountLimits: ThrottleLimits;
  private readonly ipLimits: ThrottleLimits;
  private readonly forgetAfterMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(options: LoginThrottleOptions = {}) {
    this.accountLimits = { ...ACCOUNT_DEFAULTS, ...options.account };
    this.ipLimits = { ...IP_DEFAULTS, ...options.ip };
    this.forgetAfterMs = options.forgetAfterMs ?? 24 * 60 * MINUTE;
    this.maxKeys = options.maxKeys ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Whether a login attempt for `username` from `ip` may be checked at all right now. */
  check(username: string, ip: string): ThrottleVerdict {
    const now = this.now();
    const waits = [this.entries.get(accountKey(username)), this.entries.get(ipKey(ip))]
      .map((entry) => (entry ? entry.lockedUntil - now : 0))
      .filter((ms) => ms > 0);
    return waits.length === 0 ? { allowed: true } : { allowed: false, retryAfterMs: Math.max(...waits) };
  }

  recordFailure(username: string, ip: string): void {
    this.fail(accountKey(username), this.accountLimits);
    this.fail(ipKey(ip), this.ipLimits);
    this.prune();
  }

  /** A correct password clears the account's count; the IP's count stays (one good login among many guesses). */
  recordSuccess(username: string): void {
    this.entries.delete(accountKey(username));
  }

  /** Number of keys held (for tests and diagnostics). */
  get size(): number {
    return this.entries.size;
  }

  private fail(key: string, limits: ThrottleLimits): void {
    const now = this.now();
    const entry = this.entries.get(key) ?? { failures: [], lockedUntil: 0, locks: 0, lastFailure: now };
    // Re-insert so Map order stays "least recently failed first" for eviction.
    this.entries.delete(key);
    if (now - entry.lastFailure >= this.forgetAfterMs) entry.locks = 0;
    entry.failures = entry.failures.filter((at) => now - at < limits.windowMs);
    entry.failures.push(now);
    entry.lastFailure = now;
    if (entry.failures.length >= limits.maxFailures) {
      entry.locks += 1;
      entry.lockedUntil = now + Math.min(limits.baseLockMs * 2 ** (entry.locks - 1), limits.maxLockMs);
      entry.failures = [];
    }
    this.entries.set(key, entry);
  }

  private prune(): void {
    if (this.entries.size <= this.maxKeys) return;
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.lockedUntil <= now && now - entry.lastFailure >= this.forgetAfterMs) this.entries.delete(key);
    }
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxKeys) break;
      this.entries.delete(key);
    }
  }
}

function accountKey(username: string): string {
  return `a:${username.trim().toLowerCase()}`;
}

function ipKey(ip: string): string {
  return `i:${ip}`;
}
