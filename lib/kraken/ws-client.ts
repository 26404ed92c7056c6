/**
 * Kraken WS v2 client for one endpoint (public `wss://ws.kraken.com/v2` or private `…ws-auth…/v2`).
 * Everything outside is injected: the WebSocket constructor, the clock, timers, randomness and, for the
 * private endpoint, `getToken()`. It remembers subscriptions and restores them after every reconnect,
 * watches liveness (any frame counts; it pings when quiet and reconnects after `deadAfterMs` of silence),
 * retries with jittered exponential backoff, validates every inbound frame, and never lets a bad frame or
 * a throwing listener escape the socket handler. Browser-safe.
 */
import { backoffDelay, type BackoffOptions } from './ws-backoff';
import { RequestTable, encodeRequest } from './ws-requests';
import { parseInboundFrame, type WsResponse } from './ws-schemas';
import {
  PRIVATE_CHANNELS,
  checkParams,
  entriesOf,
  groupEntries,
  unsubscribeParams,
  type SubscribeParams,
  type SubscriptionEntry,
  type UnsubscribeParams,
} from './ws-subscriptions';
import {
  Emitter,
  KrakenWsError,
  WS_OPEN,
  type ConnectionState,
  type Listener,
  type StateEvent,
  type TimerApi,
  type WebSocketConstructor,
  type WebSocketLike,
  type WsClientEvents,
} from './ws-types';
import { parseWireJson } from './wire-json';
import { WsSubscriptionWaiters } from './ws-waiters';

export interface KrakenWsClientOptions {
  url: string;
  WebSocket: WebSocketConstructor;
  /** private endpoint: fetches a GetWebSocketsToken token; called before every (re)connect */
  getToken?: () => Promise<string>;
  /** Unix milliseconds (default Date.now) */
  now?: () => number;
  timers?: TimerApi;
  /** uniform in [0, 1), for backoff jitter (default Math.random) */
  random?: () => number;
  /** silence (ms) after which we send an application ping (default 2 000) */
  pingAfterMs?: number;
  /** silence (ms) after which the state is `stale` (default 3 000) */
  staleAfterMs?: number;
  /** silence (ms) after which the connection is treated as dead and replaced (default 5 000) */
  deadAfterMs?: number;
  /** how often (ms) the liveness watchdog looks (default 500) */
  watchdogIntervalMs?: number;
  /** how long (ms) a request waits for its responses (default 10 000) */
  requestTimeoutMs?: number;
  backoff?: BackoffOptions;
  /** a connection that stayed open this long (ms) resets the backoff (default 30 000) */
  stableAfterMs?: number;
}

const TRADING_METHODS: ReadonlySet<string> = new Set([
  'add_order', 'amend_order', 'edit_order', 'cancel_order', 'cancel_all', 'cancel_all_orders_after', 'batch_add', 'batch_cancel',
]);
const POLICY_VIOLATION = 1008;

export class KrakenWsClient {
  private readonly opts: Required<Omit<KrakenWsClientOptions, 'getToken' | 'backoff'>> & Pick<KrakenWsClientOptions, 'getToken' | 'backoff'>;
  private readonly events = new Emitter<WsClientEvents>((error, event) => this.reportListenerError(error, String(event)));
  private readonly subs = new Map<string, SubscriptionEntry>();
  private readonly waiters: WsSubscriptionWaiters;
  private requests = new RequestTable();
  private socket: WebSocketLike | undefined;
  private generation = 0;
  private token: string | undefined;
  private wanted = false;
  private attempt = 0;
  private openedAt: number | undefined;
  private lastMessageAt = 0;
  private pingOutstanding = false;
  private stale = false;
  private baseState: ConnectionState = 'offline';
  private lastEmitted: ConnectionState | undefined;
  private resyncKeys = new Set<string>();
  private reconnectTimer: unknown;
  private watchdogTimer: unknown;

