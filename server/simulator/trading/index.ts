import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import type { FaultSwitches, MarketView } from '../types';
import { DEMO_BALANCES, newAccountState } from './accounts';
import { resetPaperAccount, type PaperReset } from './paper-account';
import { Authenticator, PRIVATE_METHODS, hasPermission, type ApiKeyConfig } from './auth';
import { apiKeyInfo } from './key-info';
import { MatchingEngine } from './matching';
import { KrakenError } from './order-request';
import { parseBody } from './params';
import { PrivateSocketHub } from './private-ws';
import { RestCounter, TradingCounter, type Tier } from './rate-counters';
import { ORDER_HANDLERS } from './rest-orders';
import { QUERY_HANDLERS } from './rest-queries';
import { Persistence } from './persistence';
import { StateStore } from './store';
import { TokenIssuer } from './tokens';
import { log } from '../../../lib/log';

export interface TradingOptions {
  market: MarketView;
  faults: FaultSwitches;
  /** where the paper account survives restarts; in-memory only when absent */
  dataDir?: string;
  apiKeys: ApiKeyConfig[];
  /** nonce window in nonce units (0 = strictly increasing) */
  nonceWindow?: number;
  tier?: Tier;
  /** clock in milliseconds */
  now?: () => number;
  /** a new paper account's balances and what a reset restores, common code → amount (default the demo's) */
  paperBalances?: Record<string, string>;
}

export interface PrivateHeaders {
  apiKey?: string;
  apiSign?: string;
  contentType?: string;
}

export interface Trading {
  /** Runs `/0/private/<method>`; `'drop'` means destroy the HTTP socket without answering (lost-response fault). */
  handlePrivate(method: string, rawBody: string, headers: PrivateHeaders): Promise<{ body: unknown } | 'drop'>;
  /** Serves one upgraded `/auth/v2` socket (WS v2 private channels and trading methods). */
  attachPrivateSocket(socket: WebSocket, request: IncomingMessage): void;
  /** cancels every open order and restores the starting balances (saved before it returns) */
  resetPaper(): PaperReset;
  readonly startingBalances: Record<string, string>;
  close(): Promise<void>;
}

const SWEEP_INTERVAL_MS = 250;

/** Builds the trading side of the built-in exchange: auth, limits, the paper account, matching, private REST/WS. */
export function createTrading(opts: TradingOptions): Trading {
  const now = opts.now ?? Date.now;
  const tier = opts.tier ?? 'intermediate';
  const store = new StateStore(opts.dataDir);
  const saved = store.load();
  const startingBalances = opts.paperBalances ?? DEMO_BALANCES;
  const account = saved?.account ?? newAccountState(opts.market.pairs, startingBalances);
  const auth = new Authenticator(opts.apiKeys, BigInt(opts.nonceWindow ?? 0), now);
  if (saved) auth.restoreNonces(saved.nonces);
  // the engine only calls back after a mutation, by which time `persistence` exists
  const engine = new MatchingEngine(account, opts.market, now, () => persistence.changed());
  const persistence = new Persistence(store, engine, account, () => Object.fromEntries(auth.nonces));
  const durable = persistence.durable.bind(persistence);
  const restCounter = new RestCounter(tier, now);
  const tradingCounter = new TradingCounter(tier, now);
  const tokens = new TokenIssuer(now);
  const hub = new PrivateSocketHub({ engine, counter: tradingCounter, tokens, now, durable });

  let lastStatus = opts.market.status();
  const watchStatus = () => {
    const status = opts.market.status();
    if (status === lastStatus) return;
    lastStatus = status;
    hub.broadcastStatus();
  };
  const offTick = opts.market.onTick((pairId, top) => {
    watchStatus();
    if (opts.market.status() === 'online') engine.onTick(pairId, top);
    else engine.atomically(() => engine.sweepTimers());
  });
  const sweeper = setInterval(() => {
    watchStatus();
    engine.atomically(() => engine.sweepTimers());
  }, SWEEP_INTERVAL_MS);
  sweeper.unref();

  function run(method: string, rawBody: string, headers: PrivateHeaders): unknown {
    const json = (headers.contentType ?? '').toLowerCase().includes('json');
    const verdict = auth.verify(`/0/private/${method}`, rawBody, json, headers.apiKey, headers.apiSign);
    if (!verdict.ok) throw new KrakenError(verdict.error);
    if (!hasPermission(verdict.permissions, method)) throw new KrakenError('EGeneral:Permission denied');
    if (!restCounter.charge(verdict.key, method)) throw new KrakenError('EAPI:Rate limit exceeded');
    const params = parseBody(rawBody, json);
    engine.atomically(() => engine.sweepTimers());
    if (method === 'GetWebSocketsToken') return tokens.issue(verdict.permissions);
    if (method === 'GetApiKeyInfo') return apiKeyInfo(auth.record(verdict.key)!);
    const query = QUERY_HANDLERS[method];
    if (query) return query(engine, params);
    const order = ORDER_HANDLERS[method];
    if (order) return order({ engine, counter: tradingCounter }, params);
    throw new KrakenError('EGeneral:Unknown method');
  }

  return {
    async handlePrivate(method, rawBody, headers) {
      if (!PRIVATE_METHODS.has(method)) return { body: { error: ['EGeneral:Unknown method'] } };
      if (opts.faults.takeUnavailable(method)) return { body: { error: ['EService:Unavailable'] } };
      const lose = opts.faults.takeLostResponse(method);
      let body: unknown;
      try {
        body = { error: [], result: durable(() => run(method, rawBody, headers)) };
      } catch (err) {
        body = { error: [err instanceof KrakenError ? err.krakenMessage : 'EGeneral:Internal error'] };
        if (!(err instanceof KrakenError)) log.error({ err, method }, 'trading: internal error');
      }
      return lose ? 'drop' : { body };
    },
    attachPrivateSocket(socket, request) {
      hub.attach(socket, request);
    },
    resetPaper() {
      return durable(() => resetPaperAccount(engine, startingBalances));
    },
    startingBalances,
    async close() {
      offTick();
      clearInterval(sweeper);
      hub.close();
      persistence.commit();
      store.close();
    },
  };
}

export type { Tier } from './rate-counters';
export type { ApiKeyConfig } from './auth';
