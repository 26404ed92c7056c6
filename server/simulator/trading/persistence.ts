import type { NonceState } from './auth';
import type { MatchingEngine } from './matching';
import type { AccountState } from './model';
import type { StateStore } from './store';
import { log } from '../../../lib/log';

/**
 * Makes accepted mutations durable before they are answered. A request (REST call, WS method) runs as one durable
 * unit: whatever it changed — orders, fills, balances, the nonce it used — is committed in one transaction before
 * the answer is written. Mutations outside requests (fills on market ticks, timers) commit as they happen.
 */
export class Persistence {
  private depth = 0;

  constructor(
    private readonly store: StateStore,
    private readonly engine: MatchingEngine,
    private readonly account: AccountState,
    private readonly nonces: () => Record<string, NonceState>,
  ) {}

  /** Runs `fn`; everything it changed is on disk before this returns or throws. */
  durable<T>(fn: () => T): T {
    this.depth++;
    try {
      return fn();
    } finally {
      this.depth--;
      if (this.depth === 0) this.commit();
    }
  }

  /** The engine's after-mutation hook: a durable unit commits at its end, anything else commits now. */
  changed(): void {
    if (this.depth > 0) return;
    try {
      this.commit();
    } catch (err) {
      // a tick or timer has no one to answer; the changes stay pending and go with the next commit
      log.error({ err }, 'trading: could not save the account');
    }
  }

  commit(): void {
    const { unsaved } = this.engine;
    const orders = [...unsaved.orders].flatMap((id) => this.account.orders[id] ?? []);
    const { balances, nextTradeId, deadMan } = this.account;
    this.store.commit({ orders, trades: unsaved.trades, ledger: unsaved.ledger, meta: { balances, nextTradeId, deadMan, nonces: this.nonces() } });
    unsaved.orders.clear();
    unsaved.trades.length = 0;
    unsaved.ledger.length = 0;
  }
}
