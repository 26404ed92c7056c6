import type { MarketView, PairInfo, TopOfBook } from '../types';
import { Accounts } from './accounts';
import { orderHold, remainingOf } from './holds';
import { D, ZERO, floorTo, type Dec } from './decimal';
import { VolumeTracker, makerTiers, tierFor } from './fees';
import { makeId } from './ids';
import type { AccountState, CloseSpec, LedgerRecord, OrderRecord, TradeRecord } from './model';
import { isLimitKind, isOpenStatus, isTriggeredType } from './model';
import { KrakenError, closeOrderParams, offsetAmount, parseOrderRequest, resolvePrice, type OrderRequest } from './order-request';
import { log } from '../../../lib/log';

export type ExecType = 'pending_new' | 'new' | 'trade' | 'filled' | 'canceled' | 'expired' | 'amended' | 'iceberg_refill';

export interface ExecutionEvent {
  execType: ExecType;
  order: OrderRecord;
  trade?: TradeRecord;
  time: number;
}

export interface EngineListener {
  execution(ev: ExecutionEvent): void;
  ledger(rows: LedgerRecord[]): void;
}

interface Fill {
  price: Dec;
  qty: Dec;
}

/**
 * The paper account's matching: user orders take from the synthetic book (`market.levels`), rest until a tick
 * crosses them, and triggered types watch `last`. One account; every mutation goes through here.
 */
export class MatchingEngine {
  readonly accounts: Accounts;
  /** 30-day USD volume for the fee tiers */
  readonly volume: VolumeTracker;
  private readonly listeners = new Set<EngineListener>();
  private busy = false;
  private readonly queuedTicks = new Map<string, TopOfBook>();
  /** ids of pending/open orders, so ticks do not scan the whole order history */
  private readonly openIds = new Set<string>();
  /** orders accepted but not yet matched (simulated latency, MarketView.matchingDelayMs): id → when they match */
  private readonly delayed = new Map<string, number>();
  /** what mutations changed since the last save (persistence.ts drains it) */
  readonly unsaved = { orders: new Set<string>(), trades: [] as TradeRecord[], ledger: [] as LedgerRecord[] };

  constructor(
    readonly state: AccountState,
    readonly market: MarketView,
    private readonly now: () => number,
    private readonly changed: () => void,
  ) {
    for (const o of Object.values(state.orders)) if (isOpenStatus(o.status)) this.openIds.add(o.id);
    this.accounts = new Accounts(state, (id) => this.pair(id), () => this.openOrders());
    this.volume = new VolumeTracker(market, Object.values(state.trades));
    // resting orders restored from disk queue behind what the (mirrored) book shows at start
    for (const o of this.openOrders()) {
      if (o.status === 'open' && isLimitKind(o.ordertype) && (!isTriggeredType(o.ordertype) || o.triggered)) {
        market.queueFills?.join(o.id, o.pairId, o.side, new D(o.limitPrice ?? o.price).toFixed());
      }
    }
  }

