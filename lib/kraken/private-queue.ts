/**
 * One signer per API key. Kraken rejects a nonce lower than the last one it accepted (`EAPI:Invalid nonce`), and
 * parallel HTTP requests can overtake each other, so calls are queued: each is paced by the rate counter, given
 * the next nonce, signed and sent only after the previous call's response arrived.
 */
import { createLocalCallGate, type PrivateCallGate } from './call-gate';
import type { NonceSource } from './nonce';
import type { RestRateLimiter } from './rate-limit';
import { encodeForm, type SentRequest } from './rest-http';
import { signRequest } from './sign';
import { isKrakenError } from './errors';

/** Sends an already signed private request; resolves with Kraken's `result` or rejects with a KrakenError. */
export type SignedSender = (path: string, body: string, headers: Record<string, string>) => SentRequest;

export interface PrivateQueueOptions {
  apiKey: string;
  /** Base64 secret as Kraken issues it */
  apiSecret: string;
  nonce: NonceSource;
  /** Replaces the in-process nonce with a turn shared by every process using the key (then `nonce` is unused). */
  gate?: PrivateCallGate;
  send: SignedSender;
  limiter?: RestRateLimiter;
  /**
   * Calls allowed in flight at once; default 1. Values above 1 are only safe when the key has a Kraken nonce
   * window: requests may then arrive out of nonce order and Kraken accepts that only inside the window.
   */
  maxInFlight?: number;
  /** One-time password for keys with 2FA on API calls. */
  otp?: () => string | undefined;
}

export interface PrivateQueue {
  /** Queues one private call. @param method e.g. `Balance` @param params body fields except nonce/otp */
  call(method: string, params?: Readonly<Record<string, string | undefined>>): Promise<unknown>;
  /** Calls waiting for their turn (not yet sent). */
  pending(): number;
}

/** Creates the per-key queue; share one instance for every caller that uses the same key. */
export function createPrivateQueue(options: PrivateQueueOptions): PrivateQueue {
  const maxInFlight = options.maxInFlight ?? 1;
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1) throw new RangeError(`bad maxInFlight: ${maxInFlight}`);
  const waiting: (() => void)[] = [];
  let inFlight = 0;
  // Nonce, signature and dispatch happen under this chain so requests leave in nonce order even when several
  // are in flight or the nonce source is asynchronous.
  let dispatchChain: Promise<unknown> = Promise.resolve();
  const gate = options.gate ?? createLocalCallGate(options.nonce);

  function takeSlot(): Promise<void> {
    if (inFlight < maxInFlight) {
      inFlight++;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  }

  function releaseSlot(): void {
    const next = waiting.shift();
    if (next) next();
    else inFlight--;
  }

  async function dispatch(method: string, params: Readonly<Record<string, string | undefined>>): Promise<SentRequest> {
    await options.limiter?.acquire(method);
    const path = `/0/private/${method}`;
    const extra = withoutReserved(params);
    return gate.run((nonce) => {
      const body = encodeForm({ nonce, otp: options.otp?.(), ...extra });
      const headers = { 'API-Key': options.apiKey, 'API-Sign': signRequest(path, nonce, body, options.apiSecret) };
      return options.send(path, body, headers);
    });
  }

  return {
    async call(method, params = {}) {
      await takeSlot();
      try {
        const sent = dispatchChain.then(() => dispatch(method, params));
        dispatchChain = sent.catch(() => undefined);
        return await (await sent).outcome;
      } catch (error) {
        if (isKrakenError(error) && error.code === 'rate_limited') options.limiter?.markExceeded();
        throw error;
      } finally {
        releaseSlot();
      }
    },
    pending: () => waiting.length,
  };
}

/** A caller's params object must never smuggle a stale nonce (a classic bug) or a second otp into the body. */
function withoutReserved(params: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  const { nonce: _nonce, otp: _otp, ...rest } = params;
  return rest;
}
