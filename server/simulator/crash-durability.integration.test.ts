/**
 * A real exchange process (`server/simulator/main.ts`, as `npm run exchange` starts it) answers an order and is
 * killed with SIGKILL the moment the answer arrives; restarted on the same data directory, the order is there.
 * Both doors: REST AddOrder (with a fill that moved balances, and a burst of concurrent orders) and WS v2
 * add_order on /auth/v2. The nonce window lets the concurrent requests arrive in any order.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import WebSocket from 'ws';
import { signRequest } from '../../lib/kraken/sign';
import type { Loose } from './trading/test-helpers';

const KEY = 'crash-key';
const SECRET = Buffer.from('crash durability secret for the built-in exchange').toString('base64');
const dataDir = mkdtempSync(join(tmpdir(), 'kd-crash-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

interface Running {
  child: ChildProcessWithoutNullStreams;
  restUrl: string;
  wsAuthUrl: string;
}

async function start(): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/simulator/main.ts'], {
    env: { ...process.env, EXCHANGE_PORT: '0', EXCHANGE_DATA: dataDir, EXCHANGE_SEED: '9', EXCHANGE_API_KEY: KEY, EXCHANGE_API_SECRET: SECRET, EXCHANGE_TIER: 'pro', EXCHANGE_NONCE_WINDOW: '1000000' },
  });
  let out = '';
  child.stderr.on('data', (chunk: Buffer) => { out += chunk.toString(); });
  return new Promise<Running>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`exchange did not start: ${out}`)), 20_000);
    child.on('exit', (code) => reject(new Error(`exchange exited (${code}): ${out}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const rest = /REST\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      const auth = /WS auth\s+(ws:\/\/127\.0\.0\.1:\d+\/auth\/v2)/.exec(out);
      if (rest && auth && /control\s+http/.test(out)) {
        clearTimeout(timer);
        resolve({ child, restUrl: rest[1] as string, wsAuthUrl: auth[1] as string });
      }
    });
  });
}

/** SIGKILL: no shutdown hook runs, nothing is flushed. */
async function killHard(running: Running): Promise<void> {
  const exited = new Promise<NodeJS.Signals | null>((resolve) => running.child.once('exit', (_code, signal) => resolve(signal)));
  running.child.kill('SIGKILL');
  assert.equal(await exited, 'SIGKILL');
}

let nonce = BigInt(Date.now()) * 1000n;

async function call(running: Running, method: string, params: Record<string, string> = {}): Promise<Record<string, Loose>> {
  const n = String(++nonce);
  const body = new URLSearchParams({ nonce: n, ...params }).toString();
  const path = `/0/private/${method}`;
  const res = await fetch(`${running.restUrl}${path}`, {
    method: 'POST',
    headers: { 'API-Key': KEY, 'API-Sign': signRequest(path, n, body, SECRET), 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  const answer = (await res.json()) as { error: string[]; result: Record<string, Loose> };
  assert.deepEqual(answer.error, [], `${method}: ${answer.error.join(', ')}`);
  return answer.result;
}

test('an answered order survives kill -9 right after the answer (REST and WS), with its fills and balances', async (t) => {
  const first = await start();
  t.after(() => { if (first.child.exitCode === null) first.child.kill('SIGKILL'); });
  const before = await call(first, 'Balance');
  await call(first, 'AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'market', volume: '0.01' });
  const burst = await Promise.all(Array.from({ length: 20 }, (_, i) =>
    call(first, 'AddOrder', { pair: 'XETHZUSD', type: 'buy', ordertype: 'limit', price: `${100 + i}.00`, volume: '0.01' })));
  const placed = await call(first, 'AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'limit', price: '1000.0', volume: '0.01' });
  await killHard(first);
  const txid = placed.txid[0] as string;
  const burstIds = burst.map((r) => r.txid[0] as string);

  const second = await start();
  t.after(() => { if (second.child.exitCode === null) second.child.kill('SIGKILL'); });
  assert.equal((await call(second, 'QueryOrders', { txid }))[txid].status, 'open', 'the REST order answered just before the kill');
  const fromBurst = await call(second, 'QueryOrders', { txid: burstIds.join(',') });
  assert.deepEqual(burstIds.filter((id) => fromBurst[id]?.status === 'open'), burstIds, 'all 20 concurrent orders');
  const balance = await call(second, 'Balance');
  assert.ok(Number(balance.XXBT) > Number(before.XXBT), `the market buy's fill moved XXBT: ${before.XXBT} → ${balance.XXBT}`);
  assert.equal(Object.keys(await call(second, 'TradesHistory').then((r) => r.trades)).length, 1);

  const token = (await call(second, 'GetWebSocketsToken')).token as string;
  const ws = new WebSocket(second.wsAuthUrl);
  await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject); });
  const answered = new Promise<Record<string, Loose>>((resolve) => ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as Record<string, Loose>;
    if (frame.method === 'add_order') resolve(frame);
  }));
  ws.send(JSON.stringify({ method: 'add_order', req_id: 1, params: { token, order_type: 'limit', side: 'buy', order_qty: 0.02, symbol: 'BTC/USD', limit_price: 1100 } }));
  const frame = await answered;
  await killHard(second);
  ws.terminate();
  assert.equal(frame.success, true, JSON.stringify(frame));
  const wsOrder = frame.result.order_id as string;

  const third = await start();
  t.after(() => { if (third.child.exitCode === null) third.child.kill('SIGKILL'); });
  const open = (await call(third, 'OpenOrders')).open as Record<string, Loose>;
  assert.deepEqual(Object.keys(open).sort(), [txid, wsOrder, ...burstIds].sort());
  assert.equal(open[wsOrder].descr.order, 'buy 0.02000000 XBTUSD @ limit 1100.0');
  await killHard(third);
});
