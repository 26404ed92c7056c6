import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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

    it('cuts the Kraken secret and session password from the environment out of every line', () => {
      const before = { key: process.env.KRAKEN_API_SECRET, session: process.env.SESSION_PASSWORD };
      process.env.KRAKEN_API_SECRET = 'env-kraken-secret-0123456789abcdef';
      process.env.SESSION_PASSWORD = 'env-session-password-0123456789abcdef';
      try {
        const { logger, lines } = collect(format);
        logger.warn({ detail: `sig=${process.env.KRAKEN_API_SECRET}` }, `iron ${process.env.SESSION_PASSWORD}`);
        const line = lines.join('');
        assert.ok(!line.includes('env-kraken-secret') && !line.includes('env-session-password'), line);
      } finally {
        if (before.key === undefined) delete process.env.KRAKEN_API_SECRET; else process.env.KRAKEN_API_SECRET = before.key;
        if (before.session === undefined) delete process.env.SESSION_PASSWORD; else process.env.SESSION_PASSWORD = before.session;
      }
    });
  });
}

describe('text format', () => {
  it('reads as time, level, message and fields', () => {
    const line = textLine(JSON.stringify({ level: 30, time: Date.UTC(2026, 0, 1, 12, 0, 5), msg: 'Kraken Desk (demo) on http://127.0.0.1:3000', port: 3000 }));
    assert.equal(line, '12:00:05 INFO Kraken Desk (demo) on http://127.0.0.1:3000 port=3000\n');
  });
});
