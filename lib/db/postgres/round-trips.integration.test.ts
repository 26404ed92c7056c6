/**
 * Round trips of the order path's own statements on PostgreSQL (server/bench/order-path-trips.ts counts a whole
 * order): the session admit, the idempotency claim and its settle are one statement each; the signer's turn is the
 * lock with the nonce, then the unlock. Also: the signer's nonces stay strictly increasing, one turn at a time, when
 * turns queue across two instances.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STORES, type OpenedStore } from '../contract/stores';
import { logStatements, type StatementLog } from '../contract/pg-statements';
import { createPostgresCallGate } from './shared-state';
import { createPgClient } from './client';
import { createPostgresSessions } from './member-security';
import { createPostgresLevels } from './shared-levels';

const postgres = STORES.find((s) => s.name === 'postgres')!;
const firstWords = (statements: string[]) => statements.map((s) => s.split(' ').slice(0, 2).join(' '));

describe('PostgreSQL order-path statements', () => {
  let store: OpenedStore;
  let statements: StatementLog;
  before(async () => {
    store = await postgres.open();
    statements = logStatements();
  });
  after(async () => {
    statements.restore();
    await store.close();
  });

  it('admit, claim and settle: one statement each', async () => {
    const { db } = store;
    const member = await db.members.create({ username: 'rt-member', passwordHash: 'x', role: 'trader' });
    await db.sessions.start(member.id, 'sid-rt');
    statements.take();
    assert.equal((await db.sessions.admit('sid-rt', member.id))?.session?.id, 'sid-rt');
    const order = {
      idempotencyKey: 'k-rt', clOrdId: 'c-rt', memberId: member.id, requestHash: 'h', symbol: 'BTC/USD', side: 'buy', orderType: 'limit',
      volume: '1', price: '1', notionalUsd: '1', utcDay: '2026-12-05',
    } as const;
    const claimed = await db.deskOrders.claim(order);
    assert.equal(claimed.claimed, true);
    assert.equal(claimed.record.username, 'rt-member');
    const settled = await db.deskOrders.settle(claimed.record.id, { state: 'placed', txid: 'T-RT', response: { status: 201, body: { ok: 1 } } });
    assert.deepEqual([settled.state, settled.txid, settled.username], ['placed', 'T-RT', 'rt-member']);
    assert.deepEqual(firstWords(statements.take()), ['SELECT m.id,', 'WITH changed', 'WITH changed']);
    const again = await db.deskOrders.claim(order);
    assert.deepEqual([again.claimed, again.record.id, again.record.state], [false, claimed.record.id, 'placed'], 'a repeat reads the stored row');
  });

  it("the signer's turn: lock and nonce in one statement, then the unlock; nonces strictly increase across two instances", async () => {
    const clients = [createPgClient(store.location), createPgClient(store.location)];
    const frozenClock = () => 1_000;
    const gates = clients.map((client) => createPostgresCallGate(client, 'rt-key', frozenClock));
    try {
      await gates[0]!.run(() => ({ outcome: Promise.resolve() }));
      statements.take();
      await gates[0]!.run(() => ({ outcome: Promise.resolve() }));
      assert.deepEqual(firstWords(statements.take()), ['WITH turn', 'SELECT pg_advisory_unlock($1,']);
      const seen: number[] = [];
      let inside = 0;
      await Promise.all(Array.from({ length: 60 }, (_, i) => gates[i % 2]!.run((nonce) => {
        inside++;
        assert.equal(inside, 1, 'one turn at a time');
        seen.push(Number(nonce));
        return { outcome: new Promise((resolve) => setTimeout(() => { inside--; resolve(undefined); }, 1)) };
      })));
      assert.deepEqual(seen, [...seen].sort((a, b) => a - b), 'sent in nonce order');
      assert.equal(new Set(seen).size, 60);
      assert.ok(seen[0]! > 1_001, 'past the nonces stored before, although the clock stands still');
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });

  it('a named lock answers before its unlock lands, yet the next holder (another instance) only gets it after; failed work unlocks too', async () => {
    const [a, b] = [store.db, store.reopen()];
    const order: string[] = [];
    await assert.rejects(a.shared.exclusive('member:42', async () => { throw new Error('work failed'); }), /work failed/);
    const first = a.shared.exclusive('member:42', async () => {
      order.push('a in');
      await new Promise((resolve) => setTimeout(resolve, 30));
      order.push('a out');
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const second = b.shared.exclusive('member:42', async () => { order.push('b in'); });
    await Promise.all([first, second]);
    assert.deepEqual(order, ['a in', 'a out', 'b in']);
    await b.close();
  });

  it("the hot statements are prepared once per connection (the session admit, the levels' change)", async () => {
    const client = createPgClient(store.location, { poolSize: 1 });
    try {
      const sessions = createPostgresSessions(client);
      const levels = createPostgresLevels(client);
      for (let i = 0; i < 3; i++) {
        await sessions.admit('no-such-session', 1);
        await levels.add('prepared', 1, { max: 10, decayPerSecond: 1 });
      }
      const { rows } = await client.query<{ name: string }>('SELECT name FROM pg_prepared_statements ORDER BY name');
      assert.deepEqual(rows.map((r) => r.name), ['desk_levels_change', 'desk_session_admit']);
    } finally {
      await client.end();
    }
  });
});
