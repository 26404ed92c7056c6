import type { FaultSwitches, MarketView, PairInfo, SimLevel, SystemStatus, TopOfBook } from '../types';
import { signRequest } from '../../../lib/kraken/sign';
import { createTrading, type Trading, type TradingOptions } from './index';

/**
 * Wire JSON as tests read it: answers are walked field by field and every read is asserted, so a loose type
 * is the honest one here (the production code validates its inputs instead).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

export const BTC: PairInfo = {
  id: 'XXBTZUSD', altname: 'XBTUSD', wsname: 'XBT/USD', symbol: 'BTC/USD', base: 'XXBT', quote: 'ZUSD',
  baseCode: 'BTC', quoteCode: 'USD', pairDecimals: 1, lotDecimals: 8, costDecimals: 5, tickSize: '0.1',
  ordermin: '0.00005', costmin: '0.5', fees: [[0, 0.4], [100000, 0.35]], feesMaker: [[0, 0.25], [100000, 0.2]],
};
export const ETH: PairInfo = {
  id: 'XETHZUSD', altname: 'ETHUSD', wsname: 'ETH/USD', symbol: 'ETH/USD', base: 'XETH', quote: 'ZUSD',
  baseCode: 'ETH', quoteCode: 'USD', pairDecimals: 2, lotDecimals: 8, costDecimals: 5, tickSize: '0.05',
  ordermin: '0.002', costmin: '0.5', fees: [[0, 0.4]], feesMaker: [[0, 0.25]],
};

interface Book {
  asks: SimLevel[];
  bids: SimLevel[];
  last: string;
}

/** A hand-driven market: fixed books, explicit ticks, records what the trading side reported. */
export class FakeMarket implements MarketView {
  readonly pairs = [BTC, ETH];
  readonly books = new Map<string, Book>();
  readonly takerFills: { pairId: string; side: string; price: string; qty: string }[] = [];
  readonly makerFills: { pairId: string; takerSide: string; price: string; qty: string }[] = [];
  private readonly listeners = new Set<(pairId: string, top: TopOfBook) => void>();
  systemStatus: SystemStatus = 'online';

  constructor() {
    this.books.set(BTC.id, {
      asks: [{ price: '30010.0', qty: '1.00000000' }, { price: '30020.0', qty: '2.00000000' }, { price: '30050.0', qty: '5.00000000' }],
      bids: [{ price: '30000.0', qty: '1.00000000' }, { price: '29990.0', qty: '2.00000000' }, { price: '29950.0', qty: '5.00000000' }],
      last: '30005.0',
    });
    this.books.set(ETH.id, {
      asks: [{ price: '2000.05', qty: '10.00000000' }], bids: [{ price: '1999.95', qty: '10.00000000' }], last: '2000.00',
    });
  }