  constructor(options: KrakenWsClientOptions) {
    this.opts = {
      now: () => Date.now(),
      timers: { setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms), clearTimeout: (h) => globalThis.clearTimeout(h as number) },
      random: Math.random,
      pingAfterMs: 2000,
      staleAfterMs: 3000,
      deadAfterMs: 5000,
      watchdogIntervalMs: 500,
      requestTimeoutMs: 10_000,
      stableAfterMs: 30_000,
      ...options,
    };
    this.waiters = new WsSubscriptionWaiters(this.opts.timers, this.opts.requestTimeoutMs);
  }

  /** Current connection state (see ConnectionState). */
  get state(): ConnectionState {
    return this.stale && (this.baseState === 'live' || this.baseState === 'resyncing') ? 'stale' : this.baseState;
  }

  /** Adds a listener; returns the function that removes it. */
  on<K extends keyof WsClientEvents>(event: K, listener: Listener<WsClientEvents[K]>): () => void {
    return this.events.on(event, listener);
  }

  /** Remembered subscriptions (restored after every reconnect). */
  subscriptions(): readonly Readonly<SubscriptionEntry>[] {
    return [...this.subs.values()];
  }

  /** Opens the connection (and keeps it open until close()). */
  connect(): void {
    if (this.wanted) return;
    this.wanted = true;
    this.attempt = 0;
    void this.open();
  }

  /** Closes for good: no reconnect; in-flight requests and subscribe promises reject. Subscriptions stay remembered. */
  close(): void {
    this.wanted = false;
    this.opts.timers.clearTimeout(this.reconnectTimer);
    this.dropSocket(1000, 'client closed');
    this.waiters.rejectAll(new KrakenWsError('request', 'client closed'));
    this.setState('offline', { final: true, reason: 'client closed' });
  }

  /**
   * Subscribes (one entry per symbol) and remembers it. Resolves with one ack per symbol once all arrived;
   * rejects on the first refusal (refused symbols are forgotten) or after `requestTimeoutMs`. When not
   * connected the request is sent on the next (re)connect.
   */
  subscribe(params: SubscribeParams): Promise<WsResponse[]> {
    const problem = checkParams(params) ?? this.privateProblem(PRIVATE_CHANNELS.has(params.channel));
    if (problem) return Promise.reject(new KrakenWsError('request', problem, { method: 'subscribe' }));
    const toSend: SubscriptionEntry[] = [];
    const promises = entriesOf(params).map((entry) => {
      const known = this.subs.get(entry.key);
      if (known?.acked) return Promise.resolve(syntheticAck(known));
      if (!known) {
        this.subs.set(entry.key, entry);
        toSend.push(entry);
      }
      return this.waiters.wait(entry.key);
    });
    if (toSend.length > 0 && this.isOpen()) this.sendSubscribe(toSend, false);
    return Promise.all(promises);
  }

  /** Forgets the subscriptions and unsubscribes on the server. Resolves with the server's responses (refusals included). */
  unsubscribe(params: UnsubscribeParams): Promise<WsResponse[]> {
    const problem = checkParams(params);
    if (problem) return Promise.reject(new KrakenWsError('request', problem, { method: 'unsubscribe' }));
    const entries = entriesOf(params as SubscribeParams);
    for (const entry of entries) {
      this.subs.delete(entry.key);
      this.resyncKeys.delete(entry.key);
      this.waiters.reject(entry.key, new KrakenWsError('request', `unsubscribed from ${entry.key} before the ack`));
    }
    this.checkResynced();
    if (!this.isOpen()) return Promise.resolve([]);
    const wire: Record<string, unknown> = { ...unsubscribeParams(entries) };
    if (PRIVATE_CHANNELS.has(params.channel) && this.token) wire.token = this.token;
    return this.collect('unsubscribe', wire, entries.length, false);
  }

  /** Application-level ping; resolves with the round trip in milliseconds. */
  async ping(): Promise<number> {
    const start = this.opts.now();
    await this.request('ping', undefined, 1);
    return this.opts.now() - start;
  }

  /**
   * Sends any v2 method and resolves with its `expected` responses; rejects on the first failure response,
   * on timeout, or if the socket is lost first (then the outcome of a trading call is unknown: look the
   * order up by cl_ord_id, never resend blindly). Trading methods get the token added.
   */
  request(method: string, params?: Record<string, unknown>, expected = 1): Promise<WsResponse[]> {
    const isTrading = TRADING_METHODS.has(method);
    const problem = this.privateProblem(isTrading);
    if (problem) return Promise.reject(new KrakenWsError('request', problem, { method }));
    if (!this.isOpen()) return Promise.reject(new KrakenWsError('request', `not connected: ${method} not sent`, { method }));
    const wire = isTrading ? { ...params, token: this.token } : params;
    return this.collect(method, wire, expected, true);
  }

  /** WS `add_order`; resolves with `{order_id, cl_ord_id?, order_userref?, warnings?}`. Decimal text is sent as numbers. */
  async addOrder(params: Record<string, unknown>): Promise<Record<string, unknown>> {
    return resultOf(await this.request('add_order', params));
  }

  /** WS `amend_order`; resolves with `{amend_id, order_id?, cl_ord_id?}`. */
  async amendOrder(params: Record<string, unknown>): Promise<Record<string, unknown>> {
    return resultOf(await this.request('amend_order', params));
  }

  /** WS `cancel_order`; Kraken answers once per cancelled reference, so this resolves with one result per id. */
  async cancelOrder(params: { order_id?: string[]; cl_ord_id?: string[]; order_userref?: number[] }): Promise<Record<string, unknown>[]> {
    const count = (params.order_id?.length ?? 0) + (params.cl_ord_id?.length ?? 0) + (params.order_userref?.length ?? 0);
    const responses = await this.request('cancel_order', params, Math.max(1, count));
    return responses.map((r) => resultOf([r]));
  }

  /** WS `cancel_all`; resolves with `{count}`. */
  async cancelAll(): Promise<Record<string, unknown>> {
    return resultOf(await this.request('cancel_all', {}));
  }

  /** WS `cancel_all_orders_after` (dead man's switch). @param timeoutSeconds 0 disables */
  async cancelAllOrdersAfter(timeoutSeconds: number): Promise<Record<string, unknown>> {
    return resultOf(await this.request('cancel_all_orders_after', { timeout: timeoutSeconds }));
  }

  // --- connection lifecycle -------------------------------------------------------------------------

  private async open(): Promise<void> {
    const generation = ++this.generation;
    this.setState('connecting');
    if (this.opts.getToken) {
      try {
        this.token = await this.opts.getToken();
      } catch (error) {
        if (generation !== this.generation || !this.wanted) return;
        this.emitError(new KrakenWsError('token', `getToken failed: ${messageOf(error)}`, { cause: error }));
        this.scheduleReconnect(undefined, 'token unavailable');
        return;
      }
      if (generation !== this.generation || !this.wanted) return;
    }
    let socket: WebSocketLike;
    try {
      socket = new this.opts.WebSocket(this.opts.url);
    } catch (error) {
      this.emitError(new KrakenWsError('socket', `cannot open ${this.opts.url}: ${messageOf(error)}`, { cause: error }));
      this.scheduleReconnect(undefined, 'socket constructor failed');
      return;
    }
    this.socket = socket;
    this.openedAt = undefined;
    socket.onopen = () => this.guard(generation, () => this.onOpen());
    socket.onmessage = (event: { data: unknown }) => this.guard(generation, () => this.onMessage(event.data));
    socket.onerror = () => this.guard(generation, () => this.emitError(new KrakenWsError('socket', 'WebSocket error')));
    socket.onclose = (event: { code: number; reason: string }) => this.guard(generation, () => this.onClose(event.code, event.reason));
  }

  /** Runs a socket callback only for the current socket, and never lets it throw. */
  private guard(generation: number, fn: () => void): void {
    if (generation !== this.generation) return;
    try {
      fn();
    } catch (error) {
      this.reportListenerError(error, 'socket handler');
    }
  }

  private onOpen(): void {
    const now = this.opts.now();
    this.openedAt = now;
    this.lastMessageAt = now;
    this.stale = false;
    this.pingOutstanding = false;
    const entries = [...this.subs.values()];
    for (const entry of entries) entry.acked = false;
    this.resyncKeys = new Set(entries.map((e) => e.key));
    this.setState(entries.length > 0 ? 'resyncing' : 'live');
    if (entries.length > 0) this.sendSubscribe(entries, true);
    this.armWatchdog();
  }

  private onClose(code: number, reason: string): void {
    this.dropSocket();
    if (!this.wanted) return;
    if (code === POLICY_VIOLATION) {
      this.wanted = false;
      this.emitError(new KrakenWsError('policy', `server closed with 1008 (policy violation)${reason ? `: ${reason}` : ''}; not reconnecting`));
      this.setState('offline', { final: true, code, reason });
      return;
    }
    this.scheduleReconnect(code, reason || 'socket closed');
  }

  private scheduleReconnect(code: number | undefined, reason: string): void {
    if (this.openedAt !== undefined && this.opts.now() - this.openedAt >= this.opts.stableAfterMs) this.attempt = 0;
    this.openedAt = undefined;
    const delay = backoffDelay(this.attempt, this.opts.random, this.opts.backoff);
    this.attempt++;
    this.opts.timers.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = this.opts.timers.setTimeout(() => {
      if (this.wanted) void this.open();
    }, delay);
    this.setState('offline', { retryInMs: delay, ...(code !== undefined ? { code } : {}), reason });
  }

  /** Detaches and closes the current socket; in-flight requests learn they are lost. */
  private dropSocket(code?: number, reason?: string): void {
    this.generation++;
    this.opts.timers.clearTimeout(this.watchdogTimer);
    const socket = this.socket;
    this.socket = undefined;
    if (socket) {
      socket.onopen = socket.onmessage = socket.onerror = socket.onclose = null;
      if (code !== undefined) {
        try {
          socket.close(code, reason);
        } catch {
          // a socket that is already closing may refuse; it is detached either way
        }
      }
    }
    const lost = this.requests;
    this.requests = new RequestTable();
    lost.loseAll();
  }

  private armWatchdog(): void {
    this.watchdogTimer = this.opts.timers.setTimeout(() => this.watchdog(), this.opts.watchdogIntervalMs);
  }

  private watchdog(): void {
    if (!this.isOpen()) return;
    const silence = this.opts.now() - this.lastMessageAt;
    if (silence > this.opts.deadAfterMs) {
      this.dropSocket(4000, 'no message within the heartbeat window');
      this.scheduleReconnect(undefined, `no message for ${silence} ms`);
      return;
    }
    if (silence > this.opts.pingAfterMs && !this.pingOutstanding) {
      this.pingOutstanding = true;
      this.sendRaw('ping', undefined, { method: 'ping', onResponse: () => true, onLost: () => undefined });
    }
    if (silence > this.opts.staleAfterMs && !this.stale) {
      this.stale = true;
      this.emitState();
    }
    this.armWatchdog();
  }

  // --- inbound ----------------------------------------------------------------------------------------

  private onMessage(data: unknown): void {
    this.lastMessageAt = this.opts.now();
    this.pingOutstanding = false;
    if (this.stale) {
      this.stale = false;
      this.emitState();
    }
    const text = decodeText(data);
    let value: unknown;
    try {
      value = parseWireJson(text);
    } catch (error) {
      this.emitError(new KrakenWsError('malformed', `invalid JSON frame: ${messageOf(error)}`, { raw: text.slice(0, 300) }));
      return;
    }
    const parsed = parseInboundFrame(value);
    if (!parsed.ok) {
      this.emitError(new KrakenWsError('malformed', `invalid frame: ${parsed.error}`, { raw: text.slice(0, 300) }));
      return;
    }
    if (parsed.value.kind === 'response') {
      const response = parsed.value.response;
      if (!this.requests.dispatch(response) && response.success === false && response.req_id === undefined) {
        this.emitError(new KrakenWsError('request', `server error: ${response.error ?? 'unknown'}`, { krakenError: response.error }));
      }
      this.events.emit('response', response);
      return;
    }
    const frame = parsed.value.frame;
    if (frame.channel === 'heartbeat') this.events.emit('heartbeat', undefined);
    else this.events.emit(frame.channel, frame as never);
  }

  // --- outbound ---------------------------------------------------------------------------------------

  private isOpen(): boolean {
    return this.socket !== undefined && this.socket.readyState === WS_OPEN && this.openedAt !== undefined;
  }

  private sendRaw(method: string, params: Record<string, unknown> | undefined, pending: Parameters<RequestTable['add']>[0]): number {
    const reqId = this.requests.add(pending);
    try {
      this.socket?.send(encodeRequest(method, params, reqId));
    } catch (error) {
      this.requests.remove(reqId);
      this.emitError(new KrakenWsError('socket', `send failed: ${messageOf(error)}`, { method, cause: error }));
    }
    return reqId;
  }

  /** Sends entries as grouped subscribe requests; acks settle per-key waiters. */
  private sendSubscribe(entries: readonly SubscriptionEntry[], resync: boolean): void {
    for (const group of groupEntries(entries, resync)) {
      const remaining = [...group.entries];
      const params: Record<string, unknown> = { ...group.params };
      if (PRIVATE_CHANNELS.has(group.params.channel) && this.token) params.token = this.token;
      this.sendRaw('subscribe', params, {
        method: 'subscribe',
        onResponse: (response) => {
          for (const entry of matchAck(response, remaining)) {
            remaining.splice(remaining.indexOf(entry), 1);
            this.settleEntry(entry, response);
          }
          return remaining.length === 0;
        },
        onLost: () => undefined, // entries stay remembered and are resent on the next open
      });
    }
  }

  private settleEntry(entry: SubscriptionEntry, response: WsResponse): void {
    if (this.subs.get(entry.key) !== entry) return; // unsubscribed meanwhile
    const accepted = response.success === true || response.error === 'Already subscribed';
    if (accepted) {
      entry.acked = true;
      this.waiters.resolve(entry.key, response);
    } else {
      this.subs.delete(entry.key);
      const error = response.error ?? 'subscription refused';
      this.waiters.reject(entry.key, new KrakenWsError('request', `subscribe ${entry.key} refused: ${error}`, { krakenError: error, reqId: response.req_id, method: 'subscribe' }));
    }
    this.resyncKeys.delete(entry.key);
    this.checkResynced();
  }

  private checkResynced(): void {
    if (this.baseState === 'resyncing' && this.resyncKeys.size === 0) this.setState('live');
  }

  /** Sends one request and collects `expected` responses, with a timeout. */
  private collect(method: string, params: Record<string, unknown> | undefined, expected: number, failFast: boolean): Promise<WsResponse[]> {
    return new Promise((resolve, reject) => {
      const responses: WsResponse[] = [];
      let done = false;
      const finish = (error?: KrakenWsError) => {
        done = true;
        this.opts.timers.clearTimeout(timer);
        if (error) reject(error);
        else resolve(responses);
      };
      const reqId = this.sendRaw(method, params, {
        method,
        onResponse: (response) => {
          if (done) return true;
          responses.push(response);
          if (failFast && response.success === false) {
            const text = response.error ?? 'request failed';
            finish(new KrakenWsError('request', `${method} failed: ${text}`, { krakenError: text, reqId: response.req_id, method }));
            return true;
          }
          if (responses.length >= expected) finish();
          return done;
        },
        onLost: () => {
          if (!done) finish(new KrakenWsError('request', `connection lost before the ${method} response; outcome unknown`, { method }));
        },
      });
      const timer = this.opts.timers.setTimeout(() => {
        if (done) return;
        this.requests.remove(reqId);
        finish(new KrakenWsError('request', `${method} timed out after ${this.opts.requestTimeoutMs} ms`, { reqId, method }));
      }, this.opts.requestTimeoutMs);
    });
  }

  private privateProblem(needsToken: boolean): string | undefined {
    return needsToken && !this.opts.getToken ? 'private channels and trading need a client created with getToken' : undefined;
  }

  // --- events -----------------------------------------------------------------------------------------

  private setState(state: ConnectionState, extra: Partial<StateEvent> = {}): void {
    this.baseState = state;
    if (state === 'offline' || state === 'connecting') this.stale = false;
    this.emitState(extra, true);
  }

  private emitState(extra: Partial<StateEvent> = {}, force = false): void {
    const state = this.state;
    if (!force && state === this.lastEmitted) return;
    this.lastEmitted = state;
    this.events.emit('state', { state, attempt: this.attempt, ...extra });
  }

  private emitError(error: KrakenWsError): void {
    this.events.emit('error', error);
  }

  private reportListenerError(error: unknown, where: string): void {
    if (where === 'error') return; // an error listener threw: nowhere left to report it
    this.emitError(new KrakenWsError('listener', `${where} threw: ${messageOf(error)}`, { cause: error }));
  }
}

