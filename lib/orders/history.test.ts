import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../errors';
import { historyQuery, krakenBounds, matchesFilter, needsScan, pageOf, scanPages } from './history';

interface Row { id: string; symbol: string; side: 'buy' | 'sell'; time: number }

/** A Kraken-like history: newest first, 50 a page, with the grand count on every page. */
function krakenPages(rows: Row[]) {
  const offsets: number[] = [];
  return {
    offsets,
    load: async (ofs: number) => {
      offsets.push(ofs);
      return { rows: rows.slice(ofs, ofs + 50), count: rows.length };
    },
  };
}

const history = (n: number): Row[] => Array.from({ length: n }, (_, i) => ({
  id: `T${i}`, symbol: i % 3 === 0 ? 'ETH/USD' : 'BTC/USD', side: i % 2 === 0 ? 'buy' : 'sell', time: 2_000_000 - i,
}));

test('a filter is applied over every Kraken page, not the first 50 rows', async () => {
  const source = krakenPages(history(130));
  const scan = await scanPages(source.load, (r) => matchesFilter(r, { symbol: 'ETH', side: 'sell' }), (r) => r.id);
  assert.deepEqual(source.offsets, [0, 50, 100]);
  assert.equal(scan.complete, true);
  // i % 3 === 0 and odd: 3, 9, 15 … 129
  assert.equal(scan.rows.length, 22);
  assert.equal(scan.rows.at(-1)?.id, 'T129');
  assert.deepEqual(pageOf(scan.rows, 0, 10).map((r) => r.id).slice(0, 3), ['T3', 'T9', 'T15']);
  assert.deepEqual(pageOf(scan.rows, 2, 10).map((r) => r.id), ['T123', 'T129']);
});

test('the scan stops at its bound and says it is incomplete; an empty page ends it too', async () => {
  const source = krakenPages(history(500));
  const bounded = await scanPages(source.load, () => true, (r) => r.id, 4);
  assert.equal(bounded.complete, false);
  assert.equal(bounded.pages, 4);
  assert.equal(bounded.rows.length, 200);
  const shrinking = await scanPages(async () => ({ rows: [], count: 80 }), () => true, (r: Row) => r.id);
  assert.deepEqual(shrinking, { rows: [], complete: true, pages: 1 });
});

test('a row arriving during the scan (shifting older rows back) is not counted twice', async () => {
  const rows = history(60);
  let calls = 0;
  const scan = await scanPages(async (ofs) => {
    // after the first page a new trade lands on top: the second page starts one row earlier than it was
    const now = calls++ === 0 ? rows : [{ id: 'NEW', symbol: 'BTC/USD', side: 'buy' as const, time: 3_000_000 }, ...rows];
    return { rows: now.slice(ofs, ofs + 50), count: now.length };
  }, () => true, (r) => r.id);
  assert.equal(scan.rows.length, 60);
  assert.equal(new Set(scan.rows.map((r) => r.id)).size, 60);
});

test('time bounds: from and to inclusive; Kraken gets start exclusive and end; pair and side need a scan', () => {
  const row = { symbol: 'BTC/USD', side: 'buy', time: 1000 };
  assert.equal(matchesFilter(row, { from: 1000, to: 1000 }), true);
  assert.equal(matchesFilter(row, { from: 1001 }), false);
  assert.equal(matchesFilter(row, { to: 999 }), false);
  assert.equal(matchesFilter({ symbol: 'XXBT', time: 5 }, { side: 'sell' }), true, 'ledger rows have no side');
  assert.deepEqual(krakenBounds({ from: 1000, to: 2000 }), { start: 999, end: 2000 });
  assert.equal(needsScan({ from: 1, to: 2 }), false);
  assert.equal(needsScan({ symbol: 'BTC' }), true);
  assert.equal(needsScan({ side: 'buy' }), true);
});

test('the query is validated: page or all, pair text, side, Unix-second range', () => {
  const q = (s: string) => historyQuery(new URL(`http://desk.test/api/orders/fills?${s}`));
  assert.deepEqual(q('page=2&symbol=btc/usd&side=sell&from=100&to=200'), { page: 2, filter: { symbol: 'BTC/USD', side: 'sell', from: 100, to: 200 } });
  assert.deepEqual(q('all=1&side='), { page: 'all', filter: {} });
  assert.deepEqual(q(''), { page: 0, filter: {} });
  const refused = (s: string, pattern: RegExp) => assert.throws(() => q(s), (e: unknown) => e instanceof AppError && e.status === 400 && pattern.test(e.message));
  refused('page=-1', /page must be a whole number/);
  refused('side=short', /side must be "buy" or "sell"/);
  refused('from=yesterday', /from must be Unix seconds/);
  refused('from=200&to=100', /from must be before to/);
  refused('symbol=%3Cscript%3E', /symbol may hold letters/);
});
