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

  it('refuses paths that only become protocol-relative once dot segments are normalised', () => {
    for (const bad of ['/.//evil.example/phish', '/..//evil.example/phish', '/%2e//evil.example/phish', '/%2E%2E//evil.example',
      '/./\\evil.example', '/a/..//evil.example', '/.%2F/evil.example/x']) {
      const safe = safeNextPath(bad);
      assert.ok(safe === null || !/^[/\\]{2}/.test(safe), `${bad} → ${safe}`);
    }
    assert.equal(safeNextPath('/.//evil.example/phish'), null);
    assert.equal(safeNextPath('/%2e//evil.example/phish'), null);
    assert.equal(safeNextPath('/./markets'), '/markets', 'harmless dot segments still work');
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

  it('ignores X-Forwarded-For unless TRUST_PROXY says how many proxies wrote it', () => {
    const request = (xff: string) => ({
      url: '/login', headers: { 'x-forwarded-for': xff }, socket: { remoteAddress: '10.0.0.2' },
    }) as unknown as IncomingMessage;
    const off = request('6.6.6.6');
    stampRequestContext(off);
    assert.equal(off.headers[CLIENT_IP_HEADER], '10.0.0.2', 'off by default: the TCP peer');
    const one = request('6.6.6.6, 203.0.113.9');
    stampRequestContext(one, 1);
    assert.equal(one.headers[CLIENT_IP_HEADER], '203.0.113.9', 'one proxy: the rightmost entry, the one it appended');
    const two = request('6.6.6.6, 203.0.113.9, 10.0.0.1');
    stampRequestContext(two, 2);
    assert.equal(two.headers[CLIENT_IP_HEADER], '203.0.113.9');
    const junk = request('not-an-ip');
    stampRequestContext(junk, 1);
    assert.equal(junk.headers[CLIENT_IP_HEADER], '10.0.0.2', 'an unparsable entry falls back to the peer');
    const short = request('');
    stampRequestContext(short, 3);
    assert.equal(short.headers[CLIENT_IP_HEADER], '10.0.0.2');
  });
});
