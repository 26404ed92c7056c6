/**
 * A mirror's listing: the built-in listing's pairs that the source lists too, each carrying the source's rules
 * (precision, tick, minimums, fee schedule) as AssetPairs reports them. Naming stays the built-in listing's,
 * which is Kraken's.
 */
import type { AssetPair } from '../../../lib/kraken/types';
import { type ListedPair, PAIRS, resolvePair } from '../markets';

const tiers = (list: AssetPair['feesTaker']): [number, number][] => list.map((t) => [Number(t.volume), Number(t.percent)]);

/** Overlays the source's rules on a listed pair (a copy; the built-in listing is shared by every instance). */
export function withSourceRules(pair: ListedPair, source: AssetPair): ListedPair {
  return {
    ...pair,
    pairDecimals: source.pairDecimals,
    lotDecimals: source.lotDecimals,
    costDecimals: source.costDecimals,
    tickSize: source.tickSize,
    ordermin: source.ordermin ?? pair.ordermin,
    costmin: source.costmin ?? pair.costmin,
    fees: source.feesTaker.length > 0 ? tiers(source.feesTaker) : pair.fees,
    feesMaker: source.feesMaker.length > 0 ? tiers(source.feesMaker) : pair.feesMaker,
  };
}

/**
 * The pairs to mirror: `wanted` names (any form) or every built-in pair, kept only where the source lists the
 * pair; throws naming the wanted pairs the source does not list.
 */
export function mirrorListing(source: readonly AssetPair[], wanted?: readonly string[]): ListedPair[] {
  const bySymbol = new Map(source.map((p) => [p.symbol, p]));
  const chosen: ListedPair[] = [];
  const missing: string[] = [];
  for (const name of wanted ?? PAIRS.map((p) => p.symbol)) {
    const pair = resolvePair(name);
    const rules = pair ? bySymbol.get(pair.symbol) : undefined;
    if (pair && rules) chosen.push(withSourceRules(pair, rules));
    else if (wanted) missing.push(name);
  }
  if (missing.length > 0) throw new Error(`the market source does not list ${missing.join(', ')}`);
  if (chosen.length === 0) throw new Error('the market source lists none of the built-in pairs');
  return chosen;
}
