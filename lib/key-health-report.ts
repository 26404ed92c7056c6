/**
 * One key-health check: a signed GetApiKeyInfo round trip, timed, assessed, and reduced to what an admin may see
 * (the key as a short prefix, never the secret, never the account IBAN).
 */
import { assessKey, keyPrefix, type KeyAssessment } from './key-health';
import { isKrakenError } from './kraken/errors';
import type { ApiKeyInfo } from './kraken/types-private';
import { log } from './log';

/**
 * What an admin sees of the key: picked (not omitted) from Kraken's GetApiKeyInfo, so a field Kraken adds later
 * stays hidden until someone decides to show it; the key itself only as a short prefix.
 */
export type KeyHealthDetails = Pick<
  ApiKeyInfo,
  'name' | 'ipAllowlist' | 'nonceWindow' | 'validUntil' | 'queryFrom' | 'queryTo' | 'createdTime' | 'modifiedTime' | 'lastUsed'
> & { keyPrefix: string | undefined };

export type KeyHealthReport =
  | { status: 'no_key' }
  | { status: 'error'; message: string; latencyMs: number; checkedAt: number }
  | { status: 'ok'; key: KeyHealthDetails; assessment: KeyAssessment; latencyMs: number; checkedAt: number };

export interface KeyHealthDeps {
  /** false when no API key is configured (nothing to ask Kraken) */
  hasKey: boolean;
  getApiKeyInfo(): Promise<ApiKeyInfo>;
  /** milliseconds, wall clock */
  now(): number;
  /** milliseconds, monotonic, for the round trip */
  monotonic(): number;
}

export async function checkKeyHealth(deps: KeyHealthDeps): Promise<KeyHealthReport> {
  if (!deps.hasKey) return { status: 'no_key' };
  const started = deps.monotonic();
  try {
    const info = await deps.getApiKeyInfo();
    const latencyMs = Math.round(deps.monotonic() - started);
    const checkedAt = deps.now();
    return { status: 'ok', key: details(info), assessment: assessKey(info, Math.floor(checkedAt / 1000)), latencyMs, checkedAt };
  } catch (error) {
    const latencyMs = Math.round(deps.monotonic() - started);
    if (!isKrakenError(error)) log.error({ err: error }, 'key health: GetApiKeyInfo failed');
    // Kraken's own error strings say what is wrong (EAPI:Invalid key, EGeneral:Permission denied…) and hold no secret
    const message = isKrakenError(error)
      ? `Kraken did not answer GetApiKeyInfo: ${error.krakenErrors.length > 0 ? error.krakenErrors.join(', ') : error.message}`
      : 'GetApiKeyInfo failed unexpectedly; see the server log.';
    return { status: 'error', message, latencyMs, checkedAt: deps.now() };
  }
}

function details(info: ApiKeyInfo): KeyHealthDetails {
  return {
    name: info.name,
    keyPrefix: keyPrefix(info.apiKey),
    ipAllowlist: info.ipAllowlist,
    nonceWindow: info.nonceWindow,
    validUntil: info.validUntil,
    queryFrom: info.queryFrom,
    queryTo: info.queryTo,
    createdTime: info.createdTime,
    modifiedTime: info.modifiedTime,
    lastUsed: info.lastUsed,
  };
}
