/**
 * Two desk processes — `next start`, no custom server (server/multi/instances.ts;
 * MULTI_INSTANCE_COMMAND=custom-server runs the same proof on `server/index.ts`) — on one PostgreSQL and one key of
 * the built-in exchange, driven over HTTP like browsers would. Every figure is printed as a diagnostic; none is a
 * timing assertion. The production build is made once (server/demo-build.ts) and reused by the e2e stage.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import WebSocket from 'ws';
import { verifyAuditChain } from '../../lib/audit/verify';
import { hashPassword } from '../../lib/auth/password';
import { STORES, type OpenedStore } from '../../lib/db/contract/stores';
import type { Member } from '../../lib/db';
import { createKrakenClient, type KrakenClient } from '../../lib/kraken/rest';
import { utcDay } from '../../lib/orders/limits';
import { ORPHAN_INTENT_AFTER_MS, reconcileOpenIntents } from '../../lib/orders/reconcile';
import { compareDecimal, multiplyText } from '../../lib/decimal';
import { buildIfNeeded } from '../demo-build';
import { restingBuyPrice } from '../orders/fixture';
import { startExchange, type RunningExchange } from '../simulator/exchange';
import { call, inPool, sessionCookie, tally, type Answer } from './desk-api';
import { instanceCommandName, ROOT, startInstance, type DeskInstance } from './instances';
import { waitFor } from '../testing/wait-for';
import { keyEnv } from './testing/direct-client';

const postgres = STORES.find((s) => s.name === 'postgres')!;
const KEY = { key: 'multi-instance-key', secret: Buffer.from('multi instance secret for the built-in exchange').toString('base64') };
const SESSION_PASSWORD = 'multi-instance-session-password-0123456789';
const TOM_PASSWORD = 'correct horse battery staple';
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

describe('two desk instances on one PostgreSQL and one Kraken key', { timeout: 1_800_000 }, () => {
  let store: OpenedStore;
  let exchange: RunningExchange;
  let instances: DeskInstance[];
  let kraken: KrakenClient;
  let price: string;
  let dataDir: string;
  const members: Record<string, Member> = {};
  const cookies: Record<string, string> = {};
  const at = (i: number) => instances[i % 2]!;

  before(async () => {
    const built = Date.now();
    buildIfNeeded(ROOT);
    const buildMs = Date.now() - built;
    store = await postgres.open();
    exchange = await startExchange({ seed: 21, apiKeys: [KEY], tier: 'pro', nonceWindow: 0 });
    exchange.market.stop();
    dataDir = mkdtempSync(join(tmpdir(), 'kd-multi-'));
    const make = async (username: string, role: Member['role'], hash = 'not-a-login') => {
      members[username] = await store.db.members.create({ username, passwordHash: hash, role });
      cookies[username] = await sessionCookie(store.db, members[username]!, SESSION_PASSWORD);
    };
    await make('tom', 'trader', await hashPassword(TOM_PASSWORD));
    for (const name of ['tess', 'kim', 'ada']) await make(name, name === 'ada' ? 'admin' : 'trader');
    for (let i = 1; i <= 20; i++) await make(`m${String(i).padStart(2, '0')}`, 'viewer');
    const env = {
      DESK_MODE: 'live', DATABASE_URL: store.location, SESSION_PASSWORD, DATA_DIR: dataDir, KRAKEN_TIER: 'pro',
      KRAKEN_REST_URL: exchange.restUrl, KRAKEN_WS_URL: exchange.wsUrl, KRAKEN_WS_AUTH_URL: exchange.wsAuthUrl,
      ...keyEnv(KEY),
    };
    const starting = Date.now();
    instances = await Promise.all([startInstance('A', env), startInstance('B', env)]);
    // node:test has no diagnostic in hooks: this line goes to the run's log
    process.stdout.write(`# two-instance proof: ${instanceCommandName()} ×2 (pids ${instances.map((i) => i.pid).join(', ')}); next build ${buildMs > 1000 ? `made in ${buildMs} ms` : 'reused'}; instances answered /api/health in ${Date.now() - starting} ms\n`);
    // The test's own calls to the exchange are a third process on the key: they take the same turn.
    kraken = createKrakenClient({ restUrl: exchange.restUrl, apiKey: KEY.key, apiSecret: KEY.secret, tier: 'pro', ...store.db.shared.krakenKey(KEY.key, { tier: 'pro' }) });
    price = await restingBuyPrice(kraken);
  });

  after(async () => {
    await Promise.all((instances ?? []).map((i) => i.stop()));
    await exchange?.close();
    await store?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const ticket = (volume = '0.001') => ({ symbol: 'BTC/USD', side: 'buy', type: 'limit', volume, price, idempotencyKey: randomUUID() });

  it('the instances are the chosen shape: `next start` has no /ws upgrade (browsers use the SSE feed), the custom server has', async (t) => {
    const shape = instanceCommandName();
    const upgrades = await Promise.all(instances.map((instance) => new Promise<string>((resolve) => {
      const socket = new WebSocket(`${instance.origin.replace('http:', 'ws:')}/ws`, { headers: { cookie: cookies.tom!, origin: instance.origin } });
      socket.once('open', () => {
        socket.terminate();
        resolve('upgraded');
      });
      socket.once('unexpected-response', (_request, response) => {
        response.resume();
        socket.terminate();
        resolve(`HTTP ${response.statusCode}`);
      });
      socket.once('error', (error) => resolve(`error: ${error.message}`));
    })));
    t.diagnostic(`${shape}: /ws on A and B → ${upgrades.join(', ')}`);
    for (const outcome of upgrades) {
      if (shape === 'next-start') assert.notEqual(outcome, 'upgraded');
      else assert.equal(outcome, 'upgraded');
    }
  });

  it('1,000 private calls split across the instances: 0 EAPI:Invalid nonce', async (t) => {
    const started = Date.now();
    const answers = await inPool(32, Array.from({ length: 1000 }, (_, i) => () => call(at(i), cookies.tom!, 'DELETE', '/api/orders/OAAAAA-BBBBB-CCCCCC')));
    const counts = tally(answers);
    t.diagnostic(`1000 cancels (one CancelOrder each) over A+B in ${Date.now() - started} ms → ${JSON.stringify(counts)}`);
    assert.equal(counts.invalid_nonce ?? 0, 0);
    // Kraken answered every call (an unknown txid), so every one was signed, sent and accepted in nonce order.
    assert.equal(counts.order_not_open, 1000, JSON.stringify(counts));
  });

  it('50 concurrent submits of one idempotency key over both instances place exactly 1 order', async (t) => {
    const one = ticket();
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => call(at(i), cookies.tom!, 'POST', '/api/orders', one)));
    const txids = new Set(answers.map((a) => (a.body?.order as { txid?: string } | undefined)?.txid ?? `error:${a.code}`));
    const onExchange = (await kraken.private.openOrders({ clOrdId: one.idempotencyKey })).length;
    t.diagnostic(`50 submits of one key → ${txids.size} distinct answer(s) ${JSON.stringify(tally(answers))}, ${onExchange} order(s) on the exchange`);
    assert.equal(txids.size, 1, [...txids].join(', '));
    assert.equal(onExchange, 1);
    assert.equal(answers.filter((a) => a.status === 201).length, 50);
  });

  it("a burst of 12 orders on each instance all answer with Kraken's status, from the executions feed each instance holds", async (t) => {
    // past the read-back budget (5 at once per instance) the answers used to say `submitted`; the feed's reports cost no call
    const answers = await Promise.all(Array.from({ length: 24 }, (_, i) => call(at(i), cookies.tom!, 'POST', '/api/orders', ticket())));
    const statuses = answers.map((a) => (a.body?.order as { status?: string } | undefined)?.status ?? `error:${a.code}`);
    t.diagnostic(`12 concurrent orders on each instance → statuses A: ${statuses.filter((_, i) => i % 2 === 0).join(', ')}; B: ${statuses.filter((_, i) => i % 2 === 1).join(', ')}`);
    assert.deepEqual(statuses, Array(24).fill('open'));
  });

  it("40 concurrent orders of one member over both instances never exceed the member's daily limit", async (t) => {
    const tess = members.tess!;
    const notional = multiplyText('0.001', price);
    const maxDay = multiplyText(notional, '10.5');
    await store.db.limits.set(tess.id, { maxOrderUsd: null, maxDayUsd: maxDay, allowedPairs: null, allowedTypes: null }, members.ada!.id);
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => call(at(i), cookies.tess!, 'POST', '/api/orders', ticket())));
    const placed = answers.filter((a) => a.status === 201).length;
    const used = await store.db.deskOrders.dayNotional(tess.id, utcDay(new Date()));
    t.diagnostic(`40 orders of ${notional} USD against a ${maxDay} USD day → ${placed} placed, ${used} USD used ${JSON.stringify(tally(answers))}`);
    assert.ok(compareDecimal(used, maxDay) <= 0, `${used} > ${maxDay}`);
    assert.equal(placed, 10, 'ten fit, the rest are refused');
    assert.ok(answers.every((a) => a.status === 201 || a.status === 422 || a.status === 403), JSON.stringify(tally(answers)));
  });

  it('20 members × 100 refreshes across both instances: 0 rate-limit errors from the exchange', async (t) => {
    const started = Date.now();
    const perMember = await Promise.all(Array.from({ length: 20 }, async (_, m) => {
      const cookie = cookies[`m${String(m + 1).padStart(2, '0')}`]!;
      const answers: Answer[] = [];
      for (let r = 0; r < 100; r++) {
        // a refresh is the account poll of a desk page: balances and open orders in turn
        answers.push(await call(at(m + r), cookie, 'GET', r % 2 ? '/api/orders?status=open' : '/api/balances'));
      }
      return answers;
    }));
    const answers = perMember.flat();
    const counts = tally(answers);
    t.diagnostic(`${answers.length} refreshes (balances and open orders in turn) in ${Date.now() - started} ms → ${JSON.stringify(counts)}`);
    assert.equal(counts.rate_limited ?? 0, 0);
    assert.equal(counts['200'], answers.length, JSON.stringify(counts));
  });

  it('a sign-out on instance A ends the session on instance B at once', { skip: CHROMIUM ? false : 'no chromium' }, async (t) => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--disable-gpu', '--disable-dev-shm-usage'] });
    try {
      const page = await browser.newPage();
      const [a, b] = instances as [DeskInstance, DeskInstance];
      await page.goto(`${a.origin}/login`, { timeout: 120_000 });
      await page.getByLabel('Username').fill('tom');
      await page.getByLabel('Password').fill(TOM_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/markets$/, { timeout: 120_000, waitUntil: 'commit' });
      const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
      const before = await call(b, cookie, 'GET', '/api/balances');
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/\/login/, { timeout: 120_000, waitUntil: 'commit' });
      const afterOnB = await call(b, cookie, 'GET', '/api/balances');
      const afterOnA = await call(a, cookie, 'GET', '/api/balances');
      t.diagnostic(`cookie from A on B: ${before.status} before sign-out, ${afterOnB.status} after (A: ${afterOnA.status})`);
      assert.equal(before.status, 200);
      assert.equal(afterOnB.status, 401);
      assert.equal(afterOnA.status, 401);
    } finally {
      await browser.close();
    }
  });

  it('kill -9 of one instance mid-burst leaves no order without an audit row, and the audit chain verifies', async (t) => {
    const tickets = Array.from({ length: 40 }, () => ticket());
    const [a, b] = instances as [DeskInstance, DeskInstance];
    let answered = 0;
    const burst = Promise.all(tickets.map((one, i) => call(at(i), cookies.kim!, 'POST', '/api/orders', one).then((answer) => {
      answered++;
      return answer;
    })));
    // Kill B once the burst is under way: some of its orders are answered, some in flight, some not started.
    await waitFor(() => answered >= 6, 'six of the burst answered', { timeoutMs: 60_000, intervalMs: 5 });
    await b.crash();
    const answers = await burst;
    const keys = new Set<string>(tickets.map((x) => x.idempotencyKey));
    const onExchange = (await kraken.private.openOrders()).filter((o) => o.clOrdId && keys.has(o.clOrdId));
    const intents = new Set((await store.db.audit.all()).filter((r) => r.action === 'order.place' && r.phase === 'intent').map((r) => r.idempotencyKey));
    const unaudited = onExchange.filter((o) => !intents.has(o.clOrdId!));
    const chain = await verifyAuditChain(store.db);
    t.diagnostic(`burst of 40 over A+B, B killed after ${answered >= 6 ? 'the 6th answer' : '?'}: ${JSON.stringify(tally(answers))}; ${onExchange.length} on the exchange, ${unaudited.length} without an audit intent; chain ${chain.ok ? 'verifies' : 'BROKEN'} over ${await store.db.audit.count()} rows`);
    assert.equal(unaudited.length, 0);
    assert.ok(answers.some((x) => x.code === 'network'), 'some requests were cut by the kill');
    assert.equal(chain.ok, true, JSON.stringify(chain));
    // A keeps serving after its peer died (the signer lock B held went with its connection).
    assert.equal((await call(a, cookies.kim!, 'POST', '/api/orders', ticket())).status, 201);

    // B's intents whose answer it never wrote: once older than any call can take, the surviving instance's periodic
    // pass (lib/orders/startup.ts) completes them against the exchange; here the same pass, with the clock moved on.
    const orphans = (await store.db.audit.openIntents()).filter((r) => r.idempotencyKey && keys.has(r.idempotencyKey));
    const later = Date.now() + ORPHAN_INTENT_AFTER_MS;
    const report = await reconcileOpenIntents(store.db, kraken, { olderThanMs: ORPHAN_INTENT_AFTER_MS, now: () => later });
    const rows = await store.db.audit.all();
    const resultFor = (key: string) => {
      const intent = rows.find((r) => r.phase === 'intent' && r.idempotencyKey === key);
      return rows.find((r) => r.phase === 'result' && r.intentSeq === intent?.seq);
    };
    const unresolved = onExchange.filter((o) => resultFor(o.clOrdId!)?.outcome !== 'ok');
    t.diagnostic(`${orphans.length} intent(s) left open by B → reconciled ${JSON.stringify(report)}; orders on the exchange without an ok result: ${unresolved.length}`);
    assert.deepEqual((await store.db.audit.openIntents()).filter((r) => r.idempotencyKey && keys.has(r.idempotencyKey)), []);
    assert.equal(unresolved.length, 0, 'every order B placed before it died has its result row');
    for (const orphan of orphans) {
      const placed = onExchange.find((o) => o.clOrdId === orphan.idempotencyKey);
      const detail = JSON.parse(resultFor(orphan.idempotencyKey!)!.detail) as { txids?: string[]; notPlaced?: boolean };
      if (placed) assert.deepEqual(detail.txids, [placed.txid]);
      else assert.equal(detail.notPlaced, true);
    }
    assert.equal((await verifyAuditChain(store.db)).ok, true);
  });
});
