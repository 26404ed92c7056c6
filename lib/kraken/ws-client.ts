/**
 * Kraken WS v2 client for one endpoint (public `wss://ws.kraken.com/v2` or private `wss://ws-auth.kraken.com/v2`),
 * on top of the self-healing WsConnection: subscriptions keyed like Kraken's (channel, symbol,
 * depth|interval) are remembered and restored with `snapshot: true` after every reconnect, acks are
 * correlated by req_id (one per symbol; refusals may lack channel), and the private endpoint's channels and
 * trading methods carry the token fetched for the current socket. Browser-safe.
 */
import { WsConnection, type KrakenWsClientOptions } from './ws-connection';
import type { WsResponse } from './ws-schemas';
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
import { KrakenWsError } from './ws-types';
import { isInvalidTokenError } from './ws-token';
import { RequestTimers, WsSubscriptionWaiters } from './ws-waiters';

export type { KrakenWsClientOptions } from './ws-connection';

const TRADING_METHODS: ReadonlySet<string> = new Set([
  'add_order', 'amend_order', 'edit_order', 'cancel_order', 'cancel_all', 'cancel_all_orders_after', 'batch_add', 'batch_cancel',
]);

export class KrakenWsClient extends WsConnection {
  private readonly subs = new Map<string, SubscriptionEntry>();
  private readonly waiters: WsSubscriptionWaiters;
  private readonly ackTimers: RequestTimers;
  private resyncKeys = new Set<string>();
  /** subscribe requests asked again because their ack did not come in time */
  subscribeRetries = 0;

  constructor(options: KrakenWsClientOptions) {
    super(options);
    this.waiters = new WsSubscriptionWaiters(this.opts.timers, this.opts.requestTimeoutMs);
    this.ackTimers = new RequestTimers(this.opts.timers, this.opts.subscribeAckTimeoutMs);
  }

  /** Remembered subscriptions (restored after every reconnect). */
  subscriptions(): readonly Readonly<SubscriptionEntry>[] {
    return [...this.subs.values()];
  }

