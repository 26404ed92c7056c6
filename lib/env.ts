import { join } from 'node:path';
import { z } from 'zod';

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
  DESK_MODE: z.enum(['demo', 'live']).default('live'),
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
  DATA_DIR: z.string().trim().min(1).default('data'),
  DATABASE_PATH: optionalText,
  // PostgreSQL instead of SQLite (several desk instances share it); SQLite at DATABASE_PATH when unset.
  DATABASE_URL: optionalText.pipe(z.string().regex(/^postgres(ql)?:\/\/./i, 'must be a postgres:// or postgresql:// URL').optional()),
  SESSION_PASSWORD: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  /** SSE feed streams (`/api/feed`) end after this long, under a serverless function's limit; the browser resumes */
  FEED_STREAM_MAX_SECONDS: z.coerce.number().int().min(1).max(3600).default(280),
  /** a session unused this long is over (pages, API, /ws and SSE alike) */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** a session is over this long after sign-in, used or not (at most a week: the cookie's own lifetime) */
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(168).default(12),
});

export type Env = z.infer<typeof schema> & { DATABASE_PATH: string };

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
  return { ...env, DATABASE_PATH: env.DATABASE_PATH ?? join(env.DATA_DIR, 'desk.sqlite') };
}

/** Rules that span variables; checked on the raw text so they are reported alongside per-field errors. */
function crossFieldProblems(source: Record<string, string | undefined>): string[] {
  const has = (name: string) => Boolean(source[name]?.trim());
  const problems: string[] = [];
  if (has('KRAKEN_API_KEY') !== has('KRAKEN_API_SECRET')) {
    const missing = has('KRAKEN_API_KEY') ? 'KRAKEN_API_SECRET' : 'KRAKEN_API_KEY';
    problems.push(`${missing}: set both KRAKEN_API_KEY and KRAKEN_API_SECRET, or neither`);
  }
  const live = (source.DESK_MODE?.trim() || 'live') === 'live';
  if (live && source.NODE_ENV === 'production' && !has('SESSION_PASSWORD')) {
    problems.push('SESSION_PASSWORD: is required in live mode (at least 32 random characters, e.g. `openssl rand -base64 32`)');
  }
  return problems;
}
