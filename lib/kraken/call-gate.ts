/**
 * The turn of one private call: the nonce it is signed with and the moment it may be sent. One process needs only
 * its own queue (private-queue.ts) and a clock nonce; several processes sharing one API key need a gate that every
 * process passes through — Kraken's advice for one key in several processes is "a counter with a mutex". The gate
 * is an interface so lib/kraken stays pure: the PostgreSQL implementation lives in lib/db/postgres/kraken-gate.ts.
 */
import type { NonceSource } from './nonce';
import type { SentRequest } from './rest-http';

export interface PrivateCallGate {
  /**
   * Calls `send` with the next nonce for the key and resolves with what it returned. A shared gate keeps the key's
   * turn until the request has settled, so no other process signs or sends in between and calls reach Kraken in
   * nonce order.
   */
  run(send: (nonce: string) => SentRequest): Promise<SentRequest>;
}

/** The one-process gate: nonces from `nonce`; ordering is the private queue's job (it waits for each answer). */
export function createLocalCallGate(nonce: NonceSource): PrivateCallGate {
  return {
    async run(send) {
      return send(await nonce.next());
    },
  };
}
