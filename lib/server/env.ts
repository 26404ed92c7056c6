import 'server-only';
import { loadEnv, type Env } from '../env';

let env: Env | undefined;

/** Configuration as validated by the custom server at start; parsed once per Next bundle. */
export function getEnv(): Env {
  env ??= loadEnv();
  return env;
}
