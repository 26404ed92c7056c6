import { join } from 'node:path';
import { z } from 'zod';
import { registerSecret } from './log-secrets';

/**
 * All of the desk's configuration, validated once at start (server/index.ts calls loadEnv before
 * next.prepare). Every bad variable is reported in one error so an operator fixes them in one go.
 */

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

const base64Secret = z
  .string()
  .trim()
  .refine((v) => v === '' || /^[A-Za-z0-9+/]+={0,2}$/.test(v), 'must be base64 (the secret exactly as Kraken shows it)')
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const url = (protocols: string[], fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .refine((v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    }, `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`)
    .transform((v) => v.replace(/\/+$/, ''));

/** TRUST_PROXY: off (default), on (= 1 proxy) or how many reverse proxies append to X-Forwarded-For. */
const trustProxy = z
  .string()
  .trim()
  .toLowerCase()
  .default('false')
  .refine((v) => /^(true|false|on|off|yes|no|[0-9])$/.test(v), 'must be false, true or the number of proxies in front of the desk (0-9)')
  .transform((v) => (['true', 'on', 'yes'].includes(v) ? 1 : ['false', 'off', 'no'].includes(v) ? 0 : Number(v)));

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DESK_MODE: z.enum(['demo', 'live', 'paper']).default('live'),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: port(3000),
  PUBLIC_ORIGIN: optionalText.pipe(z.url().optional()),
  ALLOWED_ORIGINS: optionalText,
  TRUST_PROXY: trustProxy,
  KRAKEN_REST_URL: url(['https:', 'http:'], 'https://api.kraken.com'),
  KRAKEN_WS_URL: url(['wss:', 'ws:'], 'wss://ws.kraken.com/v2'),
  KRAKEN_WS_AUTH_URL: url(['wss:', 'ws:'], 'wss://ws-auth.kraken.com/v2'),
  KRAKEN_API_KEY: optionalText,
  KRAKEN_API_SECRET: base64Secret,
  KRAKEN_TIER: z.enum(['starter', 'intermediate', 'pro']).default('starter'),
  // paper mode (`npm run paper`): the built-in exchange's paper key, the only key such a desk holds
  PAPER_API_KEY: optionalText,
  PAPER_API_SECRET: base64Secret,
  DATA_DIR: z.string().trim().min(1).default('data'),
  DATABASE_PATH: optionalText,
  // PostgreSQL instead of SQLite (several desk instances share it); SQLite at DATABASE_PATH when unset.
  DATABASE_URL: optionalText.pipe(z.string().regex(/^postgres(ql)?:\/\/./i, 'must be a postgres:// or postgresql:// URL').optional()),
  SESSION_PASSWORD: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  /** SSE feed streams (`/api/feed`) end after this long, under a serverless function's limit; the browser resumes */
  FEED_STREAM_MAX_SECONDS: z.coerce.number().int().min(1).max(3600).default(280),
  /**
   * Four eyes: the initial USD value above which an order needs a second member's approval, until an admin sets the
   * policy on /admin. `off` = no approval step. Unset: 50000 in demo mode, no approval step in live mode.
   */
  DESK_APPROVAL_ABOVE_USD: optionalText.pipe(z.string().regex(/^(off|\d{1,15}(\.\d{1,2})?)$/, 'must be a USD amount such as "50000", or "off"').optional()),
  /** a session unused this long is over (pages, API, /ws and SSE alike) */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** a session is over this long after sign-in, used or not (at most a week: the cookie's own lifetime) */
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(168).default(12),
});

export type Env = Omit<z.infer<typeof schema>, 'DESK_APPROVAL_ABOVE_USD'> & {
  DATABASE_PATH: string;
  /** the approval threshold before an admin sets one (null: no approval step) */
  DESK_APPROVAL_ABOVE_USD: string | null;
};

