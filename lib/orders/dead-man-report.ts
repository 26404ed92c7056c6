import type { DeadManState } from '../desk-services';

/** What /admin says about the dead-man's switch: one line a person reads, and how worried to be. */
export interface DeadManReport {
  tone: 'ok' | 'warn' | 'muted';
  text: string;
}

/**
 * The switch's true state as far as this process can know it. Each instance refreshes Kraken's timer on its
 * own (lib/orders/startup.ts), so the report speaks for this instance; past the timeout with no refresh from
 * here, Kraken has cancelled every open order unless another instance refreshed it.
 */
export function deadManReport(input: { enabled: boolean; state: DeadManState; serverless: boolean; now: number }): DeadManReport {
  const { enabled, state, serverless, now } = input;
  if (!state.refreshing) return { tone: 'muted', text: 'No Kraken API key is configured: this desk has no timer to refresh.' };
  if (!enabled) return { tone: 'muted', text: 'Off: no instance refreshes Kraken’s cancel-all timer.' };
  const where = serverless ? ' A serverless instance refreshes it only while it runs: while it serves requests or an open tab’s live feed.' : '';
  const failed = state.lastError ? ` The last refresh failed (${state.lastError}).` : '';
  if (!state.lastRefreshedAt) return { tone: 'warn', text: `Not refreshed by this instance yet.${failed}${where}` };
  const ago = Math.max(0, Math.round((now - Date.parse(state.lastRefreshedAt)) / 1000));
  if (ago > state.timeoutSeconds) {
    return {
      tone: 'warn',
      text: `Not refreshed by this instance for ${ago} s: unless another instance refreshed it, Kraken has cancelled every open order.${failed}${where}`,
    };
  }
  return {
    tone: failed ? 'warn' : 'ok',
    text: `Last refreshed by this instance ${ago} s ago (every ${Math.round(state.refreshEveryMs / 1000)} s); Kraken cancels every open order ${state.timeoutSeconds} s after the last refresh from any instance.${failed}${where}`,
  };
}
