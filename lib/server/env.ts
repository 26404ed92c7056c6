import 'server-only';
import type { Env } from '../env';
import { deskServices } from '../desk-services';

/** Configuration as the process registry validated it (SESSION_PASSWORD resolved). */
export function getEnv(): Env {
  return deskServices().env;
}