/** Demo mode's approval threshold (USD) when DESK_APPROVAL_ABOVE_USD is unset, so the demo shows four eyes. */
export const DEMO_APPROVAL_ABOVE_USD = '50000';

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Whether a Kraken key is configured: loadEnv accepts the key and its secret only together. */
export function hasKrakenKey(env: Pick<Env, 'KRAKEN_API_KEY'>): boolean {
  return Boolean(env.KRAKEN_API_KEY);
}

/** Validates configuration from `source` (default process.env); throws EnvError listing every bad variable. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = schema.safeParse(source);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`);
  problems.push(...crossFieldProblems(source));
  if (!parsed.success || problems.length > 0) throw new EnvError(problems);
  const env = parsed.data;
  for (const secret of [env.KRAKEN_API_KEY, env.KRAKEN_API_SECRET, env.SESSION_PASSWORD, env.DATABASE_URL]) registerSecret(secret);
  // paper mode signs with the paper exchange's key; no real key can be configured (crossFieldProblems)
  const key = env.DESK_MODE === 'paper' ? { KRAKEN_API_KEY: env.PAPER_API_KEY, KRAKEN_API_SECRET: env.PAPER_API_SECRET } : {};
  const approvalAbove = env.DESK_APPROVAL_ABOVE_USD ?? (env.DESK_MODE === 'live' ? 'off' : DEMO_APPROVAL_ABOVE_USD);
  return {
    ...env,
    ...key,
    DATABASE_PATH: env.DATABASE_PATH ?? join(env.DATA_DIR, 'desk.sqlite'),
    DESK_APPROVAL_ABOVE_USD: approvalAbove === 'off' ? null : approvalAbove,
  };
}

/** Rules that span variables; checked on the raw text so they are reported alongside per-field errors. */
function crossFieldProblems(source: Record<string, string | undefined>): string[] {
  const has = (name: string) => Boolean(source[name]?.trim());
  const problems: string[] = [];
  if (has('KRAKEN_API_KEY') !== has('KRAKEN_API_SECRET')) {
    const missing = has('KRAKEN_API_KEY') ? 'KRAKEN_API_SECRET' : 'KRAKEN_API_KEY';
    problems.push(`${missing}: set both KRAKEN_API_KEY and KRAKEN_API_SECRET, or neither`);
  }
  if (source.DESK_MODE?.trim() === 'paper') problems.push(...paperProblems(source, has));
  const live = (source.DESK_MODE?.trim() || 'live') === 'live';
  if (live && source.NODE_ENV === 'production' && !has('SESSION_PASSWORD')) {
    problems.push('SESSION_PASSWORD: is required in live mode (at least 32 random characters, e.g. `openssl rand -base64 32`)');
  }
  return problems;
}

const LOOPBACK_URL = /^(https?|wss?):\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/i;

/**
 * Paper mode must not be able to reach Kraken's private API: it refuses a real key outright and talks only to a
 * built-in exchange on this machine (which mirrors Kraken's public market and keeps the paper account).
 */
function paperProblems(source: Record<string, string | undefined>, has: (name: string) => boolean): string[] {
  const problems: string[] = [];
  for (const name of ['KRAKEN_API_KEY', 'KRAKEN_API_SECRET']) {
    if (has(name)) problems.push(`${name}: paper mode refuses to start while a real Kraken key is configured; unset KRAKEN_API_KEY and KRAKEN_API_SECRET (the paper exchange's key goes in PAPER_API_KEY / PAPER_API_SECRET)`);
  }
  if (!has('PAPER_API_KEY') || !has('PAPER_API_SECRET')) {
    problems.push('PAPER_API_KEY: paper mode needs the built-in exchange\'s paper key (PAPER_API_KEY and PAPER_API_SECRET; `npm run paper` sets them)');
  }
  for (const name of ['KRAKEN_REST_URL', 'KRAKEN_WS_URL', 'KRAKEN_WS_AUTH_URL']) {
    if (!LOOPBACK_URL.test(source[name]?.trim() ?? '')) problems.push(`${name}: paper mode talks only to the built-in exchange on this machine (http://127.0.0.1:<port>…), not ${source[name]?.trim() || 'Kraken'}`);
  }
  return problems;
}
