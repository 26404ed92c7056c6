import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadEnv } from '../lib/env';
import { exchangeChildEnv } from './launch';
import { realKeyProblem } from './paper-guard';

const root = join(import.meta.dirname, '..');
const PAPER = {
  DESK_MODE: 'paper',
  NODE_ENV: 'production' as const,
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

  it('finds a real key in the .env files Next would load into the desk, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paper-env-'));
    try {
      assert.equal(realKeyProblem({}, dir), undefined, 'no env files: nothing to refuse');
      writeFileSync(join(dir, '.env'), 'KRAKEN_API_KEY=\nKRAKEN_TIER=pro\n');
      assert.equal(realKeyProblem({}, dir), undefined, 'an empty value configures nothing');
      writeFileSync(join(dir, '.env.local'), '# the live desk\nKRAKEN_API_KEY="real-key"\n');
      writeFileSync(join(dir, '.env.production'), 'KRAKEN_API_SECRET=c2VjcmV0\n');
      assert.equal(
        realKeyProblem({}, dir),
        'Paper mode refuses to start: KRAKEN_API_KEY (in .env.local) and KRAKEN_API_SECRET (in .env.production) are set. Paper trading must not be able to reach a real Kraken account; unset KRAKEN_API_KEY (in .env.local) and KRAKEN_API_SECRET (in .env.production) and run npm run paper again.',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the desk started in paper mode (server/index.ts)', () => {
  it('refuses to start when an .env file in its directory holds a real key, before any service starts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paper-desk-'));
    try {
      writeFileSync(join(dir, '.env.local'), 'KRAKEN_API_KEY=real-key\nKRAKEN_API_SECRET=c2VjcmV0\n');
      const env: NodeJS.ProcessEnv = { ...process.env, ...PAPER, DATA_DIR: join(dir, 'data'), PORT: '0' };
      delete env.KRAKEN_API_KEY;
      delete env.KRAKEN_API_SECRET;
      const run = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), join(root, 'server/index.ts')], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stdout + run.stderr, /Paper mode refuses to start: KRAKEN_API_KEY \(in \.env\.local\) and KRAKEN_API_SECRET \(in \.env\.local\) are set/);
      assert.doesNotMatch(run.stdout, /Kraken Desk \(paper\) on/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run demo', () => {
  it('starts its exchange without any market source, whatever EXCHANGE_MARKET_* the shell holds (offline)', () => {
    const shell = { EXCHANGE_MARKET_URL: 'https://api.kraken.com', EXCHANGE_MARKET_WS_URL: 'wss://ws.kraken.com/v2', EXCHANGE_MARKET_PAIRS: 'BTC/USD', EXCHANGE_PAPER_LATENCY_MS: '50' };
    // what Launcher.start hands the child: the shell, then the launcher's own variables (undefined: not passed)
    const child = { ...shell, ...exchangeChildEnv(3001, '/tmp/x', { key: 'k', secret: 's' }) };
    for (const name of Object.keys(shell)) assert.equal(child[name as keyof typeof child], undefined, name);
    const paper = exchangeChildEnv(3001, '/tmp/x', { key: 'k', secret: 's' }, { url: 'http://127.0.0.1:9', wsUrl: 'ws://127.0.0.1:9/v2', pairs: 'BTC/USD' });
    assert.equal(paper.EXCHANGE_MARKET_URL, 'http://127.0.0.1:9');
    assert.equal(paper.EXCHANGE_MARKET_WS_URL, 'ws://127.0.0.1:9/v2');
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
