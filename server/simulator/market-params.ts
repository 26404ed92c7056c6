/**
 * How lively each synthetic pair is: volatility, spread, book shape and event rates, derived from the
 * pair's rank and price so BTC/USD is busy and tight while small caps are slower and wider.
 */
import type { ListedPair } from './markets';
import { textToNearestUnits } from './units';

export interface PairParams {
  /** seed price, ticks */
  price: number;
  dailyVol: number;
  /** half of the usual spread, ticks (≥ 1) */
  halfSpread: number;
  /** mean distance between neighbouring levels across the whole book, ticks (≥ 1) */
  meanGap: number;
  /** levels kept on each side */
  depth: number;
  /** typical resting size of one level near the top, lots */
  levelSize: number;
  /** typical taker size, lots */
  tradeSize: number;
  /** minimum order size, lots */
  minSize: number;
  /** mean traded volume per minute for the synthetic history, lots */
  volumePerMinute: number;
  /** book update events per second */
  bookRate: number;
  /** taker trades per second */
  tradeRate: number;
}

/** Levels per side: comfortably above the 1,000 that depth-1000 subscribers need. */
export const BOOK_DEPTH = 1100;

export function pairParams(pair: ListedPair): PairParams {
  const usdPrice = Number(pair.seedPrice);
  const price = Math.max(1, textToNearestUnits(pair.seedPrice, pair.pairDecimals));
  const lotsPerUsd = 10 ** pair.lotDecimals / usdPrice;
  const minSize = Math.max(1, Math.round(Number(pair.ordermin) * 10 ** pair.lotDecimals));
  const isBtc = pair.baseCode === 'BTC';
  const isEth = pair.baseCode === 'ETH';
  const dailyVol = pair.stable ? 0.0006 : isBtc ? 0.02 : isEth ? 0.03 : 0.045;
  const spreadBps = pair.stable ? 1 : isBtc ? 0.05 : isEth ? 0.3 : pair.rank <= 10 ? 2 : 4;
  const dailyUsd = pair.stable ? 40e6 / Math.sqrt(pair.rank) : 400e6 / pair.rank ** 1.2;
  const levelUsd = isBtc ? 25000 : isEth ? 12000 : 4000 / pair.rank ** 0.3;
  const tradeUsd = isBtc ? 3000 : isEth ? 1500 : 600;
  return {
    price,
    dailyVol,
    halfSpread: Math.max(1, Math.round((price * spreadBps) / 1e4 / 2)),
    meanGap: Math.max(1, Math.round((price * 0.06) / BOOK_DEPTH)),
    depth: BOOK_DEPTH,
    levelSize: Math.max(minSize, Math.round(levelUsd * lotsPerUsd)),
    tradeSize: Math.max(minSize, Math.round(tradeUsd * lotsPerUsd)),
    minSize,
    volumePerMinute: Math.max(1, Math.round((dailyUsd / 1440) * lotsPerUsd)),
    bookRate: isBtc ? 6 : isEth ? 4 : pair.rank <= 10 ? 2 : 0.8,
    tradeRate: isBtc ? 1.5 : isEth ? 1 : pair.rank <= 10 ? 0.4 : 0.15,
  };
}
