import 'server-only';
import { performance } from 'node:perf_hooks';
import { deskServices } from '@/lib/desk-services';
import { hasKrakenKey } from '@/lib/env';
import { checkKeyHealth, type KeyHealthReport } from '@/lib/key-health-report';

export type { KeyHealthReport } from '@/lib/key-health-report';

/** Asks Kraken (with the desk's one signer) what the configured key may do. Callers check for an admin first. */
export function keyHealth(): Promise<KeyHealthReport> {
  const { env, kraken } = deskServices();
  return checkKeyHealth({
    hasKey: hasKrakenKey(env),
    getApiKeyInfo: () => kraken.private.getApiKeyInfo(),
    now: Date.now,
    monotonic: () => performance.now(),
  });
}
