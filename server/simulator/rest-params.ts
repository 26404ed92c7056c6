/** Parameter parsing shared by the public REST methods; every failure is a Kraken error string. */
import { type ListedPair, PAIRS, resolvePair } from './markets';
import { invalidArgument, unknownPair } from './rest-errors';

export type Params = Record<string, string | undefined>;

/** A pair as a request named it, with the key its result goes under. */
export interface AskedPair {
  pair: ListedPair;
  key: string;
}

/**
 * Kraken keys a pair's result by the pair id (`pair=XBTUSD` → `XXBTZUSD`), but by the name as asked when it was
 * asked in the slash form (`pair=BTC/USD` → `BTC/USD`); clients look results up by the name they sent.
 */
function resultKey(name: string, pair: ListedPair): string {
  return name.includes('/') ? name : pair.id;
}

/** What an exchange instance lists: the built-in listing, or a mirror's subset of it with the source's rules. */
export interface Listing {
  readonly pairs: readonly ListedPair[];
  resolvePair(input: string): ListedPair | undefined;
}

const BUILT_IN: Listing = { pairs: PAIRS, resolvePair };

/** Every listed pair, keyed by pair id (a request without `pair`). */
export function allPairs(listing: Listing = BUILT_IN): AskedPair[] {
  return listing.pairs.map((pair) => ({ pair, key: pair.id }));
}

/** Comma list of pair names (ids, altnames, slash names) → pairs; any unknown name fails the request. */
export function resolvePairList(text: string, listing: Listing = BUILT_IN): AskedPair[] {
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw invalidArgument('pair');
  return names.map((name) => {
    const pair = listing.resolvePair(name);
    if (!pair) throw unknownPair();
    return { pair, key: resultKey(name, pair) };
  });
}

/** The one pair a market-data method needs. */
export function requirePair(params: Params, listing: Listing = BUILT_IN): AskedPair {
  if (params.pair === undefined || params.pair.trim() === '') throw invalidArgument('pair');
  const pairs = resolvePairList(params.pair, listing);
  if (pairs.length !== 1) throw invalidArgument('pair');
  return pairs[0] as AskedPair;
}

/** Optional integer in [min, max]; anything else is `EGeneral:Invalid arguments:<field>`. */
export function optionalInt(params: Params, field: string, min: number, max: number): number | undefined {
  const raw = params[field];
  if (raw === undefined || raw === '') return undefined;
  if (!/^-?\d+$/.test(raw.trim())) throw invalidArgument(field);
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min || value > max) throw invalidArgument(field);
  return value;
}

/** Optional non-negative integer cursor kept as BigInt (nanosecond trade cursors exceed 2^53). */
export function optionalCursor(params: Params, field: string): bigint | undefined {
  const raw = params[field]?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{1,25}(\.\d+)?$/.test(raw)) throw invalidArgument(field);
  return BigInt(raw.split('.')[0] as string);
}
