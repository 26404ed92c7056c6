import { randomBytes } from 'node:crypto';

const TOKEN_TTL_S = 900;

/** WebSocket tokens from GetWebSocketsToken: valid for 15 minutes to open a session (§3.9). */
export class TokenIssuer {
  private readonly tokens = new Map<string, { expiry: number; permissions: ReadonlySet<string> }>();
  constructor(private readonly now: () => number) {}

  /** A token carrying the issuing key's permissions (the socket may do what the key may do). */
  issue(permissions: ReadonlySet<string>): { token: string; expires: number } {
    const t = this.now();
    for (const [token, entry] of this.tokens) if (entry.expiry <= t) this.tokens.delete(token);
    const token = randomBytes(32).toString('base64').replace(/=+$/, '');
    this.tokens.set(token, { expiry: t + TOKEN_TTL_S * 1000, permissions });
    return { token, expires: TOKEN_TTL_S };
  }

  /** The token's permissions, or undefined when it is unknown or expired. */
  permissions(token: unknown): ReadonlySet<string> | undefined {
    if (typeof token !== 'string') return undefined;
    const entry = this.tokens.get(token);
    return entry !== undefined && entry.expiry > this.now() ? entry.permissions : undefined;
  }
}
