import { randomBytes } from 'node:crypto';

const TOKEN_TTL_S = 900;

/** WebSocket tokens from GetWebSocketsToken: valid for 15 minutes to open a session (§3.9). */
export class TokenIssuer {
  private readonly tokens = new Map<string, number>();
  constructor(private readonly now: () => number) {}

  issue(): { token: string; expires: number } {
    const t = this.now();
    for (const [token, expiry] of this.tokens) if (expiry <= t) this.tokens.delete(token);
    const token = randomBytes(32).toString('base64').replace(/=+$/, '');
    this.tokens.set(token, t + TOKEN_TTL_S * 1000);
    return { token, expires: TOKEN_TTL_S };
  }

  valid(token: unknown): boolean {
    if (typeof token !== 'string') return false;
    const expiry = this.tokens.get(token);
    return expiry !== undefined && expiry > this.now();
  }
}
