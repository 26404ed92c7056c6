import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OrderBook } from '../../lib/kraken/book';
import { parseWireJson } from '../../lib/kraken/wire-json';
import { makeBookStream, type BookStream } from './book-stream';

/**
 * book_apply_ratio: our WS v2 book (parse wire text → apply → truncate → checksum verify) against ccxt's
 * order book doing the same work on the same seeded stream (JSON.parse → store → limit → the checksum
 * string re-padded to the pair precision → ccxt's crc32). ccxt ships Kraken's checksum disabled because it
 * keeps floats; we give it the re-padding it would need so both sides verify every message.
 */

// ccxt's package exports do not list its internals; load them by file from ccxt's own folder.
const ccxtMain = createRequire(import.meta.url).resolve('ccxt');
const ccxtRoot = ccxtMain.slice(0, ccxtMain.lastIndexOf('/node_modules/ccxt/') + '/node_modules/ccxt/'.length);
const ccxtFile = (path: string) => import(pathToFileURL(join(ccxtRoot, path)).href);
type CcxtSide = { store(price: number, size: number): void; length: number; [i: number]: [number, number] };
type CcxtBook = { asks: CcxtSide; bids: CcxtSide; limit(): void };
const { OrderBook: CcxtOrderBook } = (await ccxtFile('js/src/base/ws/OrderBook.js')) as { OrderBook: new (s: object, depth: number) => CcxtBook };
const { crc32: ccxtCrc32 } = (await ccxtFile('js/src/base/functions/crypto.js')) as { crc32: (s: string, signed: boolean) => number };

interface WireBook {
  type: string;
  data: { asks: { price: string | number; qty: string | number }[]; bids: { price: string | number; qty: string | number }[]; checksum: number }[];
}

function runOurs(stream: BookStream): number {
  const book = new OrderBook({ symbol: 'BTC/USD', depth: stream.depth, pricePrecision: stream.pricePrecision, qtyPrecision: stream.qtyPrecision });
  let failures = 0;
  for (const text of stream.messages) {
    const msg = parseWireJson(text) as WireBook;
    const d = msg.data[0]!;
    const result = msg.type === 'snapshot' ? book.applySnapshot(d.asks, d.bids, d.checksum) : book.applyUpdate(d.asks, d.bids, d.checksum);
    if (!result.ok) failures++;
  }
  return failures;
}

function strip(text: string): string {
  const digits = text.replace('.', '');
  let i = 0;
  while (i < digits.length - 1 && digits[i] === '0') i++;
  return digits.slice(i);
}

function runCcxt(stream: BookStream): number {
  let book = new CcxtOrderBook({}, stream.depth);
  let failures = 0;
  const pp = stream.pricePrecision;
  const qp = stream.qtyPrecision;
  for (const text of stream.messages) {
    const msg = JSON.parse(text) as WireBook;
    const d = msg.data[0]!;
    if (msg.type === 'snapshot') book = new CcxtOrderBook({}, stream.depth);
    for (const l of d.asks) book.asks.store(Number(l.price), Number(l.qty));
    for (const l of d.bids) book.bids.store(Number(l.price), Number(l.qty));
    book.limit();
    let payload = '';
    for (const side of [book.asks, book.bids]) {
      for (let i = 0; i < 10 && i < side.length; i++) {
        const [price, size] = side[i]!;
        payload += strip(price.toFixed(pp)) + strip(size.toFixed(qp));
      }
    }
    if (ccxtCrc32(payload, false) !== d.checksum) failures++;
  }
  return failures;
}

function rate(run: (s: BookStream) => number, stream: BookStream, rounds: number): { perSecond: number; failures: number } {
  const samples: number[] = [];
  let failures = 0;
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    failures = run(stream);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    samples.push(stream.messages.length / seconds);
  }
  samples.sort((a, b) => a - b);
  return { perSecond: samples[Math.floor(samples.length / 2)]!, failures };
}

export async function benchBookApply(options: { updates?: number; rounds?: number } = {}) {
  const results: Record<string, number> = {};
  for (const depth of [10, 100]) {
    const stream = makeBookStream({ seed: 42 + depth, updates: options.updates ?? 40_000, depth });
    rate(runOurs, stream, 1);
    rate(runCcxt, stream, 1);
    const ours = rate(runOurs, stream, options.rounds ?? 5);
    const ccxt = rate(runCcxt, stream, options.rounds ?? 5);
    if (ours.failures !== 0) throw new Error(`our book failed ${ours.failures} checksums at depth ${depth}`);
    results[`ours_depth${depth}_per_s`] = Math.round(ours.perSecond);
    results[`ccxt_depth${depth}_per_s`] = Math.round(ccxt.perSecond);
    results[`ccxt_depth${depth}_checksum_failures`] = ccxt.failures;
    results[`book_apply_ratio_depth${depth}`] = ours.perSecond / ccxt.perSecond;
  }
  results.book_apply_ratio = Math.min(results.book_apply_ratio_depth10!, results.book_apply_ratio_depth100!);
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchBookApply());
}
