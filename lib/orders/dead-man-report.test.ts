import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DeadManState } from '../desk-services';
import { deadManReport } from './dead-man-report';

const NOW = Date.parse('2026-12-04T12:00:00Z');
const state = (over: Partial<DeadManState>): DeadManState => ({
  refreshing: true, lastRefreshedAt: null, lastError: null, refreshEveryMs: 20_000, timeoutSeconds: 60, ...over,
});
const ago = (s: number) => new Date(NOW - s * 1000).toISOString();

describe('deadManReport', () => {
  it('says there is nothing to refresh without a key, and nothing is refreshed while the switch is off', () => {
    assert.match(deadManReport({ enabled: true, state: state({ refreshing: false }), serverless: false, now: NOW }).text, /No Kraken API key/);
    assert.equal(deadManReport({ enabled: false, state: state({ lastRefreshedAt: ago(5) }), serverless: false, now: NOW }).tone, 'muted');
  });

  it('reports the age of this instance’s last refresh while it is within the timeout', () => {
    const report = deadManReport({ enabled: true, state: state({ lastRefreshedAt: ago(12) }), serverless: false, now: NOW });
    assert.equal(report.tone, 'ok');
    assert.match(report.text, /^Last refreshed by this instance 12 s ago/);
  });

  it('warns once this instance has not refreshed for longer than the timeout, and says what Kraken did', () => {
    const report = deadManReport({ enabled: true, state: state({ lastRefreshedAt: ago(95) }), serverless: true, now: NOW });
    assert.equal(report.tone, 'warn');
    assert.match(report.text, /Not refreshed by this instance for 95 s: .*Kraken has cancelled every open order/);
    assert.match(report.text, /serverless instance refreshes it only while it runs/);
  });

  it('warns when the last refresh failed or none happened yet', () => {
    assert.match(deadManReport({ enabled: true, state: state({ lastRefreshedAt: ago(3), lastError: 'invalid_key' }), serverless: false, now: NOW }).text, /failed \(invalid_key\)/);
    assert.equal(deadManReport({ enabled: true, state: state({}), serverless: false, now: NOW }).tone, 'warn');
  });
});
