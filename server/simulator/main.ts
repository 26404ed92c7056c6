/**
 * `npm run exchange`: the built-in Kraken-compatible exchange as its own process on loopback.
 * Configuration comes from EXCHANGE_* variables, validated together so every mistake is reported at once.
 */
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { startExchange, type ExchangeOptions } from './exchange';
import { PAIRS } from './markets';
import { parsePaperBalances } from './trading/paper-account';
import { KRAKEN_PERMISSIONS, isKrakenPermission } from '../../lib/kraken/permissions';
import { log } from '../../lib/log';

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

/**
 * EXCHANGE_API_KEY_PERMISSIONS: Kraken permission codes separated by commas, `none`, or unset for every code
 * (a key created with "select all", withdrawals included, as a careless real key would be).
 */
const permissionList = optionalText.transform((v, ctx) => {
  if (v === undefined) return undefined;
  if (v === 'none') return [];
  const codes = v.split(',').map((c) => c.trim()).filter(Boolean);
  const unknown = codes.filter((c) => !isKrakenPermission(c));
  if (unknown.length > 0) {
    ctx.addIssue({ code: 'custom', message: `unknown permission ${unknown.join(', ')}; use none or codes from: ${KRAKEN_PERMISSIONS.join(', ')}` });
    return z.NEVER;
  }
  return [...new Set(codes)];
});

const schema = z.object({
    EXCHANGE_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
    EXCHANGE_HOST: z.string().trim().min(1).default('127.0.0.1'),
    EXCHANGE_SEED: z.coerce.number().int().min(0).max(0xffffffff).default(1),
    EXCHANGE_DATA: z.string().trim().min(1).default('data/exchange'),
    EXCHANGE_API_KEY: optionalText,
    EXCHANGE_API_SECRET: optionalText.refine((v) => v === undefined || /^[A-Za-z0-9+/]+={0,2}$/.test(v), 'must be base64'),
    EXCHANGE_API_KEY_PERMISSIONS: permissionList,
    EXCHANGE_API_KEY_NAME: optionalText.pipe(z.string().max(32).optional()),
    EXCHANGE_NONCE_WINDOW: z.coerce.number().int().min(0).optional(),
    EXCHANGE_TIER: z.enum(['starter', 'intermediate', 'pro']).default('starter'),
    EXCHANGE_MARKET_URL: optionalText.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://api.kraken.com' }).optional()),
    EXCHANGE_MARKET_WS_URL: optionalText.pipe(z.url({ protocol: /^wss?$/, error: 'must be a ws(s) URL, e.g. wss://ws.kraken.com/v2' }).optional()),
    EXCHANGE_MARKET_PAIRS: optionalText.transform((v) => v?.split(',').map((p) => p.trim()).filter(Boolean)),
    EXCHANGE_MARKET_DEPTH: z.enum(['10', '25', '100', '500', '1000']).default('100').transform((v) => Number(v) as 10 | 25 | 100 | 500 | 1000),
    EXCHANGE_PAPER_LATENCY_MS: z.coerce.number().int().min(0).max(10_000).default(0),
    EXCHANGE_PAPER_BALANCES: optionalText.transform((v, ctx) => {
      if (v === undefined) return undefined;
      try {
        return parsePaperBalances(v, PAIRS);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
});

export type ExchangeEnv = z.infer<typeof schema>;

/** Validates the EXCHANGE_* variables; throws one Error that lists every bad variable. */
export function loadExchangeEnv(source: Record<string, string | undefined> = process.env): ExchangeEnv {
  const parsed = schema.safeParse(source);
  const lines = parsed.success ? [] : parsed.error.issues.map((i) => `  - ${i.path.join('.') || 'environment'}: ${i.message}`);
  // checked on the raw text so it is reported together with the per-variable problems
  if (Boolean(source.EXCHANGE_API_KEY?.trim()) !== Boolean(source.EXCHANGE_API_SECRET?.trim())) {
    lines.push('  - EXCHANGE_API_SECRET: EXCHANGE_API_KEY and EXCHANGE_API_SECRET go together');
  }
  if (Boolean(source.EXCHANGE_MARKET_URL?.trim()) !== Boolean(source.EXCHANGE_MARKET_WS_URL?.trim())) {
    lines.push('  - EXCHANGE_MARKET_WS_URL: EXCHANGE_MARKET_URL and EXCHANGE_MARKET_WS_URL go together (mirror mode needs both)');
  }
  if (parsed.success && lines.length === 0) return parsed.data;
  throw new Error(`Invalid exchange configuration:\n${lines.join('\n')}`);
}

/** Mirror mode's options when EXCHANGE_MARKET_URL is set (the desk's `npm run paper` sets it to Kraken's). */
export function mirrorOptions(env: ExchangeEnv): ExchangeOptions['mirror'] {
  if (!env.EXCHANGE_MARKET_URL || !env.EXCHANGE_MARKET_WS_URL) return undefined;
  return {
    restUrl: env.EXCHANGE_MARKET_URL,
    wsUrl: env.EXCHANGE_MARKET_WS_URL,
    pairs: env.EXCHANGE_MARKET_PAIRS,
    depth: env.EXCHANGE_MARKET_DEPTH,
    matchingDelayMs: env.EXCHANGE_PAPER_LATENCY_MS,
    // a remote source comes back on its own; do not wait a minute between attempts
    wsTuning: { backoff: { initialMs: 1000, maxMs: 10_000 } },
  };
}

async function main(): Promise<void> {
  let env: ExchangeEnv;
  try {
    env = loadExchangeEnv();
  } catch (error) {
    log.fatal((error as Error).message);
    process.exit(2);
  }
  const exchange = await startExchange({
    port: env.EXCHANGE_PORT,
    host: env.EXCHANGE_HOST,
    seed: env.EXCHANGE_SEED,
    dataDir: env.EXCHANGE_DATA,
    apiKeys: env.EXCHANGE_API_KEY && env.EXCHANGE_API_SECRET
      ? [{ key: env.EXCHANGE_API_KEY, secret: env.EXCHANGE_API_SECRET, permissions: env.EXCHANGE_API_KEY_PERMISSIONS, name: env.EXCHANGE_API_KEY_NAME }]
      : [],
    nonceWindow: env.EXCHANGE_NONCE_WINDOW,
    tier: env.EXCHANGE_TIER,
    paperBalances: env.EXCHANGE_PAPER_BALANCES,
    mirror: mirrorOptions(env),
  });
  log.info(env.EXCHANGE_MARKET_URL ? `exchange listening (mirror of ${env.EXCHANGE_MARKET_URL})` : `exchange listening (seed ${env.EXCHANGE_SEED})`);
  log.info(`  REST     ${exchange.restUrl}`);
  log.info(`  WS       ${exchange.wsUrl}`);
  log.info(`  WS auth  ${exchange.wsAuthUrl}`);
  log.info(`  control  ${exchange.controlUrl}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: closing exchange`);
    exchange.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'closing the exchange failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

// run only as the entry point, so tests can import loadExchangeEnv
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
