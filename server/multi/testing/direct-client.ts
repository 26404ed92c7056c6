import { createKrakenClient, type KrakenClient, type KrakenClientOptions } from '../../../lib/kraken/rest';

/** A REST client signed with a throwaway key of the built-in exchange (benches and proofs call it directly). */
export function directClient(restUrl: string, key: { key: string; secret: string }, more: Partial<KrakenClientOptions> = {}): KrakenClient {
  return createKrakenClient({ restUrl, apiKey: key.key, apiSecret: key.secret, ...more });
}

/** The desk's environment for a throwaway key of the built-in exchange. */
export function keyEnv(key: { key: string; secret: string }): Record<string, string> {
  return { KRAKEN_API_KEY: key.key, KRAKEN_API_SECRET: key.secret };
}
