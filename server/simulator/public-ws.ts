/**
 * Public WS v2 (`/v2`): status on connect, ping/pong, per-symbol (un)subscribe acks, channels book,
 * ticker, trade, ohlc and instrument, heartbeats when idle, and the feed faults /control can inject
 * (stall, drop, refuse, corrupt checksum). Bad frames get an error reply; nothing a client sends can
 * throw out of a handler.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { INTERVALS } from './candles';
import type { Market, MarketEvent } from './market';
import type { PairMarket } from './market-pair';
import type { ListedPair } from './markets';
import { type Client, ClientRegistry, type SocketsState } from './ws-clients';
import { BookViews, checksumOf } from './ws-book-views';
import { HEARTBEAT, bookMessage, instrumentMessage, ohlcMessage, statusMessage, tickerMessage, tradeMessage } from './ws-messages';
import { BOOK_DEPTHS, RequestError, parseSubscription, resolveSymbol, subscriptionKey, type SubscriptionRequest } from './ws-requests';
import { rfc3339Micro } from './wire-time';
import { log } from '../../lib/log';

export const MAX_FRAME_BYTES = 64 * 1024;
/** A client this far behind is cut off rather than buffered without bound. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
const HEARTBEAT_MS = 1000;
const TRADE_SNAPSHOT = 50;
const OHLC_SNAPSHOT = 720;

export interface FeedState extends SocketsState {
  stalled: boolean;
  refusingUntil: number;
  counts: SocketsState['counts'] & { messagesSent: number };
}

export class PublicFeed {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, autoPong: false });
  private readonly registry = new ClientRegistry();
  private readonly views = new BookViews();
  private readonly lastBbo = new Map<string, string>();
  private readonly corrupt = new Set<string>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private stalled = false;
  private refuseUntil = 0;
  private messagesSent = 0;

  constructor(private readonly market: Market) {
    this.unsubscribe = market.subscribe((event) => this.onMarket(event));
    this.heartbeat = setInterval(() => this.sendHeartbeats(), HEARTBEAT_MS / 4);
    this.heartbeat.unref?.();
  }

  /** A mirror without its source refuses new sockets until the source is back (exchange.ts). */
  sourceDown = false;

  /** Completes a `/v2` upgrade, or answers 503 while /control refuses connections or a mirror's source is down. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (Date.now() < this.refuseUntil || this.sourceDown) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws));
  }

  private onConnection(ws: WebSocket): void {
    const client = this.registry.add(ws);
    ws.on('message', (data, isBinary) => this.onFrame(client, data, isBinary));
    ws.on('ping', (data) => {
      if (!this.stalled) ws.pong(data);
    });
    ws.on('close', () => this.removeClient(client));
    ws.on('error', () => ws.terminate());
    this.send(client, statusMessage(this.market.status(), client.id));
  }

  private removeClient(client: Client): void {
    for (const key of this.registry.remove(client)) this.forgetView(key);
  }

  /** A book key nobody holds any more stops being diffed. */
  private forgetView(key: string): void {
    const [channel, pairId, depth] = key.split('|');
    if (channel === 'book' && pairId && depth) this.views.forget(this.market.pair(pairId), Number(depth));
  }

  private send(client: Client, text: string): void {
    if (this.stalled || client.ws.readyState !== WebSocket.OPEN) return;
    if (client.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      client.ws.terminate();
      return;
    }
    client.ws.send(text);
    client.lastSentAt = Date.now();
    client.sent += 1;
    this.messagesSent += 1;
  }

  private reply(client: Client, body: Record<string, unknown>, timeIn: number): void {
    this.send(client, JSON.stringify({ ...body, time_in: rfc3339Micro(timeIn), time_out: rfc3339Micro(this.market.now()) }));
  }

  private onFrame(client: Client, data: RawData, isBinary: boolean): void {
    const timeIn = this.market.now();
    let message: unknown;
    try {
      message = JSON.parse(isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString());
    } catch {
      this.reply(client, { error: 'Malformed request', success: false }, timeIn);
      return;
    }
    if (message === null || typeof message !== 'object' || Array.isArray(message)) {
      this.reply(client, { error: 'Malformed request', success: false }, timeIn);
      return;
    }
    const { method, params, req_id: reqId } = message as Record<string, unknown>;
    const echo: Record<string, unknown> = typeof method === 'string' ? { method } : {};
    if (reqId !== undefined) {
      if (!Number.isSafeInteger(reqId)) {
        this.reply(client, { error: 'Invalid req_id: must be an integer', ...echo, success: false }, timeIn);
        return;
      }
      echo.req_id = reqId;
    }
    try {
      if (method === 'ping') this.reply(client, { method: 'pong', ...(reqId !== undefined ? { req_id: reqId } : {}) }, timeIn);
      else if (method === 'subscribe' || method === 'unsubscribe') this.onSubscription(client, method, params, echo, timeIn);
      else this.reply(client, { error: typeof method === 'string' ? 'Method not found' : 'Malformed request', ...echo, success: false }, timeIn);
    } catch (error) {
      const text = error instanceof RequestError ? error.message : 'Internal error';
      if (!(error instanceof RequestError)) log.error({ err: error }, 'public ws request failed');
      this.reply(client, { error: text, ...echo, success: false }, timeIn);
    }
  }

  private onSubscription(client: Client, method: 'subscribe' | 'unsubscribe', params: unknown, echo: Record<string, unknown>, timeIn: number): void {
    const request = parseSubscription(params, method);
    if (request.channel === 'instrument') {
      this.subscribeOne(client, method, request, undefined, undefined, echo, timeIn);
      return;
    }
    for (const symbol of request.symbols) {
      const pair = resolveSymbol(symbol, this.market);
      if (!pair) {
        this.reply(client, { error: `Currency pair not supported ${symbol}`, ...echo, success: false, symbol }, timeIn);
        continue;
      }
      this.subscribeOne(client, method, request, pair, symbol, echo, timeIn);
    }
  }

  private subscribeOne(
    client: Client,
    method: 'subscribe' | 'unsubscribe',
    request: SubscriptionRequest,
    pair: ListedPair | undefined,
    symbol: string | undefined,
    echo: Record<string, unknown>,
    timeIn: number,
  ): void {
    const key = subscriptionKey(request, pair);
    const result: Record<string, unknown> = { channel: request.channel };
    if (request.channel === 'book') result.depth = request.depth;
    if (request.channel === 'ohlc') result.interval = request.interval;
    if (request.channel === 'ticker' && method === 'subscribe') result.event_trigger = request.eventTrigger;
    if (method === 'subscribe') result.snapshot = request.snapshot;
    if (pair) result.symbol = pair.symbol;
    const symbolField = symbol !== undefined ? { symbol } : {};
    if (method === 'unsubscribe') {
      if (!client.subs.has(key)) {
        this.reply(client, { error: 'Subscription Not Found', ...echo, success: false, ...symbolField }, timeIn);
        return;
      }
      if (this.registry.unsubscribe(client, key)) this.forgetView(key);
      this.reply(client, { ...echo, result, success: true }, timeIn);
      return;
    }
    if (client.subs.has(key)) {
      this.reply(client, { error: 'Already subscribed', ...echo, success: false, ...symbolField }, timeIn);
      return;
    }
    this.registry.subscribe(client, key, { channel: request.channel, pair, depth: request.depth, interval: request.interval, eventTrigger: request.eventTrigger });
    this.reply(client, { ...echo, result, success: true }, timeIn);
    if (request.snapshot) this.sendSnapshot(client, request, pair);
  }

  private sendSnapshot(client: Client, request: SubscriptionRequest, pair: ListedPair | undefined): void {
    const now = this.market.now();
    if (!pair) {
      this.send(client, instrumentMessage('snapshot', this.market.status(), this.market.pairs));
      return;
    }
    const m = this.market.pair(pair.id);
    if (request.channel === 'book') {
      const { bids, asks } = this.views.snapshot(m, request.depth);
      this.send(client, bookMessage('snapshot', pair.symbol, bids, asks, checksumOf(m), now));
    } else if (request.channel === 'ticker') {
      this.send(client, tickerMessage('snapshot', m, now));
    } else if (request.channel === 'trade') {
      this.send(client, tradeMessage('snapshot', m, m.trades.slice(-TRADE_SNAPSHOT)));
    } else if (request.channel === 'ohlc') {
      const series = m.series(request.interval);
      series.roll(Math.floor(now / 1000));
      this.send(client, ohlcMessage('snapshot', m, series.candles.slice(-OHLC_SNAPSHOT), request.interval, now));
    }
  }

  private onMarket(event: MarketEvent): void {
    if (event.kind === 'status') {
      for (const client of this.registry.clients) this.send(client, statusMessage(event.status, client.id));
      return;
    }
    const m = this.market.pair(event.pair.id);
    if (event.kind === 'book') this.onBook(m, event.time);
    else this.onTrades(m, event.trades, event.time);
  }

  private onBook(m: PairMarket, time: number): void {
    let checksum: number | undefined;
    for (const depth of BOOK_DEPTHS) {
      const clients = this.registry.subscribers(`book|${m.pair.id}|${depth}`);
      if (!clients) continue;
      const update = this.views.update(m, depth);
      if (!update) continue;
      if (checksum === undefined) {
        checksum = checksumOf(m);
        // a corrupted checksum is what a client sees when its book went wrong: it must resubscribe
        if (this.corrupt.delete(m.pair.id)) checksum = (checksum ^ 0x5a5a5a5a) >>> 0;
      }
      const text = bookMessage('update', m.pair.symbol, update.bids, update.asks, checksum, time);
      for (const client of clients) this.send(client, text);
    }
    const tickers = this.registry.subscribers(`ticker|${m.pair.id}`);
    if (!tickers) return;
    const bbo = `${m.bids.best()?.price}|${m.bids.best()?.qty}|${m.asks.best()?.price}|${m.asks.best()?.qty}`;
    if (this.lastBbo.get(m.pair.id) === bbo) return;
    this.lastBbo.set(m.pair.id, bbo);
    let text: string | undefined;
    for (const client of tickers) {
      if (client.subs.get(`ticker|${m.pair.id}`)?.eventTrigger !== 'bbo') continue;
      text ??= tickerMessage('update', m, time);
      this.send(client, text);
    }
  }

  private onTrades(m: PairMarket, trades: Parameters<typeof tradeMessage>[2], time: number): void {
    const tradeClients = this.registry.subscribers(`trade|${m.pair.id}`);
    if (tradeClients) {
      const text = tradeMessage('update', m, trades);
      for (const client of tradeClients) this.send(client, text);
    }
    const tickers = this.registry.subscribers(`ticker|${m.pair.id}`);
    if (tickers) {
      let text: string | undefined;
      for (const client of tickers) {
        if (client.subs.get(`ticker|${m.pair.id}`)?.eventTrigger !== 'trades') continue;
        text ??= tickerMessage('update', m, time);
        this.send(client, text);
      }
    }
    for (const interval of INTERVALS) {
      const clients = this.registry.subscribers(`ohlc|${m.pair.id}|${interval}`);
      if (!clients) continue;
      const text = ohlcMessage('update', m, [m.series(interval).current()], interval, time);
      for (const client of clients) this.send(client, text);
    }
  }

  private sendHeartbeats(): void {
    const quietSince = Date.now() - HEARTBEAT_MS;
    for (const client of this.registry.clients) {
      if (client.everSubscribed && client.lastSentAt <= quietSince) this.send(client, HEARTBEAT);
    }
  }

  /** Stops every outbound frame (data, acks, heartbeats, pongs); sockets stay open. */
  stall(): void {
    this.stalled = true;
  }

  resume(): void {
    this.stalled = false;
  }

  /** Closes every public socket (abruptly unless a close code is given); refuses new ones for `refuseMs`. */
  drop(options: { refuseMs?: number; code?: number } = {}): number {
    if (options.refuseMs && options.refuseMs > 0) this.refuseUntil = Date.now() + options.refuseMs;
    const count = this.registry.clients.size;
    for (const client of [...this.registry.clients]) {
      if (options.code) client.ws.close(options.code, 'dropped by control');
      else client.ws.terminate();
      this.removeClient(client);
    }
    return count;
  }

  /** The next book message of this pair carries a wrong checksum. */
  corruptNextChecksum(pairId: string): void {
    this.corrupt.add(pairId);
  }

  state(): FeedState {
    const { sockets, counts } = this.registry.state();
    return { stalled: this.stalled, refusingUntil: this.refuseUntil, sockets, counts: { ...counts, messagesSent: this.messagesSent } };
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.unsubscribe();
    for (const client of [...this.registry.clients]) {
      client.ws.terminate();
      this.removeClient(client);
    }
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
