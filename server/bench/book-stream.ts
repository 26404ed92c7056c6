import { bookChecksum, type TextLevel } from '../../lib/kraken/checksum';
import { seededRandom } from '../../lib/kraken/testing/seeded-random';

/**
 * A seeded WS v2 book stream (snapshot + updates) as wire text, with correct checksums computed by the
 * naive reference (sorted maps, truncate, checksum). Both book implementations replay the same text.
 */
export interface BookStream {
  depth: number;
  pricePrecision: number;
  qtyPrecision: number;
  messages: string[];
}

export function makeBookStream(options: { seed: number; updates: number; depth: number }): BookStream {
  const { depth } = options;
  const pricePrecision = 1;
  const qtyPrecision = 8;
  const random = seededRandom(options.seed);
  const ticks = (n: number) => (n / 10).toFixed(pricePrecision);
  const qty = () => (random() * 5 + 0.00000001).toFixed(qtyPrecision);
  const asks = new Map<number, string>();
  const bids = new Map<number, string>();
  let mid = 1_139_000; // in ticks of 0.1
  for (let i = 1; i <= depth; i++) {
    asks.set(mid + i, qty());
    bids.set(mid - i, qty());
  }
  const sortedSide = (side: Map<number, string>, dir: 1 | -1) => [...side].sort((a, b) => dir * (a[0] - b[0]));
  const text = (levels: [number, string][]): TextLevel[] => levels.slice(0, 10).map(([p, q]) => ({ price: ticks(p), qty: q }));
  const wireLevels = (levels: [number, string][]) => levels.map(([p, q]) => `{"price":${ticks(p)},"qty":${q}}`).join(',');
  const frame = (type: 'snapshot' | 'update', a: [number, string][], b: [number, string][], checksum: number) =>
    `{"channel":"book","type":"${type}","data":[{"symbol":"BTC/USD","bids":[${wireLevels(b)}],"asks":[${wireLevels(a)}],"checksum":${checksum},"timestamp":"2026-11-25T12:00:00.000000Z"}]}`;
  const truncate = () => {
    for (const [side, dir] of [[asks, 1], [bids, -1]] as const) {
      const keep = sortedSide(side, dir).slice(0, depth);
      side.clear();
      for (const [p, q] of keep) side.set(p, q);
    }
  };

  const messages: string[] = [];
  const a0 = sortedSide(asks, 1);
  const b0 = sortedSide(bids, -1);
  messages.push(frame('snapshot', a0, b0, bookChecksum(text(a0), text(b0))));
  for (let n = 0; n < options.updates; n++) {
    if (random() < 0.05) mid += random() < 0.5 ? -1 : 1;
    const changes: { side: 'asks' | 'bids'; price: number; qty: string }[] = [];
    const count = 1 + Math.floor(random() * 3);
    for (let k = 0; k < count; k++) {
      const sideName = random() < 0.5 ? 'asks' : 'bids';
      const side = sideName === 'asks' ? asks : bids;
      const offset = 1 + Math.floor(random() * depth * 1.2);
      const price = sideName === 'asks' ? mid + offset : mid - offset;
      const remove = side.has(price) && random() < 0.3;
      changes.push({ side: sideName, price, qty: remove ? (0).toFixed(qtyPrecision) : qty() });
    }
    for (const c of changes) {
      const side = c.side === 'asks' ? asks : bids;
      if (Number(c.qty) === 0) side.delete(c.price);
      else side.set(c.price, c.qty);
    }
    // Keep the book uncrossed: drop levels on the wrong side of the other side's best.
    const bestBid = Math.max(...bids.keys());
    for (const p of [...asks.keys()]) if (p <= bestBid) {
      asks.delete(p);
      changes.push({ side: 'asks', price: p, qty: (0).toFixed(qtyPrecision) });
    }
    truncate();
    const a = sortedSide(asks, 1);
    const b = sortedSide(bids, -1);
    const pick = (s: 'asks' | 'bids') => changes.filter((c) => c.side === s).map((c): [number, string] => [c.price, c.qty]);
    messages.push(frame('update', pick('asks'), pick('bids'), bookChecksum(text(a), text(b))));
  }
  return { depth, pricePrecision, qtyPrecision, messages };
}
