/**
 * The exchange's listing: the 30 USD pairs of seed-markets.json named the way Kraken names them
 * (legacy X/Z asset ids where Kraken still uses them), with Kraken-style precision, minimums and fees.
 */
import seed from './seed-markets.json' with { type: 'json' };
import type { PairInfo } from './types';

/** Kraken Pro's volume-tiered schedule (30-day USD volume → percent), the one AssetPairs reports. */
export const TAKER_FEES: [number, number][] = [
  [0, 0.4], [10000, 0.35], [50000, 0.24], [100000, 0.22], [250000, 0.2],
  [500000, 0.18], [1000000, 0.16], [2500000, 0.14], [5000000, 0.12], [10000000, 0.1],
];
export const MAKER_FEES: [number, number][] = [
  [0, 0.25], [10000, 0.2], [50000, 0.14], [100000, 0.12], [250000, 0.1],
  [500000, 0.08], [1000000, 0.06], [2500000, 0.04], [5000000, 0.02], [10000000, 0],
];
/** Stablecoin/FX pairs have their own, lower schedule on Kraken. */
export const STABLE_TAKER_FEES: [number, number][] = [
  [0, 0.2], [50000, 0.16], [100000, 0.12], [250000, 0.08], [500000, 0.04], [1000000, 0],
];
export const STABLE_MAKER_FEES: [number, number][] = STABLE_TAKER_FEES;

/** An asset as REST `Assets` and the WS `instrument` channel describe it. */
export interface AssetInfo {
  /** REST id, e.g. XXBT, ZUSD, SOL */
  id: string;
  /** REST altname, e.g. XBT */
  altname: string;
  /** WS v2 / common code, e.g. BTC */
  code: string;
  decimals: number;
  displayDecimals: number;
  collateralValue: number;
}

/** A listed pair plus what the synthetic market needs to animate it. */
export interface ListedPair extends PairInfo {
  name: string;
  rank: number;
  /** seed last price (decimal text) and seed 24h change in percent */
  seedPrice: string;
  seedChangePct: number;
  leverage: number[];
  stable: boolean;
}

interface Row {
  code: string;
  assetId: string;
  assetAlt: string;
  pairId: string;
  altname: string;
  wsname: string;
  pd: number;
  ld: number;
  ordermin: string;
  assetDecimals: number;
  leverage?: number[];
}

const legacy = (code: string, assetId: string, assetAlt: string, pd: number, ld: number, ordermin: string, leverage?: number[]): Row => ({
  code, assetId, assetAlt, pairId: `${assetId}ZUSD`, altname: `${assetAlt}USD`, wsname: `${assetAlt}/USD`,
  pd, ld, ordermin, assetDecimals: 10, leverage,
});
const modern = (code: string, pd: number, ld: number, ordermin: string, assetDecimals = 10, leverage?: number[]): Row => ({
  code, assetId: code, assetAlt: code, pairId: `${code}USD`, altname: `${code}USD`, wsname: `${code}/USD`,
  pd, ld, ordermin, assetDecimals, leverage,
});

/** Kraken naming and precision for each seed asset (common code → row). */
const ROWS: Record<string, Row> = {
  BTC: legacy('BTC', 'XXBT', 'XBT', 1, 8, '0.00005', [2, 3, 4, 5]),
  ETH: legacy('ETH', 'XETH', 'ETH', 2, 8, '0.001', [2, 3, 4, 5]),
  XRP: { ...legacy('XRP', 'XXRP', 'XRP', 5, 8, '2', [2, 3, 4, 5]), assetDecimals: 8 },
  USDT: { ...modern('USDT', 4, 8, '5', 8), pairId: 'USDTZUSD', altname: 'USDTUSD' },
  BNB: modern('BNB', 2, 8, '0.01'),
  SOL: modern('SOL', 2, 8, '0.02', 10, [2, 3, 4]),
  USDC: modern('USDC', 4, 8, '5', 8),
  TRX: modern('TRX', 6, 8, '20', 8),
  DOGE: {
    code: 'DOGE', assetId: 'XXDG', assetAlt: 'XDG', pairId: 'XDGUSD', altname: 'XDGUSD', wsname: 'XDG/USD',
    pd: 7, ld: 8, ordermin: '20', assetDecimals: 8, leverage: [2, 3],
  },
  ADA: modern('ADA', 6, 8, '5', 8, [2, 3]),
  HYPE: modern('HYPE', 3, 8, '0.1'),
  SUI: modern('SUI', 4, 8, '1'),
  XLM: { ...legacy('XLM', 'XXLM', 'XLM', 6, 8, '10', [2]), assetDecimals: 8 },
  LINK: modern('LINK', 5, 8, '0.2', 10, [2, 3]),
  BCH: modern('BCH', 2, 8, '0.01', 10, [2]),
  HBAR: modern('HBAR', 5, 8, '20', 8),
  AVAX: modern('AVAX', 2, 8, '0.1', 10, [2, 3]),
  TON: modern('TON', 4, 8, '1', 9),
  USDE: modern('USDE', 4, 8, '5', 8),
  LEO: modern('LEO', 3, 8, '0.5', 8),
  LTC: legacy('LTC', 'XLTC', 'LTC', 2, 8, '0.05', [2, 3]),
  SHIB: modern('SHIB', 8, 0, '400000', 5),
  DOT: modern('DOT', 4, 8, '1', 10, [2, 3]),
  UNI: modern('UNI', 3, 8, '0.5'),
  XMR: { ...legacy('XMR', 'XXMR', 'XMR', 2, 8, '0.03'), assetDecimals: 10 },
  DAI: modern('DAI', 5, 8, '5'),
  BGB: modern('BGB', 4, 8, '1', 8),
  PEPE: modern('PEPE', 9, 0, '400000', 2),
  CRO: modern('CRO', 5, 8, '30', 8),
  AAVE: modern('AAVE', 2, 8, '0.02'),
};

