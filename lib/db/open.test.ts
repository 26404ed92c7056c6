import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EnvError, loadEnv } from '../env';
import { databaseLocation, isPostgresUrl } from './open';

describe('store selection', () => {
  it('DATABASE_URL (postgres:// or postgresql://) selects PostgreSQL; otherwise the SQLite file DATABASE_PATH', () => {
    assert.equal(databaseLocation(loadEnv({})), 'data/desk.sqlite');
    assert.equal(databaseLocation(loadEnv({ DATABASE_PATH: '/srv/desk.sqlite', DATABASE_URL: '  ' })), '/srv/desk.sqlite');
    const url = 'postgres://desk:secret@db.internal:5432/desk';
    assert.equal(databaseLocation(loadEnv({ DATABASE_PATH: '/srv/desk.sqlite', DATABASE_URL: url })), url);
    assert.equal(loadEnv({ DATABASE_URL: 'postgresql://db/desk' }).DATABASE_URL, 'postgresql://db/desk');
    assert.equal(isPostgresUrl(url), true);
    assert.equal(isPostgresUrl('data/postgres.sqlite'), false);
  });

  it('refuses a DATABASE_URL that is not a PostgreSQL URL, naming the variable', () => {
    for (const bad of ['mysql://db/desk', 'data/desk.sqlite', 'postgres://']) {
      assert.throws(() => loadEnv({ DATABASE_URL: bad }), (e: unknown) => {
        assert.ok(e instanceof EnvError);
        assert.match(e.message, /DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/);
        return true;
      });
    }
  });
});
