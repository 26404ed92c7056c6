import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadEnv } from './env';
import { createLogger, REDACTED, registerSecret, textLine, type LogFormat } from './log';

function collect(format: LogFormat) {
  const lines: string[] = [];
  const logger = createLogger({ format, write: (line) => lines.push(line) });
  return { logger, lines };
}

const SECRET = 'c2VjcmV0LWtyYWtlbi1hcGktc2VjcmV0LXZhbHVlLWZvci10ZXN0cw==';
const COOKIE = 'kd_session=Fe26.2**abcdef0123456789';

for (const format of ['json', 'text'] as const) {
  describe(`log redaction (${format})`, () => {
    it('replaces secret fields at the top, nested and in headers, and keeps the rest', () => {
      const { logger, lines } = collect(format);
      logger.info({
        password: 'hunter2-hunter2', token: 'ws-token-abcdef', member: 'alice',
        req: { headers: { cookie: COOKIE, authorization: 'Bearer abc.def.ghi', 'API-Key': 'key-123456789', 'API-Sign': 'sig-987654321', host: 'desk.local' } },
        body: { credentials: { secret: 'nested-secret-xyz' } },
      }, 'sign-in');
      const line = lines.join('');
      for (const hidden of ['hunter2-hunter2', 'ws-token-abcdef', COOKIE, 'Bearer abc.def.ghi', 'key-123456789', 'sig-987654321', 'nested-secret-xyz']) {
        assert.ok(!line.includes(hidden), `${hidden} leaked: ${line}`);
      }
      assert.ok(line.includes(REDACTED));
      assert.ok(line.includes('alice') && line.includes('desk.local') && line.includes('sign-in'));
    });

    it('cuts registered secret values out of messages and error stacks', () => {
      registerSecret(SECRET);
      const { logger, lines } = collect(format);
      logger.error({ err: new Error(`signing with ${SECRET} failed`) }, `request with secret ${SECRET}`);
      const line = lines.join('');
      assert.ok(!line.includes(SECRET), line);
      assert.ok(line.includes('failed') && line.includes(REDACTED));
    });

    it('cuts the Kraken key, secret and session password out of every line once loadEnv has read them', () => {
      const secret = Buffer.from('kraken api secret read by loadEnv for the log test').toString('base64');
      loadEnv({ KRAKEN_API_KEY: 'env-kraken-key-0123456789', KRAKEN_API_SECRET: secret, SESSION_PASSWORD: 'env-session-password-0123456789abcdef-xyz' });
      const { logger, lines } = collect(format);
      logger.warn({ detail: `sig=${secret}` }, 'iron env-session-password-0123456789abcdef-xyz with env-kraken-key-0123456789');
      const line = lines.join('');
      for (const hidden of [secret, 'env-session-password', 'env-kraken-key']) assert.ok(!line.includes(hidden), `${hidden} leaked: ${line}`);
    });

    it('keeps ordinary fields and nests deeper than headers', () => {
      const { logger, lines } = collect(format);
      logger.info({ member: 'bob', passed: 3, deep: { a: { b: { c: { apiKey: 'k-0123456789', sessionVersion: 4 } } } } }, 'ok');
      const line = lines.join('');
      assert.ok(!line.includes('k-0123456789'), line);
      assert.ok(line.includes('bob') && line.includes('"passed":3') === (format === 'json') && line.includes('sessionVersion'));
    });
  });
}

describe('text format', () => {
  it('reads as time, level, message and fields', () => {
    const line = textLine(JSON.stringify({ level: 30, time: Date.UTC(2026, 0, 1, 12, 0, 5), msg: 'Kraken Desk (demo) on http://127.0.0.1:3000', port: 3000 }));
    assert.equal(line, '12:00:05 INFO Kraken Desk (demo) on http://127.0.0.1:3000 port=3000\n');
  });
});