  /** Closes for good: no reconnect; in-flight requests and subscribe promises reject. Subscriptions stay remembered. */
  override close(): void {
    this.ackTimers.cancelAll();
    super.close();
    this.waiters.rejectAll(new KrakenWsError('request', 'client closed'));
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
    const send = () => this.collect(method, isTrading ? { ...params, token: this.token } : params, expected, true);
    if (!isTrading || this.tokens?.fresh() !== false) return send();
    // a token too old for new work would be refused: replace it first (the request was not sent yet)
    const generation = this.socketGeneration();
    return this.tokens.fetch().then(
      () => {
        if (this.socketGeneration() !== generation || !this.isOpen()) {
          throw new KrakenWsError('request', `connection lost while renewing the token: ${method} not sent`, { method });
        }
        return send();
      },
      (error: unknown) => {
        throw new KrakenWsError('token', `getToken failed: ${error instanceof Error ? error.message : String(error)}; ${method} not sent`, { method, cause: error });
      },
    );
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

  // --- subscriptions ----------------------------------------------------------------------------------

  protected onConnected(): void {
    this.ackTimers.cancelAll();
    const entries = [...this.subs.values()];
    for (const entry of entries) {
      entry.acked = false;
      entry.tokenRetried = false; // a new socket, a new token: an Invalid token refusal earns one more try
    }
    this.resyncKeys = new Set(entries.map((e) => e.key));
    this.setState(entries.length > 0 ? 'resyncing' : 'live');
    if (entries.length > 0) this.sendSubscribe(entries, true);
  }

  /**
   * Sends entries as grouped subscribe requests; acks settle per-key waiters. Private groups first replace a
   * token too old to subscribe with. A group not fully acknowledged within `subscribeAckTimeoutMs` is asked
   * again (see retryUnacked).
   */
  private sendSubscribe(entries: readonly SubscriptionEntry[], resync: boolean): void {
    for (const group of groupEntries(entries, resync)) {
      if (!PRIVATE_CHANNELS.has(group.params.channel) || this.tokens?.fresh() !== false) {
        this.sendGroup(group.params, group.entries);
        continue;
      }
      const generation = this.socketGeneration();
      this.withFreshToken(generation, () => this.sendGroup(group.params, group.entries));
    }
  }

  /** Fetches a new token, then runs `send` if the same socket is still open (else the reconnect resends). */
  private withFreshToken(generation: number, send: () => void): void {
    this.tokens?.fetch().then(
      () => {
        if (this.socketGeneration() === generation && this.isOpen()) send();
      },
      (error: unknown) => {
        this.emitError(new KrakenWsError('token', `getToken failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
        // subscribe with the token we have: the server's verdict (and its retry) decides
        if (this.socketGeneration() === generation && this.isOpen()) send();
      },
    );
  }

  private sendGroup(groupParams: SubscribeParams, entries: readonly SubscriptionEntry[]): void {
    const remaining = [...entries];
    const params: Record<string, unknown> = { ...groupParams };
    if (PRIVATE_CHANNELS.has(groupParams.channel) && this.token) params.token = this.token;
    const reqId = this.sendRaw('subscribe', params, {
      method: 'subscribe',
      onResponse: (response) => {
        for (const entry of matchAck(response, remaining)) {
          remaining.splice(remaining.indexOf(entry), 1);
          this.settleEntry(entry, response);
        }
        if (remaining.length === 0) this.ackTimers.cancel(reqId);
        return remaining.length === 0;
      },
      onLost: () => undefined, // entries stay remembered and are resent on the next open
    });
    const generation = this.socketGeneration();
    this.ackTimers.arm(reqId, () => this.retryUnacked(generation, reqId, remaining));
  }

  /**
   * No ack in time: the server may have swallowed the request (a stalled feed registers the subscription but
   * drops the ack and the snapshot), so a plain resend would only hear "Already subscribed" and never get a
   * snapshot. Unsubscribe first, then subscribe again with a snapshot, on the same socket.
   */
  private retryUnacked(generation: number, reqId: number, remaining: readonly SubscriptionEntry[]): void {
    if (this.socketGeneration() !== generation || !this.isOpen()) return; // the reconnect resubscribes
    this.forgetRequest(reqId);
    const pending = remaining.filter((e) => this.subs.get(e.key) === e && !e.acked);
    if (pending.length === 0) return;
    this.subscribeRetries++;
    const wire: Record<string, unknown> = { ...unsubscribeParams(pending) };
    if (PRIVATE_CHANNELS.has(wire.channel as string) && this.token) wire.token = this.token;
    // the answer does not matter: "Subscription Not Found" just means the first request never arrived
    this.sendRaw('unsubscribe', wire, { method: 'unsubscribe', onResponse: () => true, onLost: () => undefined });
    this.sendSubscribe(pending, true);
  }

  private settleEntry(entry: SubscriptionEntry, response: WsResponse): void {
    if (this.subs.get(entry.key) !== entry) return; // unsubscribed meanwhile
    const accepted = response.success === true || response.error === 'Already subscribed';
    if (!accepted && PRIVATE_CHANNELS.has(entry.channel) && isInvalidTokenError(response.error) && !entry.tokenRetried) {
      // the token grew too old for a new subscription: fetch a new one and ask once more
      entry.tokenRetried = true;
      this.resubscribeWithNewToken(entry, response);
      return;
    }
    if (accepted) {
      entry.tokenRetried = false;
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

  private resubscribeWithNewToken(entry: SubscriptionEntry, refusal: WsResponse): void {
    const generation = this.socketGeneration();
    this.tokens?.fetch().then(
      () => {
        const group = groupEntries([entry], false)[0];
        if (group && this.socketGeneration() === generation && this.isOpen() && this.subs.get(entry.key) === entry) {
          this.sendGroup(group.params, [entry]);
        }
      },
      (error: unknown) => {
        const detail = error instanceof Error ? error.message : String(error);
        this.settleEntry(entry, { ...refusal, error: `${refusal.error ?? 'Invalid token'} (no new token: ${detail})` });
      },
    );
  }

  private checkResynced(): void {
    if (this.baseState === 'resyncing' && this.resyncKeys.size === 0) this.setState('live');
  }

  private privateProblem(needsToken: boolean): string | undefined {
    return needsToken && !this.opts.getToken ? 'private channels and trading need a client created with getToken' : undefined;
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
