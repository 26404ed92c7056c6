import { WebSocket } from 'ws';
import { toBalanceUpdates, toExecutionUpdates } from '../../lib/kraken/account-updates';
import { candlesBySeries, toMarketTicker, tradesBySymbol } from '../../lib/kraken/market-updates';
import { KrakenWsClient, type KrakenWsClientOptions } from '../../lib/kraken/ws-client';
import type { SubscribeParams } from '../../lib/kraken/ws-subscriptions';
import type { KrakenWsError, StateEvent, WebSocketConstructor } from '../../lib/kraken/ws-types';
import type { FeedState } from '../../lib/protocol';
import type { Upstream, UpstreamData, UpstreamKey, UpstreamListener } from './upstream';

/**
 * The real Upstream: one KrakenWsClient (lib/kraken/ws-client) on one endpoint, reshaped into the hub's
 * events. The client owns reconnects, backoff, the heartbeat watchdog and resubscribing; lib/kraken maps Kraken's
 * rows to the desk's types (market-updates.ts, account-updates.ts); this file only routes them and translates states.
 */

export interface KrakenUpstreamOptions {
  /** e.g. wss://ws.kraken.com/v2 or the built-in exchange's ws://127.0.0.1:…/v2 */
  url: string;
  /** private endpoint only: a fresh GetWebSocketsToken token, asked before every (re)connect */
  getToken?: () => Promise<string>;
  /** WebSocket constructor; defaults to the `ws` package (tests inject an in-memory one) */
  WebSocket?: WebSocketConstructor;
  /** client tuning (watchdog, backoff, timers) */
  client?: Partial<Omit<KrakenWsClientOptions, 'url' | 'getToken' | 'WebSocket'>>;
  /** client errors (malformed frames, refused requests) for the server log */
  onError?: (error: KrakenWsError) => void;
  /**
   * An existing client to read from instead of opening one (then `WebSocket`, `getToken` and `client` are
   * unused): the mirror reads its books through this adapter and raw trade frames off the same socket.
   */
  shared?: KrakenWsClient;
}

export function createKrakenUpstream(options: KrakenUpstreamOptions): Upstream {
  const client = options.shared ?? new KrakenWsClient({
    url: options.url,
    WebSocket: options.WebSocket ?? (WebSocket as unknown as WebSocketConstructor),
    ...(options.getToken ? { getToken: options.getToken } : {}),
    ...options.client,
  });
  const listeners = new Set<UpstreamListener>();
  const each = (fn: (l: UpstreamListener) => void) => {
    for (const l of listeners) fn(l);
  };
  const emit = (message: UpstreamData) => each((l) => l.data(message));
  let state: FeedState = 'connecting';
  let connected = false;

  client.on('state', (event) => {
    state = feedStateOf(event);
    each((l) => l.state(state));
  });
  client.on('error', (error) => options.onError?.(error));
  client.on('status', (frame) => {
    for (const d of frame.data) each((l) => l.exchange(d.system));
  });
  client.on('book', (frame) => {
    for (const d of frame.data) {
      emit({ channel: 'book', type: frame.type, symbol: d.symbol, asks: d.asks, bids: d.bids, checksum: d.checksum });
    }
  });
  client.on('trade', (frame) => {
    for (const { symbol, trades } of tradesBySymbol(frame.data)) emit({ channel: 'trade', type: frame.type, symbol, trades });
  });
  client.on('ohlc', (frame) => {
    for (const { symbol, interval, candles } of candlesBySeries(frame.data)) emit({ channel: 'ohlc', type: frame.type, symbol, interval, candles });
  });
  client.on('ticker', (frame) => {
    for (const d of frame.data) emit({ channel: 'ticker', type: frame.type, symbol: d.symbol, ticker: toMarketTicker(d) });
  });
  client.on('executions', (frame) => {
    emit({ channel: 'executions', type: frame.type, data: toExecutionUpdates(frame.data), ...(frame.sequence !== undefined ? { sequence: frame.sequence } : {}) });
  });
  client.on('balances', (frame) => {
    emit({ channel: 'balances', type: frame.type, data: toBalanceUpdates(frame.data), ...(frame.sequence !== undefined ? { sequence: frame.sequence } : {}) });
  });

  const subscribe = (key: UpstreamKey) => {
    if (!connected) {
      connected = true;
      client.connect();
    }
    client.subscribe(subscribeParams(key)).catch((error: KrakenWsError) => {
      // only the exchange's own refusal means "this cannot be had"; timeouts and lost sockets are retried by the client
      if (error.krakenError) each((l) => l.rejected(key, error.krakenError as string));
    });
  };
  const unsubscribe = (key: UpstreamKey) => {
    client.unsubscribe(keyParams(key)).catch(() => undefined);
  };

  return {
    subscribe,
    unsubscribe,
    resubscribe(key) {
      unsubscribe(key);
      subscribe(key);
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get state() {
      return state;
    },
    async close() {
      client.close();
      listeners.clear();
    },
  };
}

/** A scheduled reconnect is still "connecting" for the hub; only a final close is offline. */
function feedStateOf(event: StateEvent): FeedState {
  if (event.state === 'offline') return event.final ? 'offline' : 'connecting';
  return event.state;
}

function keyParams(key: UpstreamKey): SubscribeParams {
  switch (key.channel) {
    case 'book':
      return { channel: 'book', symbol: [key.symbol], depth: key.depth as SubscribeParams['depth'] };
    case 'ohlc':
      return { channel: 'ohlc', symbol: [key.symbol], interval: key.interval as SubscribeParams['interval'] };
    case 'trade':
    case 'ticker':
      return { channel: key.channel, symbol: [key.symbol] };
    default:
      return { channel: key.channel };
  }
}

/** Subscribe params: always ask for a snapshot (Kraken's trade default is none), orders and recent fills. */
function subscribeParams(key: UpstreamKey): SubscribeParams {
  const params = keyParams(key);
  if (key.channel === 'executions') return { ...params, snap_orders: true, snap_trades: true };
  return { ...params, snapshot: true };
}
