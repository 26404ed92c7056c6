import type { MarketView, PairInfo } from '../types';
import { D, DECIMAL_TEXT, decimalPlaces, type Dec } from './decimal';
import { ORDER_TYPES, isTriggeredType, type CloseSpec, type Offset, type OrderType, type Side, type TimeInForce } from './model';

/** A rejection carrying Kraken's exact error string. */
export class KrakenError extends Error {
  constructor(readonly krakenMessage: string) {
    super(krakenMessage);
  }
}

export const invalid = (field: string) => new KrakenError(`EGeneral:Invalid arguments:${field}`);

/** An AddOrder request checked against the pair's rules, prices resolved to absolute values. */
export interface OrderRequest {
  pair: PairInfo;
  side: Side;
  ordertype: OrderType;
  /** base volume, or quote amount when `viqc` */
  volume: Dec;
  viqc: boolean;
  displayVol: Dec | null;
  /** absolute limit price (limit/iceberg) or trigger price (triggered types); trailing: initial trigger */
  price: Dec | null;
  /** text shown in descr.price (relative text kept for trailing types) */
  priceText: string;
  price2: Dec | null;
  price2Text: string;
  trailOffset: Offset | null;
  limitOffset: string | null;
  oflags: string[];
  feeInQuote: boolean;
  postOnly: boolean;
  tif: TimeInForce;
  starttm: number;
  expiretm: number;
  userref: number | null;
  clOrdId: string | null;
  trigger: 'last' | 'index';
  validate: boolean;
  close: CloseSpec | null;
}

