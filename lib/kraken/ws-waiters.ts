/**
 * Promises waiting for a subscription key to be acknowledged. Keyed by subscription, not by req_id,
 * because a subscribe made while offline is answered by the resubscribe after the next connect.
 * Internal to ws-client.ts. Browser-safe.
 */
import type { WsResponse } from './ws-schemas';
import { KrakenWsError, type TimerApi } from './ws-types';

interface Waiter {
  resolve(response: WsResponse): void;
  reject(error: KrakenWsError): void;
  timer: unknown;
}

export class WsSubscriptionWaiters {
  private readonly byKey = new Map<string, Set<Waiter>>();

  constructor(
    private readonly timers: TimerApi,
    private readonly timeoutMs: number,
  ) {}

  /** Resolves with the key's ack; rejects on refusal or after the timeout (the subscription stays remembered). */
  wait(key: string): Promise<WsResponse> {
    return new Promise((resolve, reject) => {
      let set = this.byKey.get(key);
      if (!set) this.byKey.set(key, (set = new Set()));
      const waiters = set;
      const waiter: Waiter = {
        resolve,
        reject,
        timer: this.timers.setTimeout(() => {
          waiters.delete(waiter);
          reject(new KrakenWsError('request', `subscribe ${key} not acknowledged within ${this.timeoutMs} ms`, { method: 'subscribe' }));
        }, this.timeoutMs),
      };
      waiters.add(waiter);
    });
  }

  resolve(key: string, response: WsResponse): void {
    for (const waiter of this.take(key)) waiter.resolve(response);
  }

  reject(key: string, error: KrakenWsError): void {
    for (const waiter of this.take(key)) waiter.reject(error);
  }

  rejectAll(error: KrakenWsError): void {
    for (const key of [...this.byKey.keys()]) this.reject(key, error);
  }

  private take(key: string): Waiter[] {
    const set = this.byKey.get(key);
    this.byKey.delete(key);
    const list = set ? [...set] : [];
    for (const waiter of list) this.timers.clearTimeout(waiter.timer);
    return list;
  }
}

/** One timeout per request id (the subscribe ack timeouts); cancelled when the request completes or its socket goes. */
export class RequestTimers {
  private readonly timers = new Map<number, unknown>();

  constructor(
    private readonly api: TimerApi,
    private readonly ms: number,
  ) {}

  arm(reqId: number, onTimeout: () => void): void {
    this.cancel(reqId);
    this.timers.set(reqId, this.api.setTimeout(() => {
      this.timers.delete(reqId);
      onTimeout();
    }, this.ms));
  }

  cancel(reqId: number): void {
    if (!this.timers.has(reqId)) return;
    this.api.clearTimeout(this.timers.get(reqId));
    this.timers.delete(reqId);
  }

  cancelAll(): void {
    for (const handle of this.timers.values()) this.api.clearTimeout(handle);
    this.timers.clear();
  }
}
