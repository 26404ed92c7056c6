import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { forEachStore, type OpenedStore } from '../db/contract/stores';
import { type RunningExchange, startExchange } from '../../server/simulator/exchange';
import { paperControlUrl, paperInfoOf, resetPaperAccount } from './reset';

const actor = { id: 1, username: 'ada' };

describe('paperControlUrl', () => {
  it('exists only in paper mode', () => {
    assert.equal(paperControlUrl({ DESK_MODE: 'paper', KRAKEN_REST_URL: 'http://127.0.0.1:3001/' }), 'http://127.0.0.1:3001/control');
    assert.equal(paperControlUrl({ DESK_MODE: 'demo', KRAKEN_REST_URL: 'http://127.0.0.1:3001' }), undefined);
    assert.equal(paperControlUrl({ DESK_MODE: 'live', KRAKEN_REST_URL: 'https://api.kraken.com' }), undefined);
  });
});

describe('the /admin/paper reset action', () => {
  it('is declared to the one wrapper for admins with a recent re-authentication, and hands the refusal code to the page', () => {
    // server actions run inside Next: their spec is checked on the source, as server/orders/reauth-routes does for /admin
    const source = readFileSync('app/(desk)/admin/paper/actions.ts', 'utf8');
    const specs = [...source.matchAll(/= action\(\{([^}]*)\}/g)].map((m) => m[1]!.trim());
    assert.deepEqual(specs, ["role: 'admin', reauth: true"]);
    assert.match(source, /code: result\.error\.code/, 'reauth_required reaches useAdminAction, which asks "Confirm it\'s you" and retries');
  });
});

forEachStore('paper reset', (store) => {
  let ex: RunningExchange;
  let opened: OpenedStore;
  before(async () => {
    ex = await startExchange({ seed: 5, paperBalances: { USD: '2500', BTC: '0.5' } });
    opened = await store.open();
  });
  after(async () => {
    await ex.close();
    await opened.close();
  });

  it('reads the paper account and resets it through the exchange, audited intent then result', async () => {
    const info = await paperInfoOf({ controlUrl: ex.controlUrl });
    assert.equal(info.market, 'synthetic');
    assert.deepEqual(info.startingBalances, { USD: '2500', BTC: '0.5' });
    const result = await resetPaperAccount({ controlUrl: ex.controlUrl, audit: opened.db.audit }, actor);
    assert.deepEqual(result, { balances: { USD: '2500.0000', BTC: '0.5000000000' }, cancelledOrders: 0 });
    const rows = (await opened.db.audit.page({ limit: 10 })).rows.filter((r) => r.action === 'paper.reset');
    assert.deepEqual(rows.map((r) => [r.phase, r.outcome, r.actor]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))), [['intent', null, 'ada'], ['result', 'ok', 'ada']]);
  });

  it('records a failed reset as an error with a message a person understands', async () => {
    await assert.rejects(
      resetPaperAccount({ controlUrl: 'http://127.0.0.1:9/control', audit: opened.db.audit }, actor),
      /paper exchange did not answer/,
    );
    const rows = (await opened.db.audit.page({ limit: 10 })).rows.filter((r) => r.action === 'paper.reset' && r.phase !== 'intent');
    assert.equal(rows[0]?.outcome, 'error');
  });
});
