/** What open orders reserve: each order's hold, and the holds summed per asset (Accounts.available). */
import type { PairInfo } from '../types';
import { D, ZERO, type Dec } from './decimal';
import type { OrderRecord } from './model';

function takerPct(pair: PairInfo): Dec {
  return new D(pair.fees[0]?.[1] ?? 0.4);
}

function makerPct(pair: PairInfo): Dec {
  return new D(pair.feesMaker[0]?.[1] ?? pair.fees[0]?.[1] ?? 0.25);
}

export function remainingOf(o: OrderRecord): Dec {
  return new D(o.vol).minus(o.volExec);
}

/** Price the order's hold is computed at: its limit, else its current trigger estimate. */
function holdPrice(o: OrderRecord): Dec {
  if (o.limitPrice) return new D(o.limitPrice);
  if (o.ordertype === 'limit' || o.ordertype === 'iceberg') return new D(o.price);
  if (o.ordertype.startsWith('trailing')) {
    const off = o.trailOffset;
    const ext = new D(o.trailExtreme ?? 0);
    if (!off) return ext;
    const delta = off.pct ? ext.times(off.value).div(100) : new D(off.value);
    return o.side === 'buy' ? ext.plus(delta) : ext.minus(delta);
  }
  if (o.ordertype.endsWith('-limit')) return new D(o.price2);
  return new D(o.price);
}

/** Funds an open order reserves (at the first, highest fee tier so a hold always covers the fill): quote (with the worst-case fee) for buys, base for sells. */
export function orderHold(o: OrderRecord, pair: PairInfo): { asset: string; amount: Dec } {
  const remaining = remainingOf(o);
  const feeFactor = new D(1).plus(D.max(takerPct(pair), makerPct(pair)).div(100));
  if (o.side === 'buy') {
    const value = remaining.times(holdPrice(o));
    return { asset: pair.quote, amount: o.feeInQuote ? value.times(feeFactor) : value };
  }
  return { asset: pair.base, amount: o.feeInQuote ? remaining : remaining.times(feeFactor) };
}

type Hold = { asset: string; amount: Dec };

/** What orderHold read last time for an order, and what it answered. */
interface HeldBy {
  pair: PairInfo;
  vol: string;
  volExec: string;
  side: OrderRecord['side'];
  ordertype: OrderRecord['ordertype'];
  feeInQuote: boolean;
  price: string;
  price2: string;
  limitPrice: string | null;
  trailExtreme: string | null;
  trailPct: boolean | undefined;
  trailValue: string | undefined;
  hold: Hold;
}

const heldBy = new WeakMap<OrderRecord, HeldBy>();

/**
 * orderHold, worked out again only when a field it reads has changed; an unchanged order answers the very same
 * object, so callers can tell "unchanged" by identity.
 */
export function cachedOrderHold(o: OrderRecord, pair: PairInfo): Hold {
  const last = heldBy.get(o);
  if (last && last.pair === pair && last.vol === o.vol && last.volExec === o.volExec && last.side === o.side
    && last.ordertype === o.ordertype && last.feeInQuote === o.feeInQuote && last.price === o.price && last.price2 === o.price2
    && last.limitPrice === o.limitPrice && last.trailExtreme === o.trailExtreme && last.trailPct === o.trailOffset?.pct
    && last.trailValue === o.trailOffset?.value) return last.hold;
  const hold = orderHold(o, pair);
  heldBy.set(o, {
    pair, vol: o.vol, volExec: o.volExec, side: o.side, ordertype: o.ordertype, feeInQuote: o.feeInQuote, price: o.price,
    price2: o.price2, limitPrice: o.limitPrice, trailExtreme: o.trailExtreme, trailPct: o.trailOffset?.pct, trailValue: o.trailOffset?.value, hold,
  });
  return hold;
}

/**
 * The holds of the open orders summed per asset, kept from one call to the next and adjusted only for the orders whose
 * hold changed, that opened or that left. Every order placed or amended asks for a total, and summing every open
 * order's hold afresh in Decimal made AddOrder grow with the resting orders (2 ms at 500 of them, 12 ms at 3,000).
 * Each call still walks the open orders, but an unchanged one costs a few string comparisons. Exact: holds have few
 * decimals and D keeps 50 digits, so adding and taking away never rounds.
 */
export class HeldTotals {
  private readonly counted = new Map<string, { hold: Hold; seen: number }>();
  private readonly totals = new Map<string, Dec>();
  private pass = 0;

  /** Sum of holds on `asset` over `open`, leaving `exceptOrderId` out when it is one of them. */
  total(open: readonly OrderRecord[], pairOf: (id: string) => PairInfo | undefined, asset: string, exceptOrderId?: string): Dec {
    const pass = ++this.pass;
    let seen = 0;
    for (const o of open) {
      const pair = pairOf(o.pairId);
      if (!pair) continue;
      const hold = cachedOrderHold(o, pair);
      const entry = this.counted.get(o.id);
      if (entry && entry.seen !== pass) seen++;
      if (entry?.hold === hold) {
        entry.seen = pass;
        continue;
      }
      if (entry) this.add(entry.hold, -1);
      this.add(hold, 1);
      if (!entry) seen++;
      this.counted.set(o.id, { hold, seen: pass });
    }
    if (seen < this.counted.size) this.dropUnseen(pass);
    const except = exceptOrderId === undefined ? undefined : this.counted.get(exceptOrderId)?.hold;
    const total = this.totals.get(asset) ?? ZERO;
    return except?.asset === asset ? total.minus(except.amount) : total;
  }

  /** Orders that are no longer open (or whose pair is gone) leave the totals. */
  private dropUnseen(pass: number): void {
    for (const [id, entry] of this.counted) {
      if (entry.seen === pass) continue;
      this.add(entry.hold, -1);
      this.counted.delete(id);
    }
  }

  private add(hold: Hold, sign: 1 | -1): void {
    const now = this.totals.get(hold.asset) ?? ZERO;
    this.totals.set(hold.asset, sign > 0 ? now.plus(hold.amount) : now.minus(hold.amount));
  }
}
