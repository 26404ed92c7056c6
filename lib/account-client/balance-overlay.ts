import { balanceUpdatesOf } from '@/lib/kraken/account-updates';
import { compareDecimal, isDecimalText, subtractText } from '@/lib/decimal';
import type { BalanceRow } from '../desk-api/account';
import { commonAssetCode } from './assets';

/**
 * Applies the private balances feed to the balances list as frames arrive. Each update row carries the
 * asset's new total; the desk's API answer (with holds) is cached, so the newest total
 * per asset is laid over every answer for HOLD_MS, past the point where the API has caught up. Holds
 * are not in these rows: the free amount is recomputed from the known hold until the next read.
 */

/** Well past the server's reload after a reported change (about a second: AccountReads.accountChanged) plus a slow answer. */
const HOLD_MS = 12_000;

/** The spot-wallet rows of one balances update frame (mapped by lib/kraken/account-updates); anything else is left out. */
export function balanceUpdates(data: unknown): { asset: string; balance: string }[] {
  return balanceUpdatesOf(data).flatMap((u) => (u.wallet === 'spot' && isDecimalText(u.balance) ? [{ asset: u.asset, balance: u.balance }] : []));
}

export class BalanceOverlay {
  private readonly held = new Map<string, { balance: string; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Keeps the newest total per asset. */
  record(updates: readonly { asset: string; balance: string }[]): void {
    const at = this.now();
    for (const u of updates) this.held.set(u.asset, { balance: u.balance, at });
  }

  apply(balances: readonly BalanceRow[]): BalanceRow[] {
    const cutoff = this.now() - HOLD_MS;
    for (const [asset, held] of this.held) if (held.at < cutoff) this.held.delete(asset);
    if (this.held.size === 0) return balances.slice();
    return balances.map((b) => {
      const held = this.held.get(commonAssetCode(b.asset));
      if (!held || held.balance === b.balance) return b;
      const free = isDecimalText(b.holdTrade) ? subtractText(held.balance, b.holdTrade) : held.balance;
      return { ...b, balance: held.balance, available: compareDecimal(free, '0') < 0 ? '0' : free };
    });
  }
}
