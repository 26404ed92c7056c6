import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, it } from 'node:test';
import { CLIENT_IP_HEADER, REQUEST_PATH_HEADER, clientIpFrom, safeNextPath, stampRequestContext } from './request-context';

describe('safeNextPath', () => {
  it('keeps same-site relative paths with their query', () => {
    assert.equal(safeNextPath('/markets'), '/markets');
    assert.equal(safeNextPath('/trade/BTC%2FUSD?tab=book'), '/trade/BTC%2FUSD?tab=book');
    assert.equal(safeNextPath('/orders?_rsc=abc&status=open'), '/orders?status=open');
  });

  it('refuses anything that could leave the site or loop back to login', () => {
    for (const bad of [null, undefined, '', 'markets', '//evil.example', '/\\evil.example', 'https://evil.example/x',
      '/\nfoo', 'javascript:alert(1)', '/login', '/login?next=/x', '/_next/static/x']) {
      assert.equal(safeNextPath(bad), null, String(bad));
    }
    assert.equal(safeNextPath('/%0d%0aSet-Cookie:x'), '/%0d%0aSet-Cookie:x', 'percent-encoded text stays inert');
  });
});

describe('stampRequestContext', () => {
  it('replaces forged headers with the socket address and the request path', () => {
    const req = {
      url: '/orders?x=1',
      headers: { [CLIENT_IP_HEADER]: '1.2.3.4', [REQUEST_PATH_HEADER]: '/forged' },
      socket: { remoteAddress: '::ffff:127.0.0.1' },
    } as unknown as IncomingMessage;
    stampRequestContext(req);
    assert.equal(req.headers[CLIENT_IP_HEADER], '127.0.0.1');
    assert.equal(req.headers[REQUEST_PATH_HEADER], '/orders?x=1');
    assert.equal(clientIpFrom(new Headers(req.headers as Record<string, string>)), '127.0.0.1');
    assert.equal(clientIpFrom(new Headers()), 'unknown');
  });
});
