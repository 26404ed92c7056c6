import type { MarketView, PairInfo } from '../types';
import { D, ZERO, type Dec } from './decimal';
import type { TradeRecord } from './model';

const WINDOW_MS = 30 * 86400_000;

/** The tier a 30-day volume (in USD) reaches: the last one whose threshold it meets. */
export function tierFor(tiers: [number, number][], volume: Dec): { index: number; pct: Dec } {
  let index = 0;
  tiers.forEach(([threshold], i) => {
    if (volume.gte(threshold)) index = i;
  });
  return { index, pct: new D(tiers[index]?.[1] ?? 0) };
}

/** USD value of `amount` of `asset` at last prices (the asset itself when it is ZUSD). */
export function usdValue(market: MarketView, asset: string, amount: Dec): Dec {
  if (asset === 'ZUSD') return amount;
  const pair = market.pairs.find((p) => p.base === asset && p.quote === 'ZUSD');
  const last = pair ? market.top(pair.id).last : '';
  return last ? amount.times(last) : ZERO;
}

/** Rolling 30-day traded volume in USD, the figure Kraken's fee tiers are keyed on. */
export class VolumeTracker {
  private readonly entries: { time: number; usd: Dec }[] = [];
  private sum = ZERO;

  constructor(private readonly market: MarketView, trades: TradeRecord[]) {
    for (const t of [...trades].sort((a, b) => a.time - b.time)) this.add(t);
  }

  add(t: TradeRecord): void {
    const pair = this.market.resolvePair(t.pairId);
    const usd = pair ? usdValue(this.market, pair.quote, new D(t.cost)) : ZERO;
    this.entries.push({ time: t.time, usd });
    this.sum = this.sum.plus(usd);
  }

  volume(now: number): Dec {
    while (this.entries.length > 0 && (this.entries[0]?.time ?? now) < now - WINDOW_MS) {
      this.sum = this.sum.minus(this.entries.shift()?.usd ?? ZERO);
    }
    return this.sum;
  }
}

/** TradeVolume's per-pair fee block: current fee, its bounds and the next tier. */
export function feeInfo(tiers: [number, number][], volume: Dec): Record<string, string | null> {
  const { index, pct } = tierFor(tiers, volume);
  const next = tiers[index + 1];
  const pcts = tiers.map(([, p]) => p);
  return {
    fee: pct.toFixed(4),
    minfee: new D(Math.min(...pcts)).toFixed(4),
    maxfee: new D(Math.max(...pcts)).toFixed(4),
    nextfee: next ? new D(next[1]).toFixed(4) : null,
    nextvolume: next ? new D(next[0]).toFixed(4) : null,
    tiervolume: new D(tiers[index]?.[0] ?? 0).toFixed(4),
  };
}

export function makerTiers(pair: PairInfo): [number, number][] {
  return pair.feesMaker.length ? pair.feesMaker : pair.fees;
}
