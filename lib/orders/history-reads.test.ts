import assert from 'node:assert/strict';
import { test } from 'node:test';
import { historyReads } from './history-reads';

interface Row { id: string; symbol: string; side: 'buy' | 'sell'; time: number }

/** 120 rows newest first, served 50 a page like Kraken, honouring start (exclusive) and end (inclusive). */
function source() {
  const rows: Row[] = Array.from({ length: 120 }, (_, i) => ({ id: `T${i}`, symbol: i < 100 ? 'BTC/USD' : 'ETH/USD', side: 'buy', time: 10_000 - i }));
  const calls: { ofs: number; start?: number; end?: number }[] = [];
  return {
    calls,
    load: async (ofs: number, bounds: { start?: number; end?: number }) => {
      calls.push({ ofs, ...bounds });
      const inRange = rows.filter((r) => (bounds.start === undefined || r.time > bounds.start) && (bounds.end === undefined || r.time <= bounds.end));
      return { rows: inRange.slice(ofs, ofs + 50), count: inRange.length };
    },
    idOf: (r: Row) => r.id,
    view: (r: Row) => r,
  };
}

test('pair and side filters page over one cached scan of the time range; Kraken is read once per page', async () => {
  const s = source();
  const reads = historyReads(s, () => 0);
  const eth = await reads.get({ symbol: 'ETH' }, 0);
  assert.deepEqual([eth.total, eth.rows.length, eth.complete], [20, 20, true]);
  assert.deepEqual(s.calls.map((c) => c.ofs), [0, 50, 100]);
  const btcPage2 = await reads.get({ symbol: 'BTC', side: 'buy' }, 1);
  assert.deepEqual([btcPage2.total, btcPage2.rows[0]?.id, btcPage2.rows.length], [100, 'T50', 50]);
  const all = await reads.get({ symbol: 'BTC/USD' }, 'all');
  assert.equal(all.rows.length, 100);
  assert.equal(s.calls.length, 3, 'the second and third filters reused the scan');
});

test('a time range alone is Kraken\'s own page with its count; a range with a pair scans only that range', async () => {
  const s = source();
  const reads = historyReads(s, () => 0);
  const page = await reads.get({ from: 9_900, to: 9_990 }, 0);
  assert.deepEqual(s.calls, [{ ofs: 0, start: 9_899, end: 9_990 }]);
  // times 9_900 … 9_990, both ends included, whether Kraken pages them or the desk scans
  assert.equal(page.total, 91);
  const btc = await reads.get({ from: 9_900, to: 9_990, symbol: 'BTC' }, 0);
  assert.equal(btc.total, 90, 'BTC rows are 9_901 … 9_990; 9_900 is the first ETH row');
  const later = await reads.get({ from: 9_890, symbol: 'ETH' }, 0);
  assert.equal(later.total, 11);
});