/** Which of the request's remaining entries a subscribe ack refers to. */
function matchAck(response: WsResponse, remaining: readonly SubscriptionEntry[]): SubscriptionEntry[] {
  const result = response.result && !Array.isArray(response.result) ? response.result : undefined;
  const symbol = typeof result?.symbol === 'string' ? result.symbol : response.symbol;
  if (symbol !== undefined) {
    const exact = remaining.find((e) => e.symbol === symbol);
    if (exact) return [exact];
  }
  if (response.success === true) return remaining.slice(0, 1); // acks arrive in request order
  const text = response.error ?? '';
  const named = remaining.find((e) => e.symbol !== undefined && text.includes(e.symbol));
  if (named) return [named];
  return [...remaining]; // nothing names a symbol: the refusal covers every remaining one
}

function syntheticAck(entry: SubscriptionEntry): WsResponse {
  return { method: 'subscribe', success: true, result: { channel: entry.channel, ...(entry.symbol ? { symbol: entry.symbol } : {}) } };
}

function resultOf(responses: WsResponse[]): Record<string, unknown> {
  const result = responses[0]?.result;
  return result && !Array.isArray(result) ? result : { results: result };
}

function decodeText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new TextDecoder().decode(data);
  if (ArrayBuffer.isView(data)) return new TextDecoder().decode(data);
  return String(data);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
