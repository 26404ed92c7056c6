import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import * as settingsRoute from '../../app/api/me/settings/route';
import { openDatabase } from '../db/database';
import { handleRoute, type RouteEnv } from '../http/handler';
import type { OrderService } from '../orders/service';

async function setup() {
  const db = openDatabase(':memory:');
  const ann = await db.members.create({ username: 'ann', passwordHash: 'h', role: 'viewer' });
  const env: RouteEnv = { currentMember: async () => ann, isAllowedOrigin: (o) => o === 'http://desk', service: () => ({ db, orders: {} as OrderService }) };
  const put = (body: string, origin: string | null = 'http://desk') =>
    handleRoute(settingsRoute.PUT, new Request('http://desk/api/me/settings', {
      method: 'PUT', body, headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
    }), {}, env);
  const get = async () => (await (await handleRoute(settingsRoute.GET, new Request('http://desk/api/me/settings'), {}, env)).json()).settings;
  return { db, put, get };
}

test('PUT saves a partial change for the member (even a viewer) and GET reads it back whole', async () => {
  const { db, put, get } = await setup();
  const res = await put(JSON.stringify({ chart: { interval: 21600 }, book: { grouping: 100 } }));
  assert.equal(res.status, 200);
  assert.equal((await res.json()).settings.chart.interval, 21600);
  const read = await get();
  assert.equal(read.chart.interval, 21600);
  assert.equal(read.book.grouping, 100);
  assert.equal(read.book.depth, 25);
  await db.close();
});

test('a bad or foreign PUT is refused with a message naming the problem and changes nothing', async () => {
  const { db, put, get } = await setup();
  const cases: [string, number, RegExp][] = [
    [JSON.stringify({ chart: { interval: 7 } }), 400, /^chart\.interval/],
    [JSON.stringify({ chart: { colour: 'red' } }), 400, /Unknown setting chart\.colour/],
    [JSON.stringify({ theme: 'x' }), 400, /Unknown setting theme/],
    ['{not json', 400, /not valid JSON/],
  ];
  for (const [body, status, message] of cases) {
    const res = await put(body);
    assert.equal(res.status, status, body);
    assert.match((await res.json()).error.message, message);
  }
  const foreign = await put(JSON.stringify({ chart: { interval: 1 } }), 'http://evil.example');
  assert.equal(foreign.status, 403);
  assert.equal((await get()).chart.interval, 60);
  await db.close();
});
