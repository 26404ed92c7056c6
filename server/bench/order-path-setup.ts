/** What the order-path benches share: throwaway keys, one signed-in trader and a desk instance started for them. */
import { randomBytes } from 'node:crypto';
import { openDeskDatabase, type DeskDb } from '../../lib/db';
import { sessionCookie } from '../multi/desk-api';
import { startInstance, type DeskInstance } from '../multi/instances';
import { keyEnv } from '../multi/testing/direct-client';
import type { KeepAliveFetch } from '../kraken-transport';
import type { RunningExchange } from '../simulator/exchange';

const SESSION_PASSWORD = 'order-path-bench-session-password-000000';

export const benchKey = (name: string) => ({ key: `bench-${name}`, secret: randomBytes(64).toString('base64') });

export interface BenchDesk {
  desk: DeskInstance;
  db: DeskDb;
  /** the trader's session cookie */
  cookie: string;
  stop(): Promise<void>;
}

/**
 * A `next start` desk on `location` (a SQLite file or a PostgreSQL URL) signing with `deskKey`, its REST calls sent
 * to `restUrl` (the exchange, or a proxy in front of it), with one trader signed in.
 */
export async function startBenchDesk(name: string, options: { location: string; dataDir: string; exchange: RunningExchange; restUrl?: string; deskKey: { key: string; secret: string } }): Promise<BenchDesk> {
  const { location, dataDir, exchange } = options;
  const db = openDeskDatabase(location);
  try {
    await db.ready();
    const trader = await db.members.create({ username: name, passwordHash: 'not-a-login', role: 'trader' });
    const cookie = await sessionCookie(db, trader, SESSION_PASSWORD);
    const desk = await startInstance(name, {
      DESK_MODE: 'live', SESSION_PASSWORD, DATA_DIR: dataDir, KRAKEN_TIER: 'pro',
      ...(location.startsWith('postgres') ? { DATABASE_URL: location } : { DATABASE_PATH: location }),
      KRAKEN_REST_URL: options.restUrl ?? exchange.restUrl, KRAKEN_WS_URL: exchange.wsUrl, KRAKEN_WS_AUTH_URL: exchange.wsAuthUrl,
      ...keyEnv(options.deskKey),
    });
    return { desk, db, cookie, async stop() { await desk.stop(); await db.close(); } };
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** One request to the desk as a signed-in browser sends it (cookie + same-origin Origin), over `transport`. */
export async function deskCall(transport: KeepAliveFetch, bench: BenchDesk, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { cookie: bench.cookie, origin: bench.desk.origin };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const answer = await transport(`${bench.desk.origin}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: answer.status, text: await answer.text() };
}
