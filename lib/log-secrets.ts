/**
 * Secret values the logger (lib/log.ts) cuts out of every line it writes, wherever they appear (an error
 * message, a URL). Start-up code registers them (lib/env.ts: the Kraken key and secret, the session password,
 * the database URL). Kept apart from lib/log.ts so registering one pulls in no logger (proxy.ts reads env too).
 */
const secrets = new Set<string>();

/** Cuts this value out of every line logged from now on; short values are ignored (they would cut ordinary words). */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 8) secrets.add(value);
}

export function registeredSecrets(): ReadonlySet<string> {
  return secrets;
}
