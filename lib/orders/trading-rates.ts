/**
 * The trading-rate budget as the order path uses it: the model of trading-rate.ts, either in this process (one desk
 * process) or on levels the store shares between instances (PostgreSQL), so two instances cannot each spend the
 * pair's whole counter. Order ages for the penalties stay per process; an order placed elsewhere is aged by the
 * open time Kraken reports.
 */
import type { LevelEntry, SharedLevels } from '../db/shared-state';
import { actionCost, OrderRateError, TRADING_TIERS, TradingRateModel, type TradingAction, type TradingRateOptions } from './trading-rate';

export interface TradingRates {
  /** Charges the pair and the member, or throws OrderRateError and charges nothing. */
  charge(symbol: string, memberId: number, action: TradingAction): Promise<void>;
  refund(symbol: string, memberId: number, action: TradingAction): Promise<void>;
  record(symbol: string, action: TradingAction): Promise<void>;
  markExceeded(symbol: string): Promise<void>;
  noteChange(txid: string, symbol: string): void;
  ageOf(txid: string, openedAtMs?: number): number;
  symbolOf(txid: string): string | undefined;
}

/** One process: the in-memory model. */
export function localTradingRates(options: TradingRateOptions = {}): TradingRates {
  const model = new TradingRateModel(options);
  return {
    charge: async (symbol, memberId, action) => model.charge(symbol, memberId, action),
    refund: async (symbol, memberId, action) => model.refund(symbol, memberId, action),
    record: async (symbol, action) => model.record(symbol, action),
    markExceeded: async (symbol) => model.markExceeded(symbol),
    noteChange: (txid, symbol) => model.noteChange(txid, symbol),
    ageOf: (txid, openedAtMs) => model.ageOf(txid, openedAtMs),
    symbolOf: (txid) => model.symbolOf(txid),
  };
}

/** Several instances: the same budget, on levels every instance reads and charges in one transaction. */
export function sharedTradingRates(levels: SharedLevels, options: TradingRateOptions = {}): TradingRates {
  // The model still remembers this process's order ages; its levels are unused.
  const ages = new TradingRateModel(options);
  const tier = TRADING_TIERS[options.tier ?? 'starter'];
  const ceiling = tier.max - (options.headroom ?? Math.ceil(tier.max / 10));
  const share = Math.min(1, Math.max(0.01, options.memberShare ?? 0.5));
  const pair = (symbol: string, amount: number): LevelEntry => ({ key: `trading:${symbol}`, amount, shape: { max: ceiling, decayPerSecond: tier.decayPerSecond } });
  const member = (symbol: string, memberId: number, amount: number): LevelEntry => ({
    key: `trading:${symbol}:member:${memberId}`, amount, shape: { max: ceiling * share, decayPerSecond: tier.decayPerSecond * share },
  });
  return {
    async charge(symbol, memberId, action) {
      const cost = actionCost(action);
      const verdict = await levels.addAll([pair(symbol, cost), member(symbol, memberId, cost)]);
      if (!verdict.charged) throw new OrderRateError(verdict.refused === 0 ? 'pair' : 'member', symbol, Math.ceil(verdict.waitSeconds));
    },
    async refund(symbol, memberId, action) {
      const cost = actionCost(action);
      await levels.force(pair(symbol, 0).key, -cost, pair(symbol, 0).shape);
      await levels.force(member(symbol, memberId, 0).key, -cost, member(symbol, memberId, 0).shape);
    },
    async record(symbol, action) {
      await levels.force(pair(symbol, 0).key, actionCost(action), pair(symbol, 0).shape);
    },
    async markExceeded(symbol) {
      await levels.fill(pair(symbol, 0).key, pair(symbol, 0).shape);
    },
    noteChange: (txid, symbol) => ages.noteChange(txid, symbol),
    ageOf: (txid, openedAtMs) => ages.ageOf(txid, openedAtMs),
    symbolOf: (txid) => ages.symbolOf(txid),
  };
}
