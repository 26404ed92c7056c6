import { AppError } from '../errors';
import { addText, compareDecimal, toFixedText } from '../decimal';
import type { MemberLimits } from '../db/limits';

export interface LimitCheck {
  symbol: string;
  orderType: string;
  /** USD value of this order, decimal text */
  notionalUsd: string;
  /** USD already used by the member's orders this UTC day */
  usedTodayUsd: string;
}

const usd = (text: string) => `${toFixedText(text, 2)} USD`;

/** Per-member limits (README "How it fits together"): allowed pairs and types, notional per order and per UTC day, in USD. */
export function checkLimits(limits: MemberLimits, order: LimitCheck): void {
  if (limits.allowedPairs !== null && !limits.allowedPairs.includes(order.symbol)) {
    throw new AppError('limit_pair', `You are not allowed to trade ${order.symbol}. Allowed pairs: ${limits.allowedPairs.join(', ') || 'none'}.`);
  }
  if (limits.allowedTypes !== null && !limits.allowedTypes.includes(order.orderType)) {
    throw new AppError('limit_order_type', `You are not allowed to place ${order.orderType} orders. Allowed types: ${limits.allowedTypes.join(', ') || 'none'}.`);
  }
  if (limits.maxOrderUsd !== null && compareDecimal(order.notionalUsd, limits.maxOrderUsd) > 0) {
    throw new AppError('limit_order_notional', `This order is worth ${usd(order.notionalUsd)}, above your limit of ${usd(limits.maxOrderUsd)} per order.`);
  }
  if (limits.maxDayUsd !== null) {
    const total = addText(order.usedTodayUsd, order.notionalUsd);
    if (compareDecimal(total, limits.maxDayUsd) > 0) {
      throw new AppError('limit_daily_notional',
        `This order (${usd(order.notionalUsd)}) would take you to ${usd(total)} today (UTC), above your daily limit of ${usd(limits.maxDayUsd)}.`);
    }
  }
}

/** YYYY-MM-DD of the UTC day `at` falls on. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
