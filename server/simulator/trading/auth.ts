import { timingSafeEqual } from 'node:crypto';
import { KRAKEN_PERMISSIONS, isKrakenPermission, type KrakenPermission } from '../../../lib/kraken/permissions';
import { signRequest } from '../../../lib/kraken/sign';

export interface ApiKeyConfig {
  key: string;
  secret: string;
  /** Kraken permission codes (lib/kraken/permissions.ts); every one when absent (a key made with "select all") */
  permissions?: string[];
  /** the key's description on Kraken (GetApiKeyInfo `apiKeyName`) */
  name?: string;
}

/** Per-key nonce memory; `seen` keeps the nonces accepted inside the window so a replay is refused. */
export interface NonceState {
  last: string;
  seen: string[];
}

/**
 * What each private method needs, per Kraken's API key permission guide; any one listed permission is enough
 * (cancelling is allowed with either "Create & modify" or "Cancel & close"). An empty list: any valid key.
 */
export const METHOD_PERMISSIONS: Readonly<Record<string, readonly KrakenPermission[]>> = {
  Balance: ['query-funds'], BalanceEx: ['query-funds'], TradeVolume: ['query-funds'],
  TradeBalance: ['query-open-trades'], OpenOrders: ['query-open-trades'], OpenPositions: ['query-open-trades'],
  QueryOrders: ['query-open-trades', 'query-closed-trades'], OrderAmends: ['query-open-trades'],
  ClosedOrders: ['query-closed-trades'], TradesHistory: ['query-closed-trades'], QueryTrades: ['query-closed-trades'],
  Ledgers: ['query-ledger'], QueryLedgers: ['query-ledger'],
  AddOrder: ['modify-trades'], AddOrderBatch: ['modify-trades'], AmendOrder: ['modify-trades'], EditOrder: ['modify-trades'],
  CancelOrder: ['modify-trades', 'close-trades'], CancelAll: ['modify-trades', 'close-trades'],
  CancelAllOrdersAfter: ['modify-trades', 'close-trades'], CancelOrderBatch: ['modify-trades', 'close-trades'],
  GetWebSocketsToken: ['create-ws-token'],
  GetApiKeyInfo: [],
};

/** The same rules for WS v2 trading methods (the token carries its key's permissions). */
export const WS_METHOD_PERMISSIONS: Record<string, KrakenPermission[]> = {
  add_order: ['modify-trades'], amend_order: ['modify-trades'], edit_order: ['modify-trades'], batch_add: ['modify-trades'],
  batch_cancel: ['modify-trades', 'close-trades'], cancel_order: ['modify-trades', 'close-trades'],
  cancel_all: ['modify-trades', 'close-trades'], cancel_all_orders_after: ['modify-trades', 'close-trades'],
};

/** What a WS v2 private channel needs to subscribe. */
export const WS_CHANNEL_PERMISSIONS: Record<'executions' | 'balances', KrakenPermission> = {
  executions: 'query-open-trades', balances: 'query-funds',
};

export const PRIVATE_METHODS = new Set(Object.keys(METHOD_PERMISSIONS));

export function hasPermission(granted: ReadonlySet<string>, method: string): boolean {
  return allows(granted, METHOD_PERMISSIONS[method]);
}

/** True when `needed` is empty or `granted` holds one of it; false for an unknown method (`needed` undefined). */
export function allows(granted: ReadonlySet<string>, needed: readonly string[] | undefined): boolean {
  return needed !== undefined && (needed.length === 0 || needed.some((p) => granted.has(p)));
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

/** What the exchange knows of one key, for GetApiKeyInfo. */
export interface KeyRecord {
  key: string;
  name: string;
  permissions: ReadonlySet<string>;
  nonceWindow: bigint;
  /** milliseconds */
  createdAt: number;
  /** milliseconds of the last accepted call, undefined before the first */
  lastUsedAt: number | undefined;
  /** the highest nonce accepted */
  lastNonce: string;
}

interface KeyEntry {
  secret: string;
  name: string;
  permissions: Set<string>;
  createdAt: number;
  lastUsedAt: number | undefined;
}

/** Verifies API-Key, API-Sign over the raw body and the per-key nonce rule (each nonce above the last). */
export class Authenticator {
  private readonly keys = new Map<string, KeyEntry>();
  readonly nonces = new Map<string, NonceState>();
  /** Without client addresses, lockouts are kept per presented key text (a retry loop on a dead key). */
  private readonly badKeys = new Map<string, { count: number; until: number }>();

  constructor(apiKeys: ApiKeyConfig[], private readonly nonceWindow: bigint, private readonly now: () => number = Date.now) {
    const createdAt = now();
    // a misspelt or pre-Kraken-code name (`trade`, `query_funds`) would silently leave the key without it
    const unknown = apiKeys.flatMap((k) => (k.permissions ?? []).filter((p) => !isKrakenPermission(p)));
    if (unknown.length > 0) throw new Error(`unknown API key permission ${unknown.join(', ')}; use Kraken's codes: ${KRAKEN_PERMISSIONS.join(', ')}`);
    apiKeys.forEach((k, i) => this.keys.set(k.key, {
      secret: k.secret, name: k.name ?? `api-key-${i + 1}`, permissions: new Set(k.permissions ?? KRAKEN_PERMISSIONS), createdAt, lastUsedAt: undefined,
    }));
  }

  /** The key's settings and usage, or undefined for an unknown key. */
  record(key: string): KeyRecord | undefined {
    const entry = this.keys.get(key);
    if (!entry) return undefined;
    return {
      key, name: entry.name, permissions: entry.permissions, nonceWindow: this.nonceWindow, createdAt: entry.createdAt,
      lastUsedAt: entry.lastUsedAt, lastNonce: this.nonces.get(key)?.last ?? '0',
    };
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
    entry.lastUsedAt = this.now();
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