const STABLECOINS = new Set(['USDT', 'USDC', 'USDE', 'DAI']);

/** The quote asset of every listed pair. */
export const USD: AssetInfo = { id: 'ZUSD', altname: 'USD', code: 'USD', decimals: 4, displayDecimals: 2, collateralValue: 1 };

function buildListing(): { pairs: ListedPair[]; assets: AssetInfo[] } {
  const pairs: ListedPair[] = [];
  const assets: AssetInfo[] = [];
  for (const entry of seed.assets) {
    const row = ROWS[entry.symbol];
    if (!row) throw new Error(`seed-markets.json lists ${entry.symbol}, which markets.ts does not name`);
    const stable = STABLECOINS.has(row.code);
    pairs.push({
      id: row.pairId,
      altname: row.altname,
      wsname: row.wsname,
      symbol: `${row.code}/USD`,
      base: row.assetId,
      quote: 'ZUSD',
      baseCode: row.code,
      quoteCode: 'USD',
      pairDecimals: row.pd,
      lotDecimals: row.ld,
      costDecimals: 5,
      tickSize: row.pd === 0 ? '1' : `0.${'0'.repeat(row.pd - 1)}1`,
      ordermin: row.ordermin,
      costmin: '0.5',
      fees: stable ? STABLE_TAKER_FEES : TAKER_FEES,
      feesMaker: stable ? STABLE_MAKER_FEES : MAKER_FEES,
      name: entry.name,
      rank: entry.rank,
      seedPrice: entry.price_usd,
      seedChangePct: Number(entry.change_24h_pct),
      leverage: row.leverage ?? [],
      stable,
    });
    assets.push({
      id: row.assetId,
      altname: row.assetAlt,
      code: row.code,
      decimals: row.assetDecimals,
      displayDecimals: Math.min(row.assetDecimals, stable ? 4 : 5),
      collateralValue: stable ? 1 : row.leverage ? 0.9 : 0,
    });
  }
  assets.push(USD);
  return { pairs, assets };
}

const listing = buildListing();
/** Every listed pair, in seed (market size) order. */
export const PAIRS: readonly ListedPair[] = listing.pairs;
/** Every asset of the listing, quote currency (ZUSD) last. */
export const ASSETS: readonly AssetInfo[] = listing.assets;

const byName = new Map<string, ListedPair>();
for (const p of PAIRS) {
  const slashless = p.symbol.replace('/', '');
  for (const name of [p.id, p.altname, p.wsname, p.symbol, slashless, p.symbol.replace('/', '-'), p.wsname.replace('/', '-')]) {
    byName.set(name.toUpperCase(), p);
  }
}

/** Accepts pair id, altname, WS v1 name, v2 symbol, `BTCUSD` and `BTC-USD` (case-insensitive). */
export function resolvePair(input: string): ListedPair | undefined {
  return byName.get(input.trim().toUpperCase());
}

const assetByName = new Map<string, AssetInfo>();
for (const a of ASSETS) for (const name of [a.id, a.altname, a.code]) assetByName.set(name.toUpperCase(), a);

/** Accepts asset id (XXBT), altname (XBT) or common code (BTC). */
export function resolveAsset(input: string): AssetInfo | undefined {
  return assetByName.get(input.trim().toUpperCase());
}

/** The asset record of a pair's base. */
export function baseAsset(pair: PairInfo): AssetInfo {
  const asset = assetByName.get(pair.base.toUpperCase());
  if (!asset) throw new Error(`no asset ${pair.base}`);
  return asset;
}