  listen(l: EngineListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  clock(): number {
    return this.now();
  }

  /** After an amend: a triggered type re-checks its trigger, a resting limit takes if its new price crosses. */
  rematch(o: OrderRecord): void {
    const pair = this.pair(o.pairId);
    if (!pair || o.status !== 'open') return;
    if (isTriggeredType(o.ordertype) && !o.triggered) this.checkTrigger(o, pair, this.market.top(pair.id));
    else if (isLimitKind(o.ordertype)) this.enterLimit(o, pair, false);
  }

  pair(id: string): PairInfo | undefined {
    return this.market.resolvePair(id);
  }

  openOrders(): OrderRecord[] {
    const out: OrderRecord[] = [];
    for (const id of this.openIds) {
      const o = this.state.orders[id];
      if (o && isOpenStatus(o.status)) out.push(o);
    }
    return out;
  }

  /** Runs `fn` as one mutation; ticks that arrive meanwhile (our own fills move the book) are handled after. */
  atomically<T>(fn: () => T): T {
    if (this.busy) return fn();
    this.busy = true;
    try {
      return fn();
    } finally {
      this.busy = false;
      this.changed();
      this.drainTicks();
    }
  }

  /** Creates the order (pending_new → new) and runs its first matching pass; throws KrakenError on a reject. */
  place(req: OrderRequest): OrderRecord {
    return this.atomically(() => {
      const t = this.now();
      const o = this.newRecord(req, t);
      if (req.clOrdId && this.openOrders().some((x) => x.clOrdId === req.clOrdId)) {
        throw new KrakenError('EGeneral:Invalid arguments:cl_ord_id');
      }
      if (o.ordertype !== 'market' || o.side === 'sell') this.requireFunds(o);
      else if (o.starttm <= t && !this.fundsCoverFills(o, req.pair, this.walkBook(o, req.pair, null))) {
        throw new KrakenError('EOrder:Insufficient funds');
      }
      this.state.orders[o.id] = o;
      this.openIds.add(o.id);
      this.emit('pending_new', o);
      if (o.starttm > t) return o;
      const delay = this.market.matchingDelayMs ?? 0;
      if (delay > 0) {
        // simulated latency: the order reaches the (mirrored) book only after the delay
        this.delayed.set(o.id, t + delay);
        setTimeout(() => this.atomically(() => this.sweepTimers()), delay).unref();
        return o;
      }
      this.activate(o);
      return o;
    });
  }

  /** Cancel-and-replace (EditOrder): the replacement must fit in what the original frees, else nothing changes. */
  replace(original: OrderRecord, req: OrderRequest): OrderRecord {
    return this.atomically(() => {
      const hold = orderHold(this.newRecord(req, this.now()), req.pair);
      if (hold.amount.gt(this.accounts.available(hold.asset, original.id))) throw new KrakenError('EOrder:Insufficient funds');
      this.close(original, 'canceled', 'Order replaced');
      return this.place(req);
    });
  }

  private newRecord(req: OrderRequest, t: number): OrderRecord {
    const pair = req.pair;
    return {
      id: makeId('O'), pairId: pair.id, side: req.side, ordertype: req.ordertype,
      vol: req.viqc ? '0' : req.volume.toFixed(), quoteVol: req.viqc ? req.volume.toFixed() : null,
      volExec: '0', cost: '0', fee: '0', price: req.priceText, price2: req.price2Text,
      displayVol: req.displayVol?.toFixed() ?? null, displayLeft: req.displayVol?.toFixed() ?? null,
      oflags: req.oflags, feeInQuote: req.feeInQuote, postOnly: req.postOnly, tif: req.tif,
      opentm: t, starttm: req.starttm, expiretm: req.expiretm, closetm: 0, status: 'pending', reason: null, misc: [],
      userref: req.userref, clOrdId: req.clOrdId, trigger: req.trigger, triggered: false,
      trailOffset: req.trailOffset, trailExtreme: req.trailOffset ? this.market.top(pair.id).last : null,
      limitOffset: req.limitOffset,
      limitPrice: req.ordertype === 'limit' || req.ordertype === 'iceberg' ? req.price?.toFixed() ?? null : null,
      lastChange: t, trades: [], close: req.close,
    };
  }

  /** Throws `EOrder:Insufficient funds` when the order's hold does not fit in what the others leave free. */
  requireFunds(o: OrderRecord): void {
    const pair = this.pair(o.pairId);
    if (!pair) return;
    const hold = orderHold(o, pair);
    if (hold.amount.gt(this.accounts.available(hold.asset, o.id))) throw new KrakenError('EOrder:Insufficient funds');
  }

  private activate(o: OrderRecord): void {
    o.status = 'open';
    this.emit('new', o);
    const pair = this.pair(o.pairId);
    if (!pair) return;
    if (o.ordertype === 'market') {
      this.takeAndFinish(o, pair, null);
    } else if (isTriggeredType(o.ordertype)) {
      this.checkTrigger(o, pair, this.market.top(pair.id));
    } else {
      this.enterLimit(o, pair);
    }
  }

  /** A limit (or triggered limit) enters the book: takes what crosses, rests the rest (post-only cancels instead). */
  private enterLimit(o: OrderRecord, pair: PairInfo, firstEntry = true): void {
    const limit = new D(o.limitPrice ?? o.price);
    const top = this.market.top(pair.id);
    const opposite = o.side === 'buy' ? top.ask : top.bid;
    const marketable = opposite !== '' && (o.side === 'buy' ? limit.gte(opposite) : limit.lte(opposite));
    if (marketable && o.postOnly && firstEntry) {
      this.close(o, 'canceled', 'Post only order');
      return;
    }
    if (marketable) {
      const fills = this.walkBook(o, pair, limit);
      if (!this.fundsCoverFills(o, pair, fills)) {
        this.close(o, 'canceled', 'Insufficient funds');
        return;
      }
      this.applyTakerFills(o, pair, fills);
    }
    if (remainingOf(o).lte(0)) this.close(o, 'closed', null);
    else if (o.tif === 'IOC' && firstEntry) this.close(o, 'canceled', 'Immediate or cancel');
    else this.market.queueFills?.join(o.id, pair.id, o.side, limit.toFixed());
  }

  /** Market orders (and triggered market kinds): walk the book, then close; an unfilled rest is cancelled. */
  private takeAndFinish(o: OrderRecord, pair: PairInfo, limit: Dec | null): void {
    const fills = this.walkBook(o, pair, limit);
    if (!this.fundsCoverFills(o, pair, fills)) {
      this.close(o, 'canceled', 'Insufficient funds');
      return;
    }
    this.applyTakerFills(o, pair, fills);
    if (o.quoteVol !== null) o.vol = o.volExec;
    if (remainingOf(o).lte(0) && new D(o.volExec).gt(0)) this.close(o, 'closed', null);
    else {
      if (new D(o.volExec).gt(0)) o.misc.push('partial');
      this.close(o, 'canceled', 'Insufficient liquidity');
    }
  }

  private walkBook(o: OrderRecord, pair: PairInfo, limit: Dec | null): Fill[] {
    const levels = this.market.levels(pair.id, o.side === 'buy' ? 'asks' : 'bids', 1000);
    const fills: Fill[] = [];
    let remaining = o.quoteVol !== null ? new D(o.quoteVol).minus(o.cost) : remainingOf(o);
    for (const lv of levels) {
      const price = new D(lv.price);
      if (limit && (o.side === 'buy' ? price.gt(limit) : price.lt(limit))) break;
      const wanted = o.quoteVol !== null ? floorTo(remaining.div(price), pair.lotDecimals) : remaining;
      const qty = D.min(new D(lv.qty), wanted);
      if (qty.lte(0)) break;
      fills.push({ price, qty });
      remaining = remaining.minus(o.quoteVol !== null ? qty.times(price) : qty);
    }
    return fills;
  }

  private fundsCoverFills(o: OrderRecord, pair: PairInfo, fills: Fill[]): boolean {
    const qty = fills.reduce((s, f) => s.plus(f.qty), ZERO);
    const cost = fills.reduce((s, f) => s.plus(f.qty.times(f.price)), ZERO);
    const feeFactor = new D(1).plus(new D(pair.fees[0]?.[1] ?? 0).div(100));
    if (o.side === 'buy') {
      const need = o.feeInQuote ? cost.times(feeFactor) : cost;
      return need.lte(this.accounts.available(pair.quote, o.id));
    }
    const need = o.feeInQuote ? qty : qty.times(feeFactor);
    return need.lte(this.accounts.available(pair.base, o.id));
  }

  private applyTakerFills(o: OrderRecord, pair: PairInfo, fills: Fill[]): void {
    for (const f of fills) {
      this.market.recordTakerFill(pair.id, o.side, f.price.toFixed(), f.qty.toFixed(), o.side === 'buy' ? 'asks' : 'bids');
      this.fill(o, pair, f.price, f.qty, false);
    }
  }

  private fill(o: OrderRecord, pair: PairInfo, price: Dec, qty: Dec, maker: boolean): void {
    const t = this.now();
    const pct = tierFor(maker ? makerTiers(pair) : pair.fees, this.volume.volume(t)).pct;
    const { trade, ledger } = this.accounts.bookFill(o, pair, price, qty, maker, t, pct);
    this.volume.add(trade);
    this.unsaved.trades.push(trade);
    this.unsaved.ledger.push(...ledger);
    this.emit('trade', o, trade);
    for (const l of this.listeners) this.notify(() => l.ledger(ledger));
  }

  close(o: OrderRecord, status: 'closed' | 'canceled' | 'expired', reason: string | null): void {
    o.status = status;
    o.reason = reason;
    o.closetm = this.now();
    this.openIds.delete(o.id);
    this.delayed.delete(o.id);
    this.market.queueFills?.leave(o.id);
    this.emit(status === 'closed' ? 'filled' : status, o);
    if (o.close && new D(o.volExec).gt(0)) this.placeClose(o, o.close);
  }

  /** Places the conditional close for what the order executed; a close that cannot be placed is dropped. */
  private placeClose(o: OrderRecord, close: CloseSpec): void {
    const pair = this.pair(o.pairId);
    if (!pair) return;
    try {
      const req = parseOrderRequest(closeOrderParams(close, o.side, new D(o.volExec).toFixed(pair.lotDecimals)), { market: this.market, now: this.now() }, pair);
      this.place({ ...req, userref: o.userref });
    } catch (err) {
      if (!(err instanceof KrakenError)) throw err;
    }
  }

  /** Ledger rows booked outside a fill (a paper reset's adjustments): saved and sent to the listeners. */
  publishLedger(rows: LedgerRecord[]): void {
    this.unsaved.ledger.push(...rows);
    for (const l of this.listeners) this.notify(() => l.ledger(rows));
  }

  emit(execType: ExecType, o: OrderRecord, trade?: TradeRecord): void {
    this.unsaved.orders.add(o.id);
    const ev: ExecutionEvent = { execType, order: structuredClone(o), trade, time: this.now() };
    for (const l of this.listeners) this.notify(() => l.execution(ev));
  }

  /** A listener (a socket) failing must not leave an order half-updated. */
  private notify(call: () => void): void {
    try {
      call();
    } catch (err) {
      log.error({ err }, 'trading: listener failed');
    }
  }

  /** Market-side tick: trailing stops follow, triggers fire on `last`, crossed resting limits fill as maker. */
  onTick(pairId: string, top: TopOfBook): void {
    if (this.busy) {
      this.queuedTicks.set(pairId, top);
      return;
    }
    this.atomically(() => {
      this.sweepTimers();
      const pair = this.pair(pairId);
      if (!pair) return;
      for (const o of this.openOrders()) {
        if (o.pairId !== pair.id || o.status !== 'open') continue;
        if (isTriggeredType(o.ordertype) && !o.triggered) this.checkTrigger(o, pair, top);
        else if (isLimitKind(o.ordertype)) this.makerFill(o, pair, top);
      }
    });
  }

  private drainTicks(): void {
    const ticks = [...this.queuedTicks];
    this.queuedTicks.clear();
    for (const [pairId, top] of ticks) this.onTick(pairId, top);
  }

  /**
   * A resting limit's chance to fill. Synthetic market: it fills (one iceberg slice at a time) once a tick
   * crosses it. Mirrored book: the queue model says how much printed volume reached it, and a quote crossing its
   * price fills it at its price up to the visible crossing size.
   */
  private makerFill(o: OrderRecord, pair: PairInfo, top: TopOfBook): void {
    const queue = this.market.queueFills;
    const limit = new D(o.limitPrice ?? o.price);
    const crossed = o.side === 'buy'
      ? (top.ask !== '' && limit.gte(top.ask)) || (!queue && top.last !== '' && limit.gt(top.last))
      : (top.bid !== '' && limit.lte(top.bid)) || (!queue && top.last !== '' && limit.lt(top.last));
    if (!crossed && !queue) return;
    const slice = o.displayLeft !== null ? D.min(new D(o.displayLeft), remainingOf(o)) : remainingOf(o);
    if (slice.lte(0)) return;
    queue?.join(o.id, pair.id, o.side, limit.toFixed());
    let qty = queue ? new D(queue.take(o.id, slice.toFixed())) : slice;
    if (queue && crossed && qty.lt(slice)) {
      for (const f of this.walkBook(o, pair, limit)) {
        const take = D.min(f.qty, slice.minus(qty));
        if (take.lte(0)) break;
        this.market.recordTakerFill(pair.id, o.side, f.price.toFixed(), take.toFixed(), o.side === 'buy' ? 'asks' : 'bids');
        qty = qty.plus(take);
      }
    }
    if (qty.lte(0)) return;
    if (!queue) this.market.recordMakerFill(pair.id, o.side === 'buy' ? 'sell' : 'buy', limit.toFixed(), qty.toFixed());
    this.fill(o, pair, limit, qty, true);
    const remaining = remainingOf(o);
    if (remaining.lte(0)) {
      this.close(o, 'closed', null);
    } else if (o.displayVol !== null && slice.gt(qty)) {
      o.displayLeft = slice.minus(qty).toFixed();
    } else if (o.displayVol !== null) {
      o.displayLeft = D.min(new D(o.displayVol), remaining).toFixed();
      queue?.join(o.id, pair.id, o.side, limit.toFixed(), true);
      this.emit('iceberg_refill', o);
    }
  }

  private checkTrigger(o: OrderRecord, pair: PairInfo, top: TopOfBook): void {
    if (top.last === '') return;
    const last = new D(top.last);
    let stop = new D(o.price === '0' ? 0 : /^[+\-#]/.test(o.price) ? 0 : o.price);
    if (o.trailOffset) {
      const ext = new D(o.trailExtreme ?? top.last);
      const better = o.side === 'sell' ? D.max(ext, last) : D.min(ext, last);
      if (o.trailExtreme !== better.toFixed()) this.unsaved.orders.add(o.id);
      o.trailExtreme = better.toFixed();
      const off = offsetAmount(o.trailOffset, better);
      stop = o.side === 'sell' ? better.minus(off) : better.plus(off);
    }
    const stopKind = o.ordertype.startsWith('stop-loss') || o.ordertype.startsWith('trailing');
    const up = (o.side === 'buy') === stopKind;
    const fired = up ? last.gte(stop) : last.lte(stop);
    if (!fired) return;
    o.triggered = true;
    this.unsaved.orders.add(o.id);
    o.misc.push(stopKind ? 'stopped' : 'touched');
    if (!isLimitKind(o.ordertype)) {
      this.takeAndFinish(o, pair, null);
      return;
    }
    o.limitPrice = o.limitOffset
      ? resolvePrice(pair, o.limitOffset, 'price2', stop, 1).toFixed()
      : new D(o.price2).toFixed();
    this.enterLimit(o, pair);
  }

  /** Scheduled starts, GTD expiry and the dead-man's switch, all against the injected clock. */
  sweepTimers(): void {
    const t = this.now();
    const dm = this.state.deadMan;
    if (dm.triggerAt > 0 && t >= dm.triggerAt) {
      dm.triggerAt = 0;
      for (const o of this.openOrders()) this.close(o, 'canceled', 'Cancel all orders after timeout');
    }
    for (const o of this.openOrders()) {
      if (o.expiretm > 0 && t >= o.expiretm) this.close(o, 'expired', 'Expired');
      else if (o.status === 'pending' && o.starttm <= t && (this.delayed.get(o.id) ?? 0) <= t) {
        this.delayed.delete(o.id);
        this.activate(o);
      }
    }
  }
}
