import { timingSafeEqual } from 'node:crypto';
import { signRequest } from '../../../lib/kraken/sign';

export const ALL_PERMISSIONS = [
  'query_funds', 'query_open', 'query_closed', 'query_ledger', 'trade', 'cancel', 'websocket',
] as const;
export type Permission = (typeof ALL_PERMISSIONS)[number];

export interface ApiKeyConfig {
  key: string;
  secret: string;
  permissions?: string[];
}

/** Per-key nonce memory; `seen` keeps the nonces accepted inside the window so a replay is refused. */
export interface NonceState {
  last: string;
  seen: string[];
}

/** What each private method needs (Kraken's API key permissions); any one listed permission is enough. */
const METHOD_PERMISSIONS: Record<string, Permission[]> = {
  Balance: ['query_funds'], BalanceEx: ['query_funds'], TradeVolume: ['query_funds'],
  TradeBalance: ['query_open'], OpenOrders: ['query_open'], OpenPositions: ['query_open'],
  QueryOrders: ['query_open'], OrderAmends: ['query_open'],
  ClosedOrders: ['query_closed'], TradesHistory: ['query_closed'], QueryTrades: ['query_closed'],
  Ledgers: ['query_ledger'], QueryLedgers: ['query_ledger'],
  AddOrder: ['trade'], AddOrderBatch: ['trade'], AmendOrder: ['trade'], EditOrder: ['trade'],
  CancelOrder: ['trade', 'cancel'], CancelAll: ['trade', 'cancel'], CancelAllOrdersAfter: ['trade', 'cancel'],
  CancelOrderBatch: ['trade', 'cancel'],
  GetWebSocketsToken: ['websocket'],
};

export const PRIVATE_METHODS = new Set(Object.keys(METHOD_PERMISSIONS));

export function hasPermission(granted: ReadonlySet<string>, method: string): boolean {
  const needed = METHOD_PERMISSIONS[method];
  return needed !== undefined && needed.some((p) => granted.has(p));
}

/** Pulls `nonce` out of the raw body without re-serialising it (JSON numbers above 2^53 must keep every digit). */
export function extractNonce(rawBody: string, json: boolean): string | undefined {
  if (json) return /"nonce"\s*:\s*"?(\d+)"?/.exec(rawBody)?.[1];
  return new URLSearchParams(rawBody).get('nonce') ?? undefined;
}

/** Sequential `EAPI:Invalid key` answers before a lockout, and its length (about 15 minutes, as Kraken). */
const LOCKOUT_AFTER = 10;
const LOCKOUT_MS = 15 * 60_000;

export type AuthResult = { ok: true; key: string; permissions: ReadonlySet<string> } | { ok: false; error: string };

/** Verifies API-Key, API-Sign over the raw body and the per-key nonce rule (each nonce above the last). */
export class Authenticator {
  private readonly keys = new Map<string, { secret: string; permissions: Set<string> }>();
  readonly nonces = new Map<string, NonceState>();
  /** Without client addresses, lockouts are kept per presented key text (a retry loop on a dead key). */
  private readonly badKeys = new Map<string, { count: number; until: number }>();

  constructor(apiKeys: ApiKeyConfig[], private readonly nonceWindow: bigint, private readonly now: () => number = Date.now) {
    for (const k of apiKeys) this.keys.set(k.key, { secret: k.secret, permissions: new Set(k.permissions ?? ALL_PERMISSIONS) });
  }

  restoreNonces(saved: Record<string, NonceState>): void {
    for (const [key, state] of Object.entries(saved)) this.nonces.set(key, { last: state.last, seen: [...state.seen] });
  }

  verify(path: string, rawBody: string, json: boolean, apiKey?: string, apiSign?: string): AuthResult {
    const entry = apiKey === undefined ? undefined : this.keys.get(apiKey);
    if (apiKey === undefined || entry === undefined) return this.invalidKey(apiKey ?? '');
    const nonce = extractNonce(rawBody, json);
    if (nonce === undefined) return { ok: false, error: 'EAPI:Invalid nonce' };
    if (!apiSign || !signatureMatches(signRequest(path, nonce, rawBody, entry.secret), apiSign)) {
      return { ok: false, error: 'EAPI:Invalid signature' };
    }
    if (!this.acceptNonce(apiKey, BigInt(nonce))) return { ok: false, error: 'EAPI:Invalid nonce' };
    return { ok: true, key: apiKey, permissions: entry.permissions };
  }

  private invalidKey(presented: string): AuthResult {
    const t = this.now();
    const state = this.badKeys.get(presented) ?? { count: 0, until: 0 };
    if (state.until > t) return { ok: false, error: 'EGeneral:Temporary lockout' };
    state.count += 1;
    if (state.count >= LOCKOUT_AFTER) {
      state.count = 0;
      state.until = t + LOCKOUT_MS;
    }
    if (this.badKeys.size > 1000) this.badKeys.clear();
    this.badKeys.set(presented, state);
    return { ok: false, error: 'EAPI:Invalid key' };
  }

  private acceptNonce(key: string, nonce: bigint): boolean {
    const state = this.nonces.get(key) ?? { last: '0', seen: [] };
    const last = BigInt(state.last);
    const text = nonce.toString();
    if (nonce > last) {
      const floor = nonce - this.nonceWindow;
      state.seen = [...state.seen, state.last].filter((s) => BigInt(s) > floor);
      state.last = text;
    } else if (this.nonceWindow > 0n && nonce > last - this.nonceWindow && nonce !== last && !state.seen.includes(text)) {
      state.seen.push(text);
    } else {
      return false;
    }
    this.nonces.set(key, state);
    return true;
  }
}

function signatureMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
