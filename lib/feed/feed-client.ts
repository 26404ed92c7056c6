import type { FeedState, ServerMessage } from '@/lib/protocol';
import { CLOSE_CODES, splitFrames, subscriptionKey } from '@/lib/protocol-basics';
import type { OhlcInterval } from '@/lib/kraken/rest-public';
import type { BookDepth } from '@/lib/kraken/ws-subscriptions';
import { AckCounter } from './ack-counter';
import { DEFAULT_BACKOFF, reconnectDelay, type ReconnectBackoffOptions } from './backoff';
import { systemClock, type Clock } from './clock';
import type { FeedTransport, TransportConnection } from './transport';

/**
 * The browser's one connection to the hub: lazily opened, reconnected with backoff + jitter, every
 * subscription ref-counted by its protocol key and re-sent after a reconnect, every inbound frame
 * validated with `parseServerMessage` (serverMessage's option for its type, loaded before the first
 * connection) before anyone sees it. Knows nothing of React or of WebSocket itself.
 */

export type FeedSubscription =
  | { channel: 'book'; symbol: string; depth: BookDepth }
  | { channel: 'ohlc'; symbol: string; interval: OhlcInterval }
  | { channel: 'trade' | 'ticker'; symbol: string }
  /** account channels: the hub checks the member's role before it sends anything */
  | { channel: 'executions' | 'balances' };

/**
 * What a subscription's listener receives: its own data frames, errors, and the status frames that concern
 * it alone: per-symbol for books, the account feed's for executions and balances.
 */
export type FeedEvent =
  | Extract<ServerMessage, { type: 'snapshot' | 'update' | 'private' }>
  | { type: 'status'; feed: FeedState; symbol: string }
  | { type: 'status'; feed: FeedState; account: true }
  | { type: 'error'; code: string; message: string };

export type FeedListener = (event: FeedEvent) => void;

/** `parseServerMessage` from lib/protocol: validates one hub frame. */
export type ServerParser = (json: unknown) => { success: true; data: ServerMessage } | { success: false };

/**
 * The frame schemas (zod) arrive with the first connection rather than with the page: nothing needs them
 * before a frame does.
 */
const loadServerParser = (): Promise<ServerParser> => import('@/lib/protocol').then((m) => m.parseServerMessage);

/** A connection that could not even start (here: the validator's chunk did not load), as WebSocket reports it. */
const ABNORMAL_CLOSE = 1006;

export interface FeedClientOptions {
  transport: FeedTransport;
  clock?: Clock;
  /** source of jitter in [0, 1) */
  random?: () => number;
  backoff?: ReconnectBackoffOptions;
  /** app-level ping period; a connection silent for two periods is treated as dead (ms) */
  heartbeatMs?: number;
  /** consecutive failed attempts after which the state reads `offline` rather than `stale` */
  offlineAfterAttempts?: number;
  /** the hub closed with CLOSE_CODES.unauthorized: the session is gone */
  onUnauthorized?: () => void;
  /** the frame validator, when the caller has it at hand; else it is loaded before the first connection */
  parse?: ServerParser;
  /** loads the validator (default: lib/protocol, imported lazily) */
  loadParser?: () => Promise<ServerParser>;
}

interface Entry {
  readonly sub: FeedSubscription;
  readonly listeners: Set<FeedListener>;
}

export class FeedClient {
  private readonly transport: FeedTransport;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly backoff: ReconnectBackoffOptions;
  private readonly heartbeatMs: number;
  private readonly offlineAfter: number;
  private readonly onUnauthorized: (() => void) | undefined;
  private parse: ServerParser | undefined;
  private readonly loadParser: () => Promise<ServerParser>;
  private parserLoading = false;
  private readonly entries = new Map<string, Entry>();
  private readonly stateListeners = new Set<() => void>();
  private conn: TransportConnection | undefined;
  private open = false;
  private everLive = false;
  private attempts = 0;
  private retryTimer: unknown;
  private heartbeatTimer: unknown;
  private lastFrameAt = 0;
  private readonly acks = new AckCounter();
  private stopped = false;
  private current: FeedState = 'connecting';
  /** frames dropped because they failed validation */
  invalidFrames = 0;

