import { test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { KrakenWsClient } from '../../lib/kraken/ws-client';
import { createHub } from './hub';
import { createKrakenUpstream } from './kraken-upstream';
import { FakeSink } from './testing/fakes';
import { startPrivateExchange } from './testing/private-exchange';
import { until } from './testing/until';

/** The private side end to end: a signed token, one auth upstream, executions and balances fanned out. */

const KEY = { key: 'hub-private-key', secret: Buffer.from('hub private secret for the built-in exchange').toString('base64') };

const privateFrames = (sink: FakeSink, channel: string) => sink.messages().filter((m) => m.type === 'private' && m.channel === channel);
const reports = (sink: FakeSink) =>
  privateFrames(sink, 'executions').flatMap((m) => m.data as { orderId?: string; execType?: string }[]);

test('executions and balances reach every browser from one auth upstream; a late joiner gets the replay', async (t) => {
  const { exchange, rest, getToken, tokensFetched } = await startPrivateExchange(KEY);
  const hub = createHub({
    upstream: createKrakenUpstream({ url: exchange.wsUrl }),
    privateUpstream: createKrakenUpstream({
      url: exchange.wsAuthUrl,
      getToken,
    }),
  });
  const trader = new KrakenWsClient({ url: exchange.wsAuthUrl, WebSocket, getToken: async () => (await rest.private.getWebSocketsToken()).token });
  try {
    const first = new FakeSink(1);
    const conn = hub.connect(first);
    assert.deepEqual(conn.subscribe({ channel: 'executions' }), { ok: true });
    assert.deepEqual(conn.subscribe({ channel: 'balances' }), { ok: true });
    await until(() => privateFrames(first, 'balances').length > 0 && privateFrames(first, 'executions').length > 0, 5000, 'private snapshots');
    const usd = (privateFrames(first, 'balances')[0]?.data as { asset: string; balance: string }[]).find((b) => b.asset === 'USD');
    assert.ok(Number(usd?.balance) > 0, 'the paper account holds USD');

    trader.connect();
    await trader.subscribe({ channel: 'balances' }); // resolves once the trader's own socket is open
    const placed = await trader.addOrder({ order_type: 'limit', side: 'buy', symbol: 'BTC/USD', order_qty: '0.00100000', limit_price: '1000.0', cl_ord_id: 'hub-int-1' });
    const orderId = String(placed.order_id);
    await until(() => reports(first).some((r) => r.orderId === orderId && r.execType === 'new'), 5000, 'the new report');

    const late = new FakeSink(2);
    hub.connect(late).subscribe({ channel: 'executions' });
    const replay = privateFrames(late, 'executions');
    assert.equal(replay[0]?.kind, 'snapshot');
    assert.ok(reports(late).some((r) => r.orderId === orderId && r.execType === 'new'), 'the joiner sees the order from the replay');
    assert.equal(tokensFetched(), 1, 'one auth upstream for every browser');
    t.diagnostic(`private frames: first browser ${privateFrames(first, 'executions').length + privateFrames(first, 'balances').length}, late joiner replay ${replay.length}`);
    await trader.cancelOrder({ order_id: [orderId] });
    await until(() => reports(late).some((r) => r.orderId === orderId && r.execType === 'canceled'), 5000, 'the canceled report reaches the joiner');
  } finally {
    trader.close();
    await hub.close();
    await exchange.close();
  }
});
