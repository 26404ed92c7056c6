import { deskServicesReady, installDeskServicesBuilder } from '../lib/desk-services';
import { EnvError, loadEnv } from '../lib/env';
import { buildDeskServices } from './services-builder';
import { log as logger } from '../lib/log';

/**
 * The desk without its custom server (`next start`, Vercel): called from instrumentation.ts's `register()`,
 * which Next awaits before it serves any request of this process. Installs the services builder (a no-op under
 * the custom server, whose own builder is already installed) and starts the services, so the first requests
 * find them migrated and seeded. A configuration error stops the start, as it stops the custom server; any other
 * failure (PostgreSQL not reachable yet) is logged, and the next request's `deskServicesReady()` tries again
 * rather than leaving this instance failing every request until it is recycled.
 */
export async function startDeskInNext(log: (line: string) => void = (line) => logger.warn(line)): Promise<void> {
  installDeskServicesBuilder(() => buildDeskServices(loadEnv(), { shape: 'next', webSocketUpgrades: false }));
  try {
    await deskServicesReady();
  } catch (error) {
    if (error instanceof EnvError) throw error;
    log(`desk services did not start (the next request tries again): ${error instanceof Error ? error.message : String(error)}`);
  }
}