const RELATIVE = /^([+\-#])?(\d+\.?\d*|\.\d+)(%)?$/;
const FLAGS = new Set(['post', 'fcib', 'fciq', 'nompp', 'viqc']);
const UUID_LONG = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const UUID_SHORT = /^[0-9a-fA-F]{32}$/;
const FREE_TEXT = /^[\x20-\x7e]{1,18}$/;
const MONTH_MS = 31 * 86400_000;

export function isValidClOrdId(id: string): boolean {
  return UUID_LONG.test(id) || UUID_SHORT.test(id) || FREE_TEXT.test(id);
}

export function parseBool(v: string | undefined): boolean {
  return v === 'true' || v === '1' || v === 'True';
}

/** `0` none, `<n>` Unix seconds, `+<n>` seconds from now → milliseconds (0 = none). */
export function parseTime(v: string | undefined, field: string, now: number): number {
  if (v === undefined || v === '' || v === '0') return 0;
  const m = /^(\+)?(\d+(\.\d+)?)$/.exec(v.trim());
  if (!m) throw invalid(field);
  const seconds = Number(m[2]);
  return m[1] ? now + seconds * 1000 : seconds * 1000;
}

/** Rounds a computed price onto the pair's tick grid. */
function onTick(pair: PairInfo, value: Dec): Dec {
  const tick = new D(pair.tickSize);
  return value.div(tick).toDecimalPlaces(0, D.ROUND_HALF_UP).times(tick);
}

/** Checks an absolute price text against decimals and tick size. */
export function checkAbsolutePrice(pair: PairInfo, text: string, field: string): Dec {
  if (!DECIMAL_TEXT.test(text)) throw invalid(field);
  if (decimalPlaces(text) > pair.pairDecimals) throw new KrakenError('EOrder:Invalid price');
  const value = new D(text);
  if (value.lte(0)) throw new KrakenError('EOrder:Invalid price');
  if (!value.mod(pair.tickSize).isZero()) throw new KrakenError('EOrder:Tick size check failed');
  return value;
}

/** Which way `#` moves a price: away from the market so the order does not execute at once. */
function hashDirection(ordertype: OrderType, side: Side): 1 | -1 {
  const belowForBuy = ordertype === 'limit' || ordertype === 'iceberg' || ordertype.startsWith('take-profit');
  return (side === 'buy') === belowForBuy ? -1 : 1;
}

/** Resolves `price`/`price2` text (absolute or `+`/`-`/`#` with optional `%`) against a reference price. */
export function resolvePrice(pair: PairInfo, text: string, field: string, reference: Dec, direction: 1 | -1): Dec {
  if (!/^[+\-#]/.test(text) && !text.endsWith('%')) return checkAbsolutePrice(pair, text, field);
  const m = RELATIVE.exec(text);
  if (!m || !m[1]) throw new KrakenError('EOrder:Invalid price');
  const amount = m[3] ? reference.times(m[2] ?? '0').div(100) : new D(m[2] ?? '0');
  const sign = m[1] === '+' ? 1 : m[1] === '-' ? -1 : direction;
  const value = onTick(pair, reference.plus(amount.times(sign)));
  if (value.lte(0) || reference.lte(0)) throw new KrakenError('EOrder:Invalid price');
  return value;
}

export function parseOffset(text: string, allowMinus: boolean): Offset & { sign: 1 | -1 } {
  const m = RELATIVE.exec(text);
  if (!m || (m[1] !== '+' && !(allowMinus && m[1] === '-'))) throw new KrakenError('EOrder:Invalid price');
  return { value: m[2] ?? '0', pct: m[3] === '%', sign: m[1] === '-' ? -1 : 1 };
}

export function offsetAmount(offset: Offset, reference: Dec): Dec {
  return offset.pct ? reference.times(offset.value).div(100) : new D(offset.value);
}

export interface ParseContext {
  market: MarketView;
  now: number;
}

/** `deadline` (RFC 3339): must lie 2–60 s ahead when given; already passed → `EService:Deadline elapsed`. */
export function checkDeadline(value: string | undefined, now: number): void {
  if (value === undefined || value === '') return;
  const t = Date.parse(value);
  if (Number.isNaN(t) || t > now + 60_000) throw invalid('deadline');
  if (t <= now) throw new KrakenError('EService:Deadline elapsed');
}

/** Validates REST AddOrder parameters in Kraken's order of checks and resolves relative prices. */
export function parseOrderRequest(p: Record<string, string>, ctx: ParseContext, fixedPair?: PairInfo): OrderRequest {
  const pair = fixedPair ?? resolvePairParam(ctx.market, p.pair);
  checkDeadline(p.deadline, ctx.now);
  const side = p.type;
  if (side !== 'buy' && side !== 'sell') throw invalid('type');
  const ordertype = p.ordertype as OrderType;
  if (!(ORDER_TYPES as readonly string[]).includes(ordertype)) throw invalid('ordertype');
  const oflags = (p.oflags ?? '').split(',').map((f) => f.trim()).filter(Boolean);
  if (oflags.some((f) => !FLAGS.has(f)) || (oflags.includes('fcib') && oflags.includes('fciq'))) throw invalid('oflags');
  const viqc = oflags.includes('viqc');
  if (viqc && !(ordertype === 'market' && side === 'buy')) throw invalid('oflags');
  const postOnly = oflags.includes('post');
  if (postOnly && ordertype !== 'limit' && ordertype !== 'iceberg') throw invalid('oflags');

  const volText = p.volume ?? '';
  if (!DECIMAL_TEXT.test(volText)) throw invalid('volume');
  if (decimalPlaces(volText) > (viqc ? pair.costDecimals : pair.lotDecimals)) throw invalid('volume');
  const volume = new D(volText);
  if (volume.lte(0)) throw invalid('volume');

  const last = new D(ctx.market.top(pair.id).last || '0');
  let price: Dec | null = null;
  let priceText = '0';
  let price2: Dec | null = null;
  let price2Text = '0';
  let trailOffset: Offset | null = null;
  let limitOffset: string | null = null;
  if (ordertype !== 'market') {
    if (p.price === undefined || p.price === '') throw invalid('price');
    if (ordertype.startsWith('trailing')) {
      const off = parseOffset(p.price, false);
      trailOffset = { value: off.value, pct: off.pct };
      price = onTick(pair, last.minus(offsetAmount(trailOffset, last).times(side === 'buy' ? -1 : 1)));
      priceText = p.price;
    } else {
      price = resolvePrice(pair, p.price, 'price', last, hashDirection(ordertype, side));
      priceText = price.toFixed(pair.pairDecimals);
    }
  }
  if (ordertype.endsWith('-limit')) {
    if (p.price2 === undefined || p.price2 === '') throw invalid('price2');
    if (ordertype === 'trailing-stop-limit') {
      parseOffset(p.price2, true);
      limitOffset = p.price2;
      price2Text = p.price2;
      price2 = resolvePrice(pair, p.price2, 'price2', price ?? last, 1);
    } else {
      price2 = resolvePrice(pair, p.price2, 'price2', last, hashDirection('limit', side));
      price2Text = price2.toFixed(pair.pairDecimals);
    }
  }

  let displayVol: Dec | null = null;
  if (ordertype === 'iceberg') {
    const dv = p.displayvol ?? '';
    if (!DECIMAL_TEXT.test(dv) || decimalPlaces(dv) > pair.lotDecimals) throw invalid('displayvol');
    displayVol = new D(dv);
    if (displayVol.lt(volume.div(15)) || displayVol.gt(volume) || displayVol.lte(0)) throw invalid('displayvol');
  }

  const tifText = (p.timeinforce ?? 'GTC').toUpperCase();
  if (tifText !== 'GTC' && tifText !== 'IOC' && tifText !== 'GTD') throw invalid('timeinforce');
  const tif = tifText as TimeInForce;
  const starttm = parseTime(p.starttm, 'starttm', ctx.now);
  const expiretm = parseTime(p.expiretm, 'expiretm', ctx.now);
  if (tif === 'GTD' && expiretm === 0) throw invalid('expiretm');
  if (expiretm !== 0 && (expiretm < ctx.now + 5000 || expiretm > ctx.now + MONTH_MS)) throw invalid('expiretm');
  if (tif === 'IOC' && expiretm !== 0) throw invalid('expiretm');

  const trigger = p.trigger ?? 'last';
  if (trigger !== 'last' && trigger !== 'index') throw invalid('trigger');
  if (trigger === 'index') throw new KrakenError('EGeneral:Invalid arguments:Index unavailable');
  if (p.leverage !== undefined && p.leverage !== '' && p.leverage !== 'none') throw new KrakenError('EOrder:Cannot open position');

  let userref: number | null = null;
  if (p.userref !== undefined && p.userref !== '') {
    if (!/^-?\d+$/.test(p.userref)) throw invalid('userref');
    userref = Number(p.userref);
    if (userref < -2147483648 || userref > 2147483647) throw invalid('userref');
  }
  const clOrdId = p.cl_ord_id === undefined || p.cl_ord_id === '' ? null : p.cl_ord_id;
  if (clOrdId !== null && (userref !== null || !isValidClOrdId(clOrdId))) throw invalid('cl_ord_id');

  const refPrice = ordertype === 'market' ? last : (price2 ?? price ?? last);
  const baseVolume = viqc ? (refPrice.gt(0) ? volume.div(refPrice) : volume) : volume;
  if (baseVolume.lt(pair.ordermin)) throw new KrakenError('EOrder:Order minimum not met');
  const cost = viqc ? volume : volume.times(refPrice);
  if (cost.lt(pair.costmin)) throw new KrakenError('EOrder:Cost minimum not met');

  const close = parseClose(p, pair, side, last);
  return {
    close, pair, side, ordertype, volume, viqc, displayVol, price, priceText, price2, price2Text, trailOffset, limitOffset,
    oflags, feeInQuote: oflags.includes('fciq') || (!oflags.includes('fcib') && side === 'buy'), postOnly, tif,
    starttm, expiretm, userref, clOrdId, trigger, validate: parseBool(p.validate),
  };
}

const CLOSE_TYPES = ORDER_TYPES.filter((t) => t !== 'market');

/** `close[ordertype]`, `close[price]`, `close[price2]`: checked now, prices resolved when the close is placed. */
function parseClose(p: Record<string, string>, pair: PairInfo, side: Side, last: Dec): CloseSpec | null {
  const ordertype = p['close[ordertype]'];
  if (ordertype === undefined || ordertype === '') {
    if (p['close[price]'] !== undefined || p['close[price2]'] !== undefined) throw invalid('close[ordertype]');
    return null;
  }
  if (!(CLOSE_TYPES as readonly string[]).includes(ordertype)) throw invalid('close[ordertype]');
  const type = ordertype as OrderType;
  const closeSide: Side = side === 'buy' ? 'sell' : 'buy';
  const price = p['close[price]'];
  if (price === undefined || price === '') throw invalid('close[price]');
  if (type.startsWith('trailing')) parseOffset(price, false);
  else resolvePrice(pair, price, 'close[price]', last, hashDirection(type, closeSide));
  let price2: string | null = null;
  if (type.endsWith('-limit')) {
    price2 = p['close[price2]'] ?? '';
    if (price2 === '') throw invalid('close[price2]');
    if (type === 'trailing-stop-limit') parseOffset(price2, true);
    else resolvePrice(pair, price2, 'close[price2]', last, hashDirection('limit', closeSide));
  }
  return { ordertype: type, price, price2 };
}

/** The AddOrder parameters that place an order's conditional close for `volume`. */
export function closeOrderParams(close: CloseSpec, side: Side, volume: string): Record<string, string> {
  return {
    type: side === 'buy' ? 'sell' : 'buy', ordertype: close.ordertype, volume, price: close.price,
    ...(close.price2 !== null ? { price2: close.price2 } : {}),
  };
}

export function resolvePairParam(market: MarketView, pairText: string | undefined): PairInfo {
  if (pairText === undefined || pairText === '') throw invalid('pair');
  const pair = market.resolvePair(pairText);
  if (!pair) throw new KrakenError('EQuery:Unknown asset pair');
  return pair;
}

export { isTriggeredType };
