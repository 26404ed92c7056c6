/**
 * REST reference data: Time, SystemStatus, Assets, AssetPairs — Kraken's exact result shapes.
 */
import type { Market } from './market';
import { ASSETS, type AssetInfo, type ListedPair, resolveAsset } from './markets';
import { invalidArgument, unknownAsset } from './rest-errors';
import { allPairs, resolvePairList, type Listing, type Params } from './rest-params';
import { krakenRfc1123, rfc3339Seconds } from './wire-time';

export function time(market: Market): unknown {
  const ms = market.now();
  return { unixtime: Math.floor(ms / 1000), rfc1123: krakenRfc1123(ms) };
}

export function systemStatus(market: Market): unknown {
  return { status: market.status(), timestamp: rfc3339Seconds(market.now()) };
}

function assetRecord(a: AssetInfo): unknown {
  return {
    aclass: 'currency',
    altname: a.altname,
    decimals: a.decimals,
    display_decimals: a.displayDecimals,
    collateral_value: a.collateralValue,
    ...(a.collateralValue > 0 && a.code !== 'USD' ? { margin_rate: 0.02 } : {}),
    status: 'enabled',
  };
}

export function assets(params: Params): unknown {
  const aclass = params.aclass ?? 'currency';
  if (aclass !== 'currency' && aclass !== 'tokenized_asset') throw invalidArgument('aclass');
  if (aclass === 'tokenized_asset') return {};
  let list: readonly AssetInfo[] = ASSETS;
  if (params.asset !== undefined) {
    const names = params.asset.split(',').map((s) => s.trim()).filter(Boolean);
    if (names.length === 0) throw invalidArgument('asset');
    list = names.map((n) => {
      const asset = resolveAsset(n);
      if (!asset) throw unknownAsset();
      return asset;
    });
  }
  const out: Record<string, unknown> = {};
  for (const a of list) out[a.id] = assetRecord(a);
  return out;
}

function pairRecord(p: ListedPair, info: string): unknown {
  const fees = { fees: p.fees, fees_maker: p.feesMaker, fee_volume_currency: 'ZUSD' };
  const leverage = { leverage_buy: p.leverage, leverage_sell: p.leverage };
  const margin = { margin_call: 80, margin_stop: 40, margin_level: 40 };
  if (info === 'fees') return fees;
  if (info === 'leverage') return leverage;
  if (info === 'margin') return margin;
  return {
    altname: p.altname,
    wsname: p.wsname,
    aclass_base: 'currency',
    base: p.base,
    aclass_quote: 'currency',
    quote: p.quote,
    lot: 'unit',
    cost_decimals: p.costDecimals,
    pair_decimals: p.pairDecimals,
    lot_decimals: p.lotDecimals,
    lot_multiplier: 1,
    ...leverage,
    ...fees,
    margin_call: 80,
    margin_stop: 40,
    ordermin: p.ordermin,
    costmin: p.costmin,
    tick_size: p.tickSize,
    status: 'online',
    ...(p.leverage.length > 0 ? { long_position_limit: 250, short_position_limit: 200 } : {}),
  };
}

export function assetPairs(params: Params, listing?: Listing): unknown {
  const info = params.info ?? 'info';
  if (!['info', 'leverage', 'fees', 'margin'].includes(info)) throw invalidArgument('info');
  const aclass = params.aclass_base ?? 'currency';
  if (aclass !== 'currency' && aclass !== 'tokenized_asset') throw invalidArgument('aclass_base');
  if (aclass === 'tokenized_asset') return {};
  const list = params.pair !== undefined ? resolvePairList(params.pair, listing) : allPairs(listing);
  const out: Record<string, unknown> = {};
  for (const { pair, key } of list) out[key] = pairRecord(pair, info);
  return out;
}
