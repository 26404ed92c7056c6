import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { type RunningExchange, startExchange } from './exchange';
import { PAIRS } from './markets';
import type { WireJson } from './test-ws-client';

let ex: RunningExchange;
const DECIMAL = /^\d+\.\d+$/;

async function api(path: string, init?: RequestInit): Promise<{ status: number; body: { error: string[]; result?: WireJson } }> {
  const res = await fetch(`${ex.restUrl}${path}`, init);
  return { status: res.status, body: (await res.json()) as { error: string[]; result?: WireJson } };
}

async function ok(path: string): Promise<WireJson> {
  const { status, body } = await api(path);
  assert.equal(status, 200);
  assert.deepEqual(body.error, [], path);
  return body.result;
}

describe('public REST', () => {
  before(async () => {
    ex = await startExchange({ seed: 21 });
  });
  after(async () => {
    await ex.close();
  });

  it('Time and SystemStatus', async () => {
    const time = await ok('/0/public/Time');
    assert.ok(Number.isInteger(time.unixtime) && Math.abs(time.unixtime - Date.now() / 1000) < 5);
    assert.match(time.rfc1123, /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} \+0000$/);
    const status = await ok('/0/public/SystemStatus');
    assert.equal(status.status, 'online');
    assert.match(status.timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('Assets: all, filtered by any name, unknown', async () => {
    const all = await ok('/0/public/Assets');
    assert.equal(Object.keys(all).length, 31);
    assert.deepEqual(Object.keys(all.XXBT).sort(), ['aclass', 'altname', 'collateral_value', 'decimals', 'display_decimals', 'margin_rate', 'status']);
    assert.equal(all.ZUSD.altname, 'USD');
    const some = await ok('/0/public/Assets?asset=XBT,DOGE,ZUSD');
    assert.deepEqual(Object.keys(some), ['XXBT', 'XXDG', 'ZUSD']);
    assert.deepEqual((await api('/0/public/Assets?asset=NOPE')).body, { error: ['EQuery:Unknown asset'] });
  });

  it('AssetPairs: keyed by pair id, all fields, info variants, name forms', async () => {
    const all = await ok('/0/public/AssetPairs');
    assert.deepEqual(Object.keys(all), PAIRS.map((p) => p.id));
    const btc = all.XXBTZUSD;
    assert.equal(btc.altname, 'XBTUSD');
    assert.equal(btc.wsname, 'XBT/USD');
    assert.equal(btc.base, 'XXBT');
    assert.equal(btc.quote, 'ZUSD');
    assert.equal(btc.pair_decimals, 1);
    assert.equal(btc.lot_decimals, 8);
    assert.equal(btc.cost_decimals, 5);
    assert.equal(btc.tick_size, '0.1');
    assert.equal(btc.ordermin, '0.00005');
    assert.equal(btc.costmin, '0.5');
    assert.equal(btc.status, 'online');
    assert.deepEqual(btc.fees[0], [0, 0.4]);
    assert.deepEqual(btc.fees_maker[0], [0, 0.25]);
    assert.equal(btc.fee_volume_currency, 'ZUSD');
    const some = await ok('/0/public/AssetPairs?pair=BTC/USD,XDGUSD,ETH-USD');
    assert.deepEqual(Object.keys(some), ['BTC/USD', 'XDGUSD', 'XETHZUSD']);
    const fees = await ok('/0/public/AssetPairs?pair=XBTUSD&info=fees');
    assert.deepEqual(Object.keys(fees.XXBTZUSD).sort(), ['fee_volume_currency', 'fees', 'fees_maker']);
    const leverage = await ok('/0/public/AssetPairs?pair=XBTUSD&info=leverage');
    assert.deepEqual(leverage.XXBTZUSD, { leverage_buy: [2, 3, 4, 5], leverage_sell: [2, 3, 4, 5] });
    assert.deepEqual((await api('/0/public/AssetPairs?info=everything')).body, { error: ['EGeneral:Invalid arguments:info'] });
    assert.deepEqual((await api('/0/public/AssetPairs?pair=XBTUSD,NOPE')).body, { error: ['EQuery:Unknown asset pair'] });
  });

  it('Ticker: all pairs or a list, Kraken field layout', async () => {
    const all = await ok('/0/public/Ticker');
    assert.equal(Object.keys(all).length, 30);
    const t = (await ok('/0/public/Ticker?pair=XBTUSD')).XXBTZUSD;
    assert.deepEqual(Object.keys(t).sort(), ['a', 'b', 'c', 'h', 'l', 'o', 'p', 't', 'v']);
    assert.equal(t.a.length, 3);
    assert.equal(t.b.length, 3);
    assert.equal(t.c.length, 2);
    for (const key of ['v', 'p', 'l', 'h']) assert.ok(t[key].every((x: unknown) => typeof x === 'string' && DECIMAL.test(x as string)), key);
    assert.ok(t.t.every((n: unknown) => Number.isInteger(n)));
    assert.match(t.a[0], /^\d+\.\d{5}$/, 'REST prices carry 5 decimals');
    assert.ok(Number(t.b[0]) < Number(t.a[0]));
    assert.ok(Number(t.l[1]) <= Number(t.c[0]) && Number(t.c[0]) <= Number(t.h[1]));
    const change = ((Number(t.c[0]) - Number(t.o)) / Number(t.o)) * 100;
    assert.ok(Number.isFinite(change));
  });

  it('OHLC: 720 rows ending with the open one, since/last in seconds, interval checked', async () => {
    const r = await ok('/0/public/OHLC?pair=XBTUSD&interval=60');
    const rows = r.XXBTZUSD as unknown[][];
    assert.equal(rows.length, 720, 'at most 720 rows, the open one included');
    const row = rows[0] as unknown[];
    assert.equal(row.length, 8);
    assert.ok(Number.isInteger(row[0]) && Number.isInteger(row[7]));
    for (const i of [1, 2, 3, 4, 5, 6]) assert.match(row[i] as string, DECIMAL);
    const lastRow = rows[rows.length - 1] as unknown[];
    assert.equal(lastRow[0], Math.floor(Date.now() / 1000 / 3600) * 3600, 'last row is the open candle');
    assert.equal(r.last, (rows[rows.length - 2] as unknown[])[0], 'last = newest committed');
    const polled = (await ok(`/0/public/OHLC?pair=XBTUSD&interval=60&since=${r.last}`)).XXBTZUSD as unknown[][];
    assert.equal(polled.length, 1, 'polling with last returns only the open candle');
    const old = (await ok('/0/public/OHLC?pair=XBTUSD&since=0')).XXBTZUSD as unknown[][];
    assert.equal(old.length, 720, 'since cannot reach further back than 720 rows');
    for (const interval of [1, 5, 15, 30, 60, 240, 1440, 10080, 21600]) {
      assert.equal(((await ok(`/0/public/OHLC?pair=ETHUSD&interval=${interval}`)).XETHZUSD as unknown[]).length, 720, `interval ${interval}`);
    }
    assert.deepEqual((await api('/0/public/OHLC?pair=XBTUSD&interval=7')).body, { error: ['EGeneral:Invalid arguments:interval'] });
    assert.deepEqual((await api('/0/public/OHLC?interval=5')).body, { error: ['EGeneral:Invalid arguments:pair'] });
    assert.deepEqual((await api('/0/public/OHLC?pair=XBTUSD&since=abc')).body, { error: ['EGeneral:Invalid arguments:since'] });
  });

  it('Depth: count levels each side, sorted, with timestamps', async () => {
    const r = (await ok('/0/public/Depth?pair=XBT/USD&count=500'))['XBT/USD'];
    assert.equal(r.asks.length, 500);
    assert.equal(r.bids.length, 500);
    for (let i = 1; i < 500; i++) {
      assert.ok(Number(r.asks[i][0]) > Number(r.asks[i - 1][0]));
      assert.ok(Number(r.bids[i][0]) < Number(r.bids[i - 1][0]));
    }
    assert.ok(Number(r.bids[0][0]) < Number(r.asks[0][0]));
    assert.match(r.asks[0][1], /^\d+\.\d{8}$/);
    assert.ok(Number.isInteger(r.asks[0][2]));
    assert.equal((await ok('/0/public/Depth?pair=XBTUSD')).XXBTZUSD.asks.length, 100, 'default count 100');
    for (const bad of ['0', '501', 'x', '1.5']) {
      assert.deepEqual((await api(`/0/public/Depth?pair=XBTUSD&count=${bad}`)).body, { error: ['EGeneral:Invalid arguments:count'] });
    }
    assert.deepEqual((await api('/0/public/Depth?pair=NOPE')).body, { error: ['EQuery:Unknown asset pair'] });
  });

  it('Trades: rows, ns cursor in last, paging with since', async () => {
    const r = await ok('/0/public/Trades?pair=ETHUSD');
    const rows = r.XETHZUSD as unknown[][];
    assert.ok(rows.length >= 100);
    const row = rows[0] as unknown[];
    assert.equal(row.length, 7);
    assert.match(row[0] as string, DECIMAL);
    assert.match(row[1] as string, DECIMAL);
    assert.equal(typeof row[2], 'number');
    assert.ok(['b', 's'].includes(row[3] as string));
    assert.ok(['m', 'l'].includes(row[4] as string));
    assert.equal(row[5], '');
    assert.ok(Number.isInteger(row[6]));
    assert.match(r.last, /^\d{19}$/);
    const firstPage = (await ok('/0/public/Trades?pair=ETHUSD&count=10')).XETHZUSD as unknown[][];
    assert.equal(firstPage.length, 10);
    const middle = rows[rows.length - 6] as unknown[];
    const cursor = BigInt(Math.round((middle[2] as number) * 1000)) * 1_000_000n;
    const after = await ok(`/0/public/Trades?pair=ETHUSD&since=${cursor}`);
    assert.ok((after.XETHZUSD as unknown[]).length >= 1);
    assert.ok(BigInt(after.last) > cursor);
    const none = await ok(`/0/public/Trades?pair=ETHUSD&since=${r.last}0`);
    assert.deepEqual(none.XETHZUSD, []);
    assert.deepEqual((await api('/0/public/Trades?pair=ETHUSD&count=1001')).body, { error: ['EGeneral:Invalid arguments:count'] });
  });

  it('Spread: [time, bid, ask] rows and last', async () => {
    const r = await ok('/0/public/Spread?pair=XBTUSD');
    const rows = r.XXBTZUSD as unknown[][];
    assert.ok(rows.length >= 1 && rows.length <= 200);
    const row = rows[rows.length - 1] as unknown[];
    assert.ok(Number.isInteger(row[0]));
    assert.ok(Number(row[1]) < Number(row[2]));
    assert.equal(r.last, row[0]);
    const later = await ok(`/0/public/Spread?pair=XBTUSD&since=${r.last}`);
    assert.ok((later.XXBTZUSD as unknown[][]).every((x) => (x[0] as number) > r.last));
  });

  it('accepts POST with form and JSON bodies', async () => {
    const form = await api('/0/public/Depth', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'pair=XBTUSD&count=2' });
    assert.equal(form.body.result.XXBTZUSD.asks.length, 2);
    const json = await api('/0/public/Depth', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"pair":"XBTUSD","count":3}' });
    assert.equal(json.body.result.XXBTZUSD.asks.length, 3);
  });

  it('answers bad input with Kraken errors and HTTP 200, never crashing', async () => {
    assert.deepEqual(await api('/0/public/Nope'), { status: 200, body: { error: ['EGeneral:Unknown method'] } });
    const garbage = await api('/0/public/Depth', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"pair":' });
    assert.deepEqual(garbage, { status: 200, body: { error: ['EGeneral:Invalid arguments'] } });
    const nested = await api('/0/public/Depth', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"pair":{"x":1}}' });
    assert.deepEqual(nested.body, { error: ['EGeneral:Invalid arguments'] });
    const huge = await api('/0/public/Depth', { method: 'POST', body: `pair=${'X'.repeat(70_000)}` });
    assert.equal(huge.status, 413);
    assert.deepEqual(huge.body.error, ['EGeneral:Invalid arguments:body too large']);
    const outside = await fetch(`${ex.restUrl}/index.html`);
    assert.equal(outside.status, 404);
    await outside.text();
    assert.equal((await ok('/0/public/Time')).unixtime > 0, true, 'still up');
  });

  it('honours armed faults on public methods', async () => {
    const arm = (kind: string, method: string) =>
      fetch(`${ex.controlUrl}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind, method, count: 1 }) }).then((r) => r.json());
    await arm('unavailable', 'Ticker');
    assert.deepEqual((await api('/0/public/Ticker?pair=XBTUSD')).body, { error: ['EService:Unavailable'] });
    assert.deepEqual((await api('/0/public/Ticker?pair=XBTUSD')).body.error, [], 'fires once');
    await arm('lost-response', 'Time');
    const url = new URL(`${ex.restUrl}/0/public/Time`);
    const outcome = await new Promise<string>((resolve) => {
      const req = request(url, (res) => resolve(`answered ${res.statusCode}`));
      req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      req.end();
    });
    assert.equal(outcome, 'ECONNRESET');
    assert.ok((await ok('/0/public/Time')).unixtime > 0);
  });
});
