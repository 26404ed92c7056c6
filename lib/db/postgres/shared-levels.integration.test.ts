/**
 * The shared decaying levels on a real PostgreSQL: what each change does, that it is one statement, and that
 * concurrent changes from two instances (two DeskDbs with their own pools) on keys nobody has used yet — the rows
 * are created under the race — never charge past the maximum.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STORES, type OpenedStore } from '../contract/stores';
import { logStatements } from '../contract/pg-statements';
import type { DeskDb } from '../database';
import type { SharedLevels } from '../shared-state';

const postgres = STORES.find((s) => s.name === 'postgres')!;
/** decays so slowly that a test's runtime changes no level by a whole unit */
const STILL = { max: 10, decayPerSecond: 0.0001 };
const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 0.01, `${actual} ≈ ${expected}`);

describe('PostgreSQL shared levels', () => {
  let store: OpenedStore;
  let dbs: DeskDb[];
  let levels: SharedLevels;

  before(async () => {
    store = await postgres.open();
    dbs = [store.db, store.reopen()];
    levels = store.db.shared.levels!;
  });
  after(() => store.close());

  it('add charges while the level fits under max; past it nothing changes and the wait is named', async () => {
    assert.deepEqual(await levels.add('a', 6, STILL), { level: 6, charged: true, waitSeconds: 0 });
    const refused = await levels.add('a', 5, STILL);
    assert.equal(refused.charged, false);
    close(refused.level, 6);
    close(refused.waitSeconds, 1 / STILL.decayPerSecond);
    close(await levels.current('a', STILL), 6);
    assert.equal((await levels.add('a', 4, STILL)).charged, true, 'exactly max fits');
    close(await levels.current('a', STILL), 10);
  });

  it('addAll charges every entry or none, naming the first that does not fit', async () => {
    await levels.force('pair', 7, STILL);
    const verdict = await levels.addAll([
      { key: 'member', amount: 2, shape: STILL }, { key: 'pair', amount: 4, shape: STILL },
    ]);
    assert.equal(verdict.charged, false);
    assert.equal(verdict.charged === false && verdict.refused, 1);
    close(await levels.current('member', STILL), 0);
    close(await levels.current('pair', STILL), 7);
    assert.deepEqual(await levels.addAll([{ key: 'member', amount: 2, shape: STILL }, { key: 'pair', amount: 3, shape: STILL }]), { charged: true });
    close(await levels.current('member', STILL), 2);
    close(await levels.current('pair', STILL), 10);
  });

  it('force never goes below 0, fill sets the maximum, and levels decay by the database clock', async () => {
    await levels.force('f', 3, STILL);
    close(await levels.force('f', -5, STILL), 0);
    close(await levels.current('f', STILL), 0);
    await levels.fill('f', STILL);
    close(await levels.current('f', STILL), 10);
    const fast = { max: 100, decayPerSecond: 200 };
    await levels.fill('fast', fast);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const left = await levels.current('fast', fast);
    assert.ok(left < 80 && left >= 0, `decayed from 100 to ${left}`);
  });

  it('one statement per change once the rows exist', async () => {
    await levels.addAll([{ key: 'rt:pair', amount: 1, shape: STILL }, { key: 'rt:member', amount: 1, shape: STILL }]);
    const statements = logStatements();
    try {
      await levels.addAll([{ key: 'rt:pair', amount: 1, shape: STILL }, { key: 'rt:member', amount: 1, shape: STILL }]);
      await levels.add('rt:pair', 1, STILL);
      await levels.force('rt:member', -1, STILL);
      assert.equal(statements.take().length, 3);
    } finally {
      statements.restore();
    }
  });

  it('80 concurrent charges from two instances on keys never used before: exactly max charged, pair and member alike', async (t) => {
    for (let round = 0; round < 3; round++) {
      const pair = `race:${round}:pair`;
      const member = `race:${round}:member`;
      const memberShape = { max: 6, decayPerSecond: 0.0001 };
      const verdicts = await Promise.all(Array.from({ length: 80 }, (_, i) => dbs[i % 2]!.shared.levels!.addAll(
        i % 4 === 0
          ? [{ key: pair, amount: 1, shape: STILL }, { key: member, amount: 1, shape: memberShape }]
          : [{ key: pair, amount: 1, shape: STILL }],
      )));
      const charged = verdicts.filter((v) => v.charged).length;
      t.diagnostic(`round ${round}: 80 charges over two instances → ${charged} charged`);
      assert.equal(charged, 10);
      close(await levels.current(pair, STILL), 10);
      assert.ok(await levels.current(member, memberShape) <= 6);
    }
  });

  it('a change whose rows are half there (the pair used before, the member not yet) charges the pair once', async (t) => {
    const memberShape = { max: 6, decayPerSecond: 0.0001 };
    await levels.current('half:pair', STILL);
    const verdicts = await Promise.all(Array.from({ length: 40 }, (_, i) => dbs[i % 2]!.shared.levels!.addAll(
      [{ key: 'half:pair', amount: 1, shape: STILL }, { key: 'half:member', amount: 1, shape: memberShape }])));
    const charged = verdicts.filter((v) => v.charged).length;
    t.diagnostic(`40 charges of a used pair and a new member → ${charged} charged`);
    assert.equal(charged, 6);
    close(await levels.current('half:pair', STILL), 6);
    close(await levels.current('half:member', memberShape), 6);
  });
});