  constructor(options: FeedClientOptions) {
    this.transport = options.transport;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.heartbeatMs = options.heartbeatMs ?? 15_000;
    this.offlineAfter = options.offlineAfterAttempts ?? 4;
    this.onUnauthorized = options.onUnauthorized;
    this.parse = options.parse;
    this.loadParser = options.loadParser ?? loadServerParser;
  }

  /** Connection state as widgets should present it. */
  get state(): FeedState {
    return this.current;
  }

  /** Number of distinct subscriptions held on the wire. */
  get subscriptionCount(): number {
    return this.entries.size;
  }

  /** Calls `listener` whenever `state` changes; returns the undo. */
  onState(listener: () => void): () => void {
    this.stateListeners.add(listener);
    return () => void this.stateListeners.delete(listener);
  }

  /** Shares one wire subscription between every listener of the same key; returns the undo. */
  subscribe(sub: FeedSubscription, listener: FeedListener): () => void {
    const key = subscriptionKey(sub);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { sub, listeners: new Set() };
      this.entries.set(key, entry);
      this.sendOp('subscribe', sub);
    }
    entry.listeners.add(listener);
    this.ensureConnected();
    const held = entry;
    return () => {
      if (!held.listeners.delete(listener) || held.listeners.size > 0) return;
      if (this.entries.get(key) !== held) return;
      this.entries.delete(key);
      this.sendOp('unsubscribe', held.sub);
    };
  }

  /** Asks the hub for a fresh snapshot of one subscription (unsubscribe + subscribe); listeners stay. */
  resubscribe(sub: FeedSubscription): void {
    if (!this.entries.has(subscriptionKey(sub))) return;
    this.sendOp('unsubscribe', sub);
    this.sendOp('subscribe', sub);
  }

  /** Skips the remaining backoff wait (e.g. the browser came back online). */
  reconnectNow(): void {
    if (this.stopped || this.conn || this.entries.size === 0) return;
    this.clock.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.connect();
  }

  /** Closes the connection for good (tests, sign-out). */
  stop(): void {
    this.stopped = true;
    this.clock.clearTimeout(this.retryTimer);
    this.clock.clearTimeout(this.heartbeatTimer);
    this.conn?.close(1000, 'client stopped');
    this.setState('offline');
  }

  private ensureConnected(): void {
    if (this.stopped || this.conn || this.retryTimer !== undefined) return;
    this.connect();
  }

  private connect(): void {
    if (!this.parse) return this.connectOnceParserLoaded();
    this.open = false;
    this.conn = this.transport.connect({
      onOpen: () => {
        this.open = true;
        this.lastFrameAt = this.clock.now();
        // opts into ack flow control: the hub judges how far behind this tab is by what it acknowledged,
        // holds back book updates past its cap and sends a fresh snapshot once the tab has caught up
        this.conn?.send(this.acks.open());
        for (const entry of this.entries.values()) this.sendOp('subscribe', entry.sub);
        this.scheduleHeartbeat();
      },
      onMessage: (text) => this.receive(text),
      onClose: (code) => this.closed(code),
    });
  }

  private connectOnceParserLoaded(): void {
    if (this.parserLoading) return;
    this.parserLoading = true;
    this.loadParser().then(
      (parse) => {
        this.parserLoading = false;
        this.parse = parse;
        if (!this.stopped && !this.conn && this.retryTimer === undefined && this.entries.size > 0) this.connect();
      },
      // offline before the chunk arrived: a failed attempt like any other, retried with backoff
      () => {
        this.parserLoading = false;
        if (!this.stopped) this.closed(ABNORMAL_CLOSE);
      },
    );
  }

  private closed(code: number): void {
    this.conn = undefined;
    this.open = false;
    this.clock.clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
    if (this.stopped) return;
    if (code === CLOSE_CODES.unauthorized) {
      this.stopped = true;
      this.setState('offline');
      this.onUnauthorized?.();
      return;
    }
    this.attempts++;
    if (!this.everLive) this.setState(this.attempts >= this.offlineAfter ? 'offline' : 'connecting');
    else this.setState(this.attempts >= this.offlineAfter ? 'offline' : 'stale');
    const delay = reconnectDelay(this.attempts - 1, this.random(), this.backoff);
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = undefined;
      if (this.entries.size > 0) this.connect();
    }, delay);
  }

  /** One hub message: its frames (one or more, coalesced by the hub) are handled in order, each on its own. */
  private receive(text: string): void {
    this.lastFrameAt = this.clock.now();
    const frames = splitFrames(text);
    for (const frame of frames) this.handle(frame);
    // acknowledged after handling, so a tab whose main thread is too busy to keep up is seen as slow
    const ack = this.acks.handledFrames(frames);
    if (ack && this.open) this.conn?.send(ack);
  }

  private handle(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.invalidFrames++;
      return;
    }
    const parsed = this.parse?.(json);
    if (!parsed?.success) {
      this.invalidFrames++;
      return;
    }
    this.dispatch(parsed.data);
  }

  private dispatch(message: ServerMessage): void {
    switch (message.type) {
      case 'status':
        if (message.symbol !== undefined) return this.toBooksOf(message.symbol, { type: 'status', feed: message.feed, symbol: message.symbol });
        if (message.account) return this.toAccountChannels({ type: 'status', feed: message.feed, account: true });
        // the hub answered: this connection works, so the next drop starts backing off from scratch
        this.attempts = 0;
        if (message.feed === 'live') this.everLive = true;
        return this.setState(message.feed);
      case 'error':
        return this.toKeyNamedIn(message);
      case 'pong':
        return;
      default: {
        const entry = this.entries.get(subscriptionKey(message));
        if (entry) for (const listener of [...entry.listeners]) listener(message);
      }
    }
  }

  private toBooksOf(symbol: string, event: FeedEvent): void {
    for (const entry of this.entries.values()) {
      if (entry.sub.channel !== 'book' || entry.sub.symbol !== symbol) continue;
      for (const listener of [...entry.listeners]) listener(event);
    }
  }

  private toAccountChannels(event: FeedEvent): void {
    for (const entry of this.entries.values()) {
      if (entry.sub.channel !== 'executions' && entry.sub.channel !== 'balances') continue;
      for (const listener of [...entry.listeners]) listener(event);
    }
  }

  /** Hub errors about one subscription start with its key (`book:BTC/USD:10: reason`). */
  private toKeyNamedIn(event: { type: 'error'; code: string; message: string }): void {
    for (const [key, entry] of this.entries) {
      if (!event.message.startsWith(`${key}:`)) continue;
      for (const listener of [...entry.listeners]) listener(event);
    }
  }

  private sendOp(op: 'subscribe' | 'unsubscribe', sub: FeedSubscription): void {
    if (this.open) this.conn?.send(JSON.stringify({ op, ...sub }));
  }

  private scheduleHeartbeat(): void {
    this.heartbeatTimer = this.clock.setTimeout(() => {
      this.heartbeatTimer = undefined;
      if (!this.open || !this.conn) return;
      if (this.clock.now() - this.lastFrameAt > 2 * this.heartbeatMs) {
        this.conn.close(4000, 'heartbeat timeout');
        return;
      }
      this.conn.send(JSON.stringify({ op: 'ping' }));
      this.scheduleHeartbeat();
    }, this.heartbeatMs);
  }

  private setState(next: FeedState): void {
    if (next === this.current) return;
    this.current = next;
    for (const listener of [...this.stateListeners]) listener();
  }
}
