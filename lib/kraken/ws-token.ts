/**
 * The private endpoint's GetWebSocketsToken token. Kraken's rule: a token must be used within 15 minutes
 * of creation (for a new connection or a new subscription); it stops expiring only while a private
 * subscription made with it is maintained on its connection. So a long-lived socket that subscribes
 * again later (after an unsubscribe, a reconnect or a refresh) needs a newer token: `fresh()` says whether
 * the current one is still young enough, `fetch()` gets another (concurrent callers share one call).
 * Internal to ws-connection.ts / ws-client.ts. Browser-safe.
 */

export const DEFAULT_TOKEN_LIFETIME_MS = 15 * 60_000;
export const DEFAULT_TOKEN_REFRESH_MARGIN_MS = 60_000;

export class WsToken {
  /** the latest token, undefined until the first fetch succeeded */
  value: string | undefined;
  private fetchedAt = 0;
  private inFlight: Promise<string> | undefined;

  constructor(
    private readonly getToken: () => Promise<string>,
    private readonly now: () => number,
    /** how long the exchange accepts a token for new connections and subscriptions (ms) */
    private readonly lifetimeMs: number,
    /** fetch a new token this long before the old one would be refused (ms) */
    private readonly marginMs: number,
  ) {}

  /** True when the token may still open a subscription with `marginMs` to spare. */
  fresh(): boolean {
    return this.value !== undefined && this.now() - this.fetchedAt < this.lifetimeMs - this.marginMs;
  }

  /** Fetches a new token (one call for all concurrent callers); rejects with getToken's error. */
  fetch(): Promise<string> {
    this.inFlight ??= this.getToken().then(
      (token) => {
        this.inFlight = undefined;
        this.value = token;
        this.fetchedAt = this.now();
        return token;
      },
      (error: unknown) => {
        this.inFlight = undefined;
        throw error;
      },
    );
    return this.inFlight;
  }
}

/** Kraken's refusal of an expired or unknown token. */
export function isInvalidTokenError(error: string | undefined): boolean {
  return error !== undefined && /invalid token/i.test(error);
}
