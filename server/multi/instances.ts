/**
 * Starts desk instances as separate processes for the multi-instance proofs and benches, from one production build
 * (`next build`, made once by server/demo-build.ts and reused). The start command is one parameter: `next start`
 * (the serverless shape, no custom server: services build lazily inside Next) by default, or the custom server
 * (`server/index.ts`) with `MULTI_INSTANCE_COMMAND=custom-server`; the variable switches every caller at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');

/** A command line; `{PORT}` is replaced by the instance's port (it is also in the PORT variable). */
export type InstanceCommand = readonly string[];

export const INSTANCE_COMMANDS = {
  'custom-server': [process.execPath, '--import', 'tsx', join(ROOT, 'server', 'index.ts')],
  'next-start': [process.execPath, join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-H', '127.0.0.1', '-p', '{PORT}'],
} as const satisfies Record<string, InstanceCommand>;

export type InstanceCommandName = keyof typeof INSTANCE_COMMANDS;

/** The name chosen by MULTI_INSTANCE_COMMAND: `next-start` by default, or `custom-server`. */
export function instanceCommandName(): InstanceCommandName {
  const name = process.env.MULTI_INSTANCE_COMMAND?.trim() || 'next-start';
  if (!(name in INSTANCE_COMMANDS)) throw new Error(`MULTI_INSTANCE_COMMAND must be one of ${Object.keys(INSTANCE_COMMANDS).join(', ')}`);
  return name as InstanceCommandName;
}

/** The command chosen by MULTI_INSTANCE_COMMAND (see instanceCommandName). */
export function defaultInstanceCommand(): InstanceCommand {
  return INSTANCE_COMMANDS[instanceCommandName()];
}

export interface DeskInstance {
  name: string;
  origin: string;
  pid: number;
  /** the last lines the process wrote (for failure messages) */
  log(): string;
  /** `kill -9`: no shutdown hooks, open connections simply drop */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

/** An ephemeral port the OS hands out now (the instance binds it a moment later). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

/** Starts one instance and resolves once its /api/health answers. @param env the desk's configuration */
export async function startInstance(name: string, env: Record<string, string>, command: InstanceCommand = defaultInstanceCommand()): Promise<DeskInstance> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const [file, ...args] = command.map((part) => part.replaceAll('{PORT}', String(port)));
  const child = spawn(file!, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), PUBLIC_ORIGIN: origin, ...env },
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - 40));
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const instance: DeskInstance = {
    name,
    origin,
    pid: child.pid!,
    log: () => lines.join('\n'),
    async crash() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`desk instance ${name} exited with ${child.exitCode}:\n${instance.log()}`);
    if (await fetch(`${origin}/api/health`).then((r) => r.ok, () => false)) return instance;
    await new Promise((r) => setTimeout(r, 200));
  }
  await instance.stop();
  throw new Error(`desk instance ${name} did not answer /api/health within 240 s:\n${instance.log()}`);
}