  resolvePair(input: string): PairInfo | undefined {
    const norm = input.replace('XBT', 'BTC');
    return this.pairs.find((p) => p.id === input || p.altname === input || p.wsname === input || p.symbol === norm || p.symbol === input);
  }
  book(pairId: string): Book {
    const b = this.books.get(pairId);
    if (!b) throw new Error(`no book ${pairId}`);
    return b;
  }
  top(pairId: string): TopOfBook {
    const b = this.book(pairId);
    return { bid: b.bids[0]?.price ?? '', ask: b.asks[0]?.price ?? '', last: b.last };
  }
  levels(pairId: string, side: 'asks' | 'bids', count: number): SimLevel[] {
    return this.book(pairId)[side].slice(0, count).map((l) => ({ ...l }));
  }
  recordTakerFill(pairId: string, takerSide: 'buy' | 'sell', price: string, qty: string, side: 'asks' | 'bids'): void {
    this.takerFills.push({ pairId, side: takerSide, price, qty });
    const b = this.book(pairId);
    const level = b[side].find((l) => Number(l.price) === Number(price));
    if (level) {
      const left = Number(level.qty) - Number(qty);
      if (left <= 1e-12) b[side].splice(b[side].indexOf(level), 1);
      else level.qty = left.toFixed(8);
    }
    b.last = price;
    this.emit(pairId);
  }
  recordMakerFill(pairId: string, takerSide: 'buy' | 'sell', price: string, qty: string): void {
    this.makerFills.push({ pairId, takerSide, price, qty });
  }
  onTick(listener: (pairId: string, top: TopOfBook) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  status(): SystemStatus {
    return this.systemStatus;
  }
  /** Moves the whole book so the last trade is `last` (bid/ask one tick either side) and notifies listeners. */
  move(pairId: string, last: string, spread = '10'): void {
    const b = this.book(pairId);
    const l = Number(last);
    const s = Number(spread) / 2;
    const places = pairId === BTC.id ? 1 : 2;
    b.last = last;
    b.asks = [{ price: (l + s).toFixed(places), qty: '5.00000000' }, { price: (l + s * 3).toFixed(places), qty: '5.00000000' }];
    b.bids = [{ price: (l - s).toFixed(places), qty: '5.00000000' }, { price: (l - s * 3).toFixed(places), qty: '5.00000000' }];
    this.emit(pairId);
  }
  emit(pairId: string): void {
    for (const l of this.listeners) l(pairId, this.top(pairId));
  }
}

export class FakeFaults implements FaultSwitches {
  unavailable = new Set<string>();
  lost = new Set<string>();
  takeUnavailable(method: string): boolean {
    return this.unavailable.delete(method);
  }
  takeLostResponse(method: string): boolean {
    return this.lost.delete(method);
  }
}

export const KEY = 'test-key';
export const SECRET = Buffer.from('paper-exchange-secret-0123456789').toString('base64');

export class Clock {
  constructor(public ms = Date.UTC(2026, 0, 1)) {}
  now = (): number => this.ms;
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

export interface Harness {
  trading: Trading;
  market: FakeMarket;
  faults: FakeFaults;
  clock: Clock;
  call(method: string, params?: Record<string, string>): Promise<{ error: string[]; result?: Loose }>;
  ok(method: string, params?: Record<string, string>): Promise<Loose>;
  err(method: string, params?: Record<string, string>): Promise<string>;
}

let nonce = BigInt(Date.now()) * 1000n;

/** The next nonce of the tests' shared, strictly increasing sequence. */
export function nextNonce(): string {
  return String(++nonce);
}

/** Signs a form body the way a real client does. */
export function signedForm(method: string, params: Record<string, string>, secret = SECRET): { body: string; sign: string } {
  const n = nextNonce();
  const body = new URLSearchParams({ nonce: n, ...params }).toString();
  return { body, sign: signRequest(`/0/private/${method}`, n, body, secret) };
}

export function harness(overrides: Partial<TradingOptions> = {}, stepSeconds = 0.5): Harness {
  const market = new FakeMarket();
  const faults = new FakeFaults();
  const clock = new Clock();
  const trading = createTrading({
    market, faults, apiKeys: [{ key: KEY, secret: SECRET }], now: clock.now, tier: 'pro', ...overrides,
  });
  const call = async (method: string, params: Record<string, string> = {}) => {
    // half a second per call keeps the REST counter (pro: 20, −1/s) from filling in long scenarios
    clock.advance(stepSeconds);
    const { body, sign } = signedForm(method, params);
    const res = await trading.handlePrivate(method, body, { apiKey: KEY, apiSign: sign, contentType: 'application/x-www-form-urlencoded' });
    if (res === 'drop') throw new Error('dropped');
    return res.body as { error: string[]; result?: Loose };
  };
  return {
    trading, market, faults, clock, call,
    async ok(method, params) {
      const r = await call(method, params);
      if (r.error.length) throw new Error(`${method} failed: ${r.error.join(',')}`);
      return r.result;
    },
    async err(method, params) {
      const r = await call(method, params);
      if (r.error.length !== 1) throw new Error(`${method} expected one error, got ${JSON.stringify(r)}`);
      return r.error[0]!;
    },
  };
}
