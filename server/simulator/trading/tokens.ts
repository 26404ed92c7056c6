import { randomBytes } from 'node:crypto';

/** Kraken's lifetime of a GetWebSocketsToken token for new connections and subscriptions. */
export const DEFAULT_TOKEN_TTL_MS = 15 * 60_000;
/** Shortens the token lifetime (whole seconds) for tests that must watch a token age. */
export const TOKEN_TTL_ENV = 'EXCHANGE_WS_TOKEN_TTL_S';

/** The lifetime from the environment, or Kraken's 15 minutes when unset. */
export function tokenTtlMsFromEnv(env: Record<string, string | undefined> = process.env): number {
  const text = env[TOKEN_TTL_ENV];
  if (text === undefined || text === '') return DEFAULT_TOKEN_TTL_MS;
  if (!/^[1-9]\d{0,6}$/.test(text)) throw new RangeError(`${TOKEN_TTL_ENV} must be a whole number of seconds from 1 to 9999999, got ${JSON.stringify(text)}`);
  return Number(text) * 1000;
}

interface IssuedToken {
  expiry: number;
  permissions: ReadonlySet<string>;
  /** active private subscriptions made with this token (on any socket) */
  holds: number;
}

/**
 * WebSocket tokens from GetWebSocketsToken, with Kraken's rule: "the token should be used within 15 minutes
 * of creation, but it does not expire once a successful WebSockets connection and private subscription has
 * been made and is maintained". So an old token still works on the socket that maintains a private
 * subscription made with it (`maintained`), and nowhere else: not on a new socket, and not on its own socket
 * once that socket's private subscriptions have ended.
 */
export class TokenIssuer {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    private readonly now: () => number,
    private readonly ttlMs: number = tokenTtlMsFromEnv(),
  ) {}

  /** A token carrying the issuing key's permissions (the socket may do what the key may do). */
  issue(permissions: ReadonlySet<string>): { token: string; expires: number } {
    const t = this.now();
    for (const [token, entry] of this.tokens) if (entry.expiry <= t && entry.holds === 0) this.tokens.delete(token);
    const token = randomBytes(32).toString('base64').replace(/=+$/, '');
    this.tokens.set(token, { expiry: t + this.ttlMs, permissions, holds: 0 });
    return { token, expires: Math.round(this.ttlMs / 1000) };
  }

  /**
   * The token's permissions, or undefined when it is unknown, or past its lifetime and not `maintained`.
   * @param maintained the asking socket holds an active private subscription made with this token
   */
  permissions(token: unknown, maintained = false): ReadonlySet<string> | undefined {
    if (typeof token !== 'string') return undefined;
    const entry = this.tokens.get(token);
    if (entry === undefined) return undefined;
    return entry.expiry > this.now() || (maintained && entry.holds > 0) ? entry.permissions : undefined;
  }

  /** A private subscription made with `token` became active. */
  hold(token: string): void {
    const entry = this.tokens.get(token);
    if (entry) entry.holds += 1;
  }

  /** A private subscription made with `token` ended (unsubscribed, or its socket closed). */
  release(token: string): void {
    const entry = this.tokens.get(token);
    if (entry && entry.holds > 0) entry.holds -= 1;
  }
}
