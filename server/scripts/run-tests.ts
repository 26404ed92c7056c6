/**
 * Runs every suite and ends with one `N passed, N failed` line that CI reads.
 * Node 20's test runner does not discover .ts files, so we list them ourselves.
 * Usage: run-tests.ts [--unit] [--e2e] [file filter…]
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tmpdir } from 'node:os';
import { testPostgres, type TestPostgres } from './postgres-harness';

const root = process.cwd();
const args = process.argv.slice(2);
const onlyUnit = args.includes('--unit');
const onlyE2e = args.includes('--e2e');
const filters = args.filter((a) => !a.startsWith('--'));
const SKIP_DIRS = new Set(['node_modules', '.next', '.git', 'data', 'e2e', 'test-results', 'playwright-report']);

function findTests(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) findTests(path, out);
    else if (/\.test\.tsx?$/.test(name)) out.push(relative(root, path));
  }
  return out;
}

function run(cmd: string, cmdArgs: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/**
 * The repository contract suite (files importing lib/db/contract/stores) runs its PostgreSQL half against a
 * real server: TEST_DATABASE_URL, or a throwaway one started here and stopped after the run. None → the run fails.
 */
async function postgresFor(files: string[]): Promise<TestPostgres | null | 'missing'> {
  const usesStores = (f: string) => f.includes('lib/db/contract/') || readFileSync(join(root, f), 'utf8').includes('contract/stores');
  if (!files.some(usesStores)) return null;
  const started = Date.now();
  try {
    const postgres = await testPostgres();
    console.log(`PostgreSQL for the contract suite: ${postgres.origin} (ready in ${Date.now() - started} ms)`);
    return postgres;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 'missing';
  }
}

async function runNodeTests(): Promise<{ passed: number; failed: number; code: number }> {
  const files = findTests(root)
    .filter((f) => filters.length === 0 || filters.some((p) => f.includes(p)))
    .sort();
  if (files.length === 0) return { passed: 0, failed: 0, code: 0 };
  const postgres = await postgresFor(files);
  if (postgres === 'missing') return { passed: 0, failed: 1, code: 1 };
  const tap = join(tmpdir(), `kraken-desk-tap-${process.pid}.txt`);
  const code = await run(process.execPath, [
    '--import', 'tsx', '--test', '--test-concurrency=2',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files,
  ], postgres ? { TEST_DATABASE_URL: postgres.url } : {});
  postgres?.stop();
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  rmSync(tap, { force: true });
  const count = (label: string) => Number(new RegExp(`^# ${label} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  return { passed: count('pass'), failed: count('fail') + count('cancelled'), code };
}

async function runE2e(): Promise<{ passed: number; failed: number; code: number }> {
  const report = join(tmpdir(), `kraken-desk-e2e-${process.pid}.json`);
  const pwArgs = ['playwright', 'test', ...filters];
  const code = await run('npx', pwArgs, { PLAYWRIGHT_JSON_OUTPUT_NAME: report });
  if (!existsSync(report)) return { passed: 0, failed: code === 0 ? 0 : 1, code };
  const stats = JSON.parse(readFileSync(report, 'utf8')).stats ?? {};
  rmSync(report, { force: true });
  return { passed: (stats.expected ?? 0) + (stats.flaky ?? 0), failed: stats.unexpected ?? 0, code };
}

const results = [];
if (!onlyE2e) results.push(await runNodeTests());
if (!onlyUnit && existsSync(join(root, 'playwright.config.ts'))) results.push(await runE2e());
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const code = results.some((r) => r.code !== 0) || failed > 0 ? 1 : 0;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(code);
