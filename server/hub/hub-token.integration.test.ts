import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KrakenWsError } from '../../lib/kraken/ws-types';
import { TOKEN_TTL_ENV } from '../simulator/trading/tokens';
import { createHub } from './hub';
import { createKrakenUpstream } from './kraken-upstream';
import { FakeSink } from './testing/fakes';
import { startPrivateExchange } from './testing/private-exchange';
import { until } from './testing/until';

/**
 * The private feed after the WS token grew old (issue 9 item 2): the hub's auth upstream stays connected,
 * its last private subscription ends (browsers left, the linger ran out), and later than the token's
 * lifetime a browser asks for executions again. The token from connect time no longer opens a subscription
 * on the built-in exchange (Kraken's rule); the desk must get a new one instead of losing the feed.
 * The exchange's lifetime is shortened to 2 s (this file runs in its own process).
 */

const KEY = { key: 'hub-token-key', secret: Buffer.from('hub token secret for the built-in exchange').toString('base64') };
const LIFETIME_MS = 2000;
process.env[TOKEN_TTL_ENV] = String(LIFETIME_MS / 1000);

const snapshots = (sink: FakeSink) => sink.messages().filter((m) => m.type === 'private' && m.channel === 'executions' && m.kind === 'snapshot');

/** `knowsLifetime`: the desk's upstream is told the exchange's token lifetime, so it can tell its token is old. */
async function scenario(knowsLifetime: boolean) {
  const { exchange, getToken, tokensFetched } = await startPrivateExchange(KEY);
  const refusals: string[] = [];
  const hub = createHub({
    upstream: createKrakenUpstream({ url: exchange.wsUrl }),
    privateUpstream: createKrakenUpstream({
      url: exchange.wsAuthUrl,
      getToken,
      onError: (error: KrakenWsError) => {
        if (error.krakenError) refusals.push(error.krakenError);
      },
      ...(knowsLifetime ? { client: { tokenLifetimeMs: LIFETIME_MS, tokenRefreshMarginMs: 500 } } : {}),
    }),
    lingerMs: 0,
  });
  try {
    const first = new FakeSink(1);
    const conn = hub.connect(first);
    conn.subscribe({ channel: 'executions' });
    await until(() => snapshots(first).length > 0, 5000, 'the first executions snapshot');
    conn.close(); // the last reader leaves: the upstream unsubscribes, nothing maintains the token any more
    await new Promise((r) => setTimeout(r, LIFETIME_MS + 300));
    const later = new FakeSink(2);
    hub.connect(later).subscribe({ channel: 'executions' });
    await until(() => snapshots(later).length > 0, 5000, 'an executions snapshot after the token lifetime');
    assert.equal(later.messages().some((m) => m.type === 'error'), false, 'the browser saw no subscription error');
    return { tokens: tokensFetched(), refusals };
  } finally {
    await hub.close();
    await exchange.close();
  }
}

test('a token older than its lifetime is replaced before the private subscribe', async () => {
  const { tokens, refusals } = await scenario(true);
  assert.equal(tokens, 2, 'one token at connect, a new one for the late subscribe');
  assert.deepEqual(refusals, [], 'the exchange never had to refuse the old token');
});

test('EAPI:Invalid token on a private subscribe: a new token is fetched and the subscribe succeeds', async () => {
  // the desk assumes Kraken's 15 minutes, so it cannot know the token is old: only the exchange's refusal tells it
  const { tokens } = await scenario(false);
  assert.equal(tokens, 2, 'one token at connect, one after the refusal');
});
