import type { Env } from '../lib/env';
import { getSharedDatabase, closeSharedDatabases, type DeskDb } from '../lib/db';
import { seedDemoMembers, DEMO_PASSWORD } from '../lib/auth/demo-members';
import { resolveSessionPassword } from '../lib/session';
import { registerDeskServices } from '../lib/desk-services';
import { createKrakenClient, type KrakenClient } from '../lib/kraken/rest';
import type { UpgradeHandler } from './http-routing';

export interface DeskServices {
  db: DeskDb;
  kraken: KrakenClient;
  sessionPassword: string;
  /** handles `/ws` upgrades */
  upgrade?: UpgradeHandler;
  close(): Promise<void>;
}

/**
 * Everything the desk runs beside Next in this process: the member database, the session password and
 * the feed hub. Started before `next.prepare()` so a bad configuration fails fast, and registered on
 * globalThis so Next's bundled server code reaches the same instances.
 */
export async function startDeskServices(env: Env): Promise<DeskServices> {
  const sessionPassword = resolveSessionPassword(env);
  // Next-side code reads configuration through loadEnv(); a generated demo password must reach it too.
  process.env.SESSION_PASSWORD = sessionPassword;
  const db = getSharedDatabase(env.DATABASE_PATH);
  if (env.DESK_MODE === 'demo') {
    const created = await seedDemoMembers(db);
    if (created.length > 0) console.log(`Demo members created: ${created.join(', ')} (password ${DEMO_PASSWORD})`);
  }
  const kraken = createKrakenClient({
    restUrl: env.KRAKEN_REST_URL,
    apiKey: env.KRAKEN_API_KEY,
    apiSecret: env.KRAKEN_API_SECRET,
    tier: env.KRAKEN_TIER,
  });
  registerDeskServices({ env: { ...env, SESSION_PASSWORD: sessionPassword }, db, kraken });
  return {
    db,
    kraken,
    sessionPassword,
    close: async () => {
      closeSharedDatabases();
    },
  };
}
