/**
 * Paper mode's refusal of a real Kraken key, checked wherever a key could come from: the process environment and
 * the project's `.env` files, which Next reads into the desk's environment when it prepares (after the desk has
 * validated its configuration). `npm run paper` checks both before building or starting anything; the desk in
 * paper mode checks the files itself before it starts (server/index.ts), so a key in `.env.local` stops it too.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

const KEY_NAMES = ['KRAKEN_API_KEY', 'KRAKEN_API_SECRET'] as const;

/** The files Next loads for a production server, most specific first (@next/env's order). */
export const ENV_FILES = ['.env.production.local', '.env.local', '.env.production', '.env'] as const;

/** `NAME (in FILE)` for every real-key variable set in one of `dir`'s env files. */
function keysInEnvFiles(dir: string): string[] {
  const found: string[] = [];
  for (const file of ENV_FILES) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    const parsed = parseEnv(readFileSync(path, 'utf8'));
    for (const name of KEY_NAMES) if (parsed[name]?.trim()) found.push(`${name} (in ${file})`);
  }
  return found;
}

/**
 * Why paper mode must not start, or undefined: a real key in `env` or, when `dir` is given, in its env files.
 * One sentence naming each variable and where it was found, and what to do.
 */
export function realKeyProblem(env: Record<string, string | undefined>, dir?: string): string | undefined {
  const set: string[] = KEY_NAMES.filter((name) => Boolean(env[name]?.trim()));
  if (dir) set.push(...keysInEnvFiles(dir));
  if (set.length === 0) return undefined;
  return `Paper mode refuses to start: ${set.join(' and ')} ${set.length > 1 ? 'are' : 'is'} set. Paper trading must not be able to reach a real Kraken account; unset ${set.join(' and ')} and run npm run paper again.`;
}
