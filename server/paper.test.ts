import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadEnv } from '../lib/env';
import { realKeyProblem } from './paper';

const root = join(import.meta.dirname, '..');
const PAPER = {
  DESK_MODE: 'paper',
  NODE_ENV: 'production',
  KRAKEN_REST_URL: 'http://127.0.0.1:3001',
  KRAKEN_WS_URL: 'ws://127.0.0.1:3001/v2',
  KRAKEN_WS_AUTH_URL: 'ws://127.0.0.1:3001/auth/v2',
  PAPER_API_KEY: 'demo-paper',
  PAPER_API_SECRET: Buffer.from('paper-secret').toString('base64'),
};

describe('npm run paper', () => {
  it('refuses to start, building and starting nothing, while a real KRAKEN_API_KEY is configured', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, KRAKEN_API_KEY: 'real-key', KRAKEN_API_SECRET: 'c2VjcmV0', PORT: '1', EXCHANGE_PORT: '2' };
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'server/paper.ts')], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /Paper mode refuses to start: KRAKEN_API_KEY and KRAKEN_API_SECRET are set/);
    assert.doesNotMatch(run.stdout, /running|build/i);
  });

  it('names the variable whichever half of a key is set', () => {
    assert.match(realKeyProblem({ KRAKEN_API_SECRET: 'x' }) ?? '', /KRAKEN_API_SECRET is set/);
    assert.equal(realKeyProblem({ KRAKEN_API_KEY: '  ' }), undefined);
  });
});

describe('the desk in paper mode (lib/env)', () => {
  it('holds only the paper exchange key, under the names the Kraken client reads', () => {
    const env = loadEnv(PAPER);
    assert.equal(env.DESK_MODE, 'paper');
    assert.equal(env.KRAKEN_API_KEY, 'demo-paper');
    assert.equal(env.KRAKEN_API_SECRET, PAPER.PAPER_API_SECRET);
  });

  it('refuses a real Kraken key even beside the paper key', () => {
    assert.throws(() => loadEnv({ ...PAPER, KRAKEN_API_KEY: 'real', KRAKEN_API_SECRET: 'c2VjcmV0' }), /KRAKEN_API_KEY: paper mode refuses to start while a real Kraken key is configured/);
  });

  it('refuses Kraken endpoints and a missing paper key, all problems at once', () => {
    let message = '';
    try {
      loadEnv({ DESK_MODE: 'paper', KRAKEN_REST_URL: 'https://api.kraken.com', KRAKEN_WS_URL: 'wss://ws.kraken.com/v2', KRAKEN_WS_AUTH_URL: 'wss://ws-auth.kraken.com/v2' });
    } catch (error) {
      message = (error as Error).message;
    }
    assert.match(message, /PAPER_API_KEY: paper mode needs/);
    assert.match(message, /KRAKEN_REST_URL: paper mode talks only to the built-in exchange on this machine/);
    assert.match(message, /KRAKEN_WS_URL: paper mode/);
    assert.match(message, /KRAKEN_WS_AUTH_URL: paper mode/);
  });

  it('needs no SESSION_PASSWORD (like demo, a local start)', () => {
    assert.doesNotThrow(() => loadEnv(PAPER));
  });
});
