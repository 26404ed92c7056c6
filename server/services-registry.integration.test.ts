import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, it } from 'node:test';
import { forEachStore } from '../lib/db/contract/stores';
import {
  deskServices,
  deskServicesReady,
  installDeskServicesBuilder,
  processEntry,
  resetDeskServices,
  type DeskServiceRegistry,
} from '../lib/desk-services';
import { AppError } from '../lib/errors';
import { loadEnv, type Env } from '../lib/env';
import { KrakenError } from '../lib/kraken/errors';
import { startExchange, type RunningExchange } from './simulator/exchange';
import { buildDeskServices } from './services-builder';

/**
 * The process registry as `next start` builds it (server/next-shape.ts): lazily, on the first use, with the real
 * builder over a real store and the built-in exchange. Concurrent first requests share one build and one start
 * (migrations, demo members, private-path loops); a failed start is tried again by the next request; a second
 * copy of the registry module (as Next's bundles and the custom server each load one) reaches the same services.
 */

let exchange: RunningExchange;
const key = { key: `reg-${randomBytes(6).toString('hex')}`, secret: randomBytes(64).toString('base64') };
const dirs: string[] = [];

before(async () => {
  exchange = await startExchange({ apiKeys: [key] });
});
after(async () => {
  await exchange.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await resetDeskServices();
});

function envFor(location: string): Env {
  const dataDir = mkdtempSync(join(tmpdir(), 'kd-registry-'));
  dirs.push(dataDir);
  const postgres = location.startsWith('postgres');
  return loadEnv({
    NODE_ENV: 'test',
    DESK_MODE: 'demo',
    DATA_DIR: dataDir,
    ...(postgres ? { DATABASE_URL: location } : { DATABASE_PATH: join(dataDir, 'desk.sqlite') }),
    KRAKEN_REST_URL: exchange.restUrl,
    KRAKEN_WS_URL: exchange.wsUrl,
    KRAKEN_WS_AUTH_URL: exchange.wsAuthUrl,
    KRAKEN_API_KEY: key.key,
    KRAKEN_API_SECRET: key.secret,
  });
}

/** Installs the real builder, counting builds and starts; `failFirstStarts` starts throw before doing anything. */
function countingBuilder(env: Env, failFirstStarts = 0) {
  const counts = { builds: 0, starts: 0, logs: [] as string[] };
  installDeskServicesBuilder(() => {
    counts.builds++;
    const built = buildDeskServices(env, { shape: 'next', webSocketUpgrades: false, log: (line) => counts.logs.push(line) });
    return {
      ...built,
      start: async () => {
        counts.starts++;
        if (counts.starts <= failFirstStarts) throw new Error('database not reachable yet');
        await built.start();
      },
    };
  });
  return counts;
}

/** What a request does first (lib/server/session.ts currentMember): wait for the services, then read a member. */
async function firstRequest(i: number): Promise<{ services: DeskServiceRegistry; found: boolean }> {
  if (i % 3 === 0) deskServices(); // some code reaches the services synchronously before awaiting them
  const services = await deskServicesReady();
  return { services, found: Boolean(await services.db.members.findByUsername('trader')) };
}

forEachStore('the lazy services registry', (store) => {
  it('40 concurrent first requests build the services once, start them once, and all see migrated, seeded data', async () => {
    const opened = await store.open({ migrate: false });
    try {
      const counts = countingBuilder(envFor(opened.location));
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => firstRequest(i)));
      assert.equal(counts.builds, 1);
      assert.equal(counts.starts, 1);
      assert.ok(results.every((r) => r.services === results[0]?.services), 'one registry for every request');
      assert.ok(results.every((r) => r.found), 'every request found the demo members');
      assert.deepEqual(counts.logs.filter((l) => l.startsWith('Demo members created')), ['Demo members created: admin, trader, viewer (password kraken-demo)']);
      const services = deskServices();
      assert.equal((await services.db.members.list()).length, 3);
      // process entries are made once too, whoever asks first
      const throttles = await Promise.all(Array.from({ length: 10 }, async () => processEntry('login-throttle', () => ({}) as never)));
      assert.ok(throttles.every((t) => t === throttles[0]));
      // the private-path loops run (a key is configured): the dead-man state comes from the started loop
      assert.equal(services.deadMan().refreshing, true);
      assert.equal(services.shape, 'next');
    } finally {
      await resetDeskServices();
      await opened.close();
    }
  });

  it('a start that fails is tried again by the next request, without building the services twice', async () => {
    const opened = await store.open({ migrate: false });
    try {
      const counts = countingBuilder(envFor(opened.location), 1);
      const first = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => firstRequest(i)));
      assert.ok(first.every((r) => r.status === 'rejected' && /not reachable yet/.test(String(r.reason))), 'the concurrent callers shared the one failed start');
      assert.equal(counts.starts, 1);
      const again = await Promise.all(Array.from({ length: 10 }, (_, i) => firstRequest(i)));
      assert.ok(again.every((r) => r.found));
      assert.equal(counts.builds, 1);
      assert.equal(counts.starts, 2);
    } finally {
      await resetDeskServices();
      await opened.close();
    }
  });
});

it('a second copy of the registry module (another bundle) reaches the same services, and errors stay instanceof across copies', async () => {
  const counts = countingBuilder(envFor('unused'));
  const services = await deskServicesReady();
  // a query string makes Node load the modules again, as a separate bundle would hold them
  const copy = (await import(`../lib/desk-services.ts?copy=${Date.now()}`)) as typeof import('../lib/desk-services');
  assert.equal(copy.deskServices(), services);
  assert.equal(await copy.deskServicesReady(), services);
  assert.equal(counts.builds, 1);
  const errorsCopy = (await import(`../lib/errors.ts?copy=${Date.now()}`)) as typeof import('../lib/errors');
  assert.notEqual(errorsCopy.AppError, AppError);
  assert.ok(new errorsCopy.AppError('desk_frozen') instanceof AppError);
  const krakenCopy = (await import(`../lib/kraken/errors.ts?copy=${Date.now()}`)) as typeof import('../lib/kraken/errors');
  assert.ok(new krakenCopy.KrakenError('invalid_nonce', 'EAPI:Invalid nonce') instanceof KrakenError);
  // the Kraken client the registry built throws errors every copy recognises
  const failure = await services.kraken.private.cancelOrder({ txid: 'ONOTEX-ISTS0-000000' }).then(() => undefined, (error: unknown) => error);
  assert.ok(failure instanceof krakenCopy.KrakenError, `expected a KrakenError, got ${String(failure)}`);
});
