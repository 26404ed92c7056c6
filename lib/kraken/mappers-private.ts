/** Raw private results (already zod-validated) → domain types. */
import { addText, subtractText } from '../decimal';
import type { z } from 'zod';
import type { LedgerEntryRaw, OrderEntry, TradeEntry, apiKeyInfoResult, balanceExResult, tradeBalanceResult } from './schemas';
import { assetIdToCode, type SymbolMap } from './symbols';
import type { ApiKeyInfo, Balance, BalanceEx, LedgerEntry, Order, OwnTrade, TradeBalance } from './types-private';

const codeOf = (assetId: string, map: SymbolMap | undefined) => map?.assetCode(assetId) ?? assetIdToCode(assetId);
const list = (text: string | undefined) => (text ? text.split(',').map((s) => s.trim()).filter(Boolean) : []);

/** Maps Balance `{asset id: amount}`. */
export function toBalances(raw: Record<string, string>, map?: SymbolMap): Balance[] {
  return Object.entries(raw).map(([assetId, balance]) => ({ assetId, asset: codeOf(assetId, map), balance }));
}

/** Maps BalanceEx; available = balance + credit − credit_used − hold_trade. */
export function toBalancesEx(raw: z.output<typeof balanceExResult>, map?: SymbolMap): BalanceEx[] {
  return Object.entries(raw).map(([assetId, b]) => {
    const holdTrade = b.hold_trade ?? '0';
    const credit = b.credit ?? '0';
    const creditUsed = b.credit_used ?? '0';
    const available = subtractText(subtractText(addText(b.balance, credit), creditUsed), holdTrade);
    return { assetId, asset: codeOf(assetId, map), balance: b.balance, holdTrade, credit, creditUsed, available };
  });
}

/** Maps TradeBalance's one-letter fields to names. */
export function toTradeBalance(raw: z.output<typeof tradeBalanceResult>): TradeBalance {
  return {
    equivalentBalance: raw.eb,
    tradeBalance: raw.tb,
    marginUsed: raw.m ?? '0',
    unrealizedPnl: raw.n ?? '0',
    costBasis: raw.c ?? '0',
    floatingValuation: raw.v ?? '0',
    equity: raw.e ?? raw.tb,
    freeMargin: raw.mf ?? raw.e ?? raw.tb,
    marginLevel: raw.ml,
    unexecutedValue: raw.uv,
  };
}

/** Maps one order object. @param txid the key Kraken filed it under */
export function toOrder(txid: string, o: OrderEntry, map?: SymbolMap): Order {
  return {
    txid,
    status: o.status,
    userref: o.userref ?? undefined,
    clOrdId: o.cl_ord_id ?? undefined,
    pair: o.descr.pair,
    symbol: map?.toSymbol(o.descr.pair),
    side: o.descr.type,
    orderType: o.descr.ordertype,
    price: o.descr.price ?? '0',
    price2: o.descr.price2 ?? '0',
    leverage: o.descr.leverage ?? 'none',
    description: o.descr.order ?? '',
    closeDescription: o.descr.close ?? '',
    volume: o.vol,
    volumeExecuted: o.vol_exec,
    cost: o.cost,
    fee: o.fee,
    avgPrice: o.price,
    stopPrice: o.stopprice,
    limitPrice: o.limitprice,
    trigger: o.trigger ?? 'last',
    openTime: o.opentm,
    closeTime: o.closetm,
    startTime: o.starttm ?? 0,
    expireTime: o.expiretm ?? 0,
    reason: o.reason ?? undefined,
    misc: list(o.misc),
    oflags: list(o.oflags),
    tradeIds: o.trades ?? [],
  };
}

/** Maps a `{txid: order}` object to a list, keeping Kraken's order (newest first for ClosedOrders). */
export function toOrders(raw: Record<string, OrderEntry>, map?: SymbolMap): Order[] {
  return Object.entries(raw).map(([txid, o]) => toOrder(txid, o, map));
}

/** Maps one trade object. */
export function toOwnTrade(tradeTxid: string, t: TradeEntry, map?: SymbolMap): OwnTrade {
  const pair = map?.resolve(t.pair);
  return {
    tradeTxid,
    orderTxid: t.ordertxid,
    positionTxid: t.postxid,
    pairId: pair?.pairId ?? t.pair,
    symbol: pair?.symbol,
    time: t.time,
    side: t.type,
    orderType: t.ordertype,
    price: t.price,
    cost: t.cost,
    fee: t.fee,
    volume: t.vol,
    margin: t.margin ?? '0',
    leverage: t.leverage,
    misc: t.misc ?? '',
    ledgerIds: t.ledgers ?? [],
    tradeId: t.trade_id,
    maker: t.maker,
  };
}

/** Maps one ledger entry. */
export function toLedgerEntry(ledgerId: string, l: LedgerEntryRaw, map?: SymbolMap): LedgerEntry {
  return {
    ledgerId,
    refid: l.refid,
    time: l.time,
    type: l.type,
    subtype: l.subtype ?? '',
    aclass: l.aclass ?? 'currency',
    assetId: l.asset,
    asset: codeOf(l.asset, map),
    amount: l.amount,
    fee: l.fee,
    balance: l.balance,
  };
}

/** Kraken's 0 means "not set" for GetApiKeyInfo's times and restrictions. */
const unlessZero = (n: number | undefined) => (n === undefined || n === 0 ? undefined : n);

/** Maps GetApiKeyInfo; the account's IBAN is dropped (the desk has no use for it). */
export function toApiKeyInfo(raw: z.output<typeof apiKeyInfoResult>): ApiKeyInfo {
  return {
    name: raw.apiKeyName,
    apiKey: raw.apiKey,
    permissions: raw.permissions,
    ipAllowlist: raw.ipAllowlist,
    nonceWindow: raw.nonceWindow,
    nonce: raw.nonce,
    validUntil: unlessZero(raw.validUntil),
    queryFrom: unlessZero(raw.queryFrom),
    queryTo: unlessZero(raw.queryTo),
    createdTime: unlessZero(raw.createdTime),
    modifiedTime: unlessZero(raw.modifiedTime),
    lastUsed: unlessZero(raw.lastUsed),
  };
}
