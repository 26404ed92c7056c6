import { addText, compareDecimal, divideText, multiplyText, toFixedText } from '../decimal';
import type { DeskDb } from '../db/database';
import type { DeskOrderRecord } from '../db/desk-orders';
import type { KrakenClient } from '../kraken/rest';
import type { Order } from '../kraken/types-private';
import type { MarketContext } from './market-context';

/** QueryOrders takes at most 50 txids per call. */
const QUERY_BATCH = 50;
const FINISHED = new Set(['closed', 'canceled', 'expired']);
const FINISHED_MEMORY = 10_000;

export interface DayUsageDeps {
  db: DeskDb;
  kraken: KrakenClient;
  market: MarketContext;
  /** USD a finished order counts for, by txid: final, so each is looked up once per process */
  finished: Map<string, string>;
  /** txids of the account's open orders from the account reads' cache (reads.ts), shared with every page */
  openTxids?: () => Promise<ReadonlySet<string>>;
}

export interface DayUsageOptions {
  /** an order being amended: its new value replaces what it counts now */
  exceptTxid?: string;
  /**
   * Whether this total would refuse the order. An answer from the cache that would refuse is checked again
   * against Kraken (QueryOrders), so nobody is refused on a cached "open" for an order cancelled a moment ago.
   */
  wouldRefuse?: (usedUsd: string) => boolean;
}

/**
 * What a member's orders of one UTC day use of the daily limit: what finished orders filled plus the whole value of
 * orders still open. A cancelled or expired order counts only its filled part (nothing when it never traded), a
 * rejected ticket nothing. Orders still being placed, whose outcome is unknown or that Kraken cannot be asked about
 * right now count their whole recorded value, so a failed lookup never lets a member past the limit.
 *
 * Kraken is asked (QueryOrders) only about orders that are neither settled here nor in the open-orders cache:
 * an order listed open counts its whole value either way, and a listing that is out of date can only count a
 * closed order as open (more, never less). When that answer would refuse, every unsettled order is asked about.
 */
export async function dayUsage(deps: DayUsageDeps, memberId: number, day: string, options: DayUsageOptions = {}): Promise<string> {
  // Only today's orders are asked about; forgetting older answers now and then merely costs one lookup again.
  if (deps.finished.size > FINISHED_MEMORY) deps.finished.clear();
  const rows = (await deps.db.deskOrders.dayOrders(memberId, day)).filter((r) => r.txid === null || r.txid !== options.exceptTxid);
  const unsettled = rows.filter((r) => r.txid !== null && !deps.finished.has(r.txid)).map((r) => r.txid!);
  const open = unsettled.length > 0 && deps.openTxids ? await deps.openTxids().catch(() => undefined) : undefined;
  if (open) {
    const cached = await total(deps, rows, open, await lookUp(deps.kraken, unsettled.filter((txid) => !open.has(txid))));
    if (!options.wouldRefuse?.(cached)) return cached;
  }
  return total(deps, rows, undefined, await lookUp(deps.kraken, unsettled));
}

async function total(deps: DayUsageDeps, rows: DeskOrderRecord[], listedOpen: ReadonlySet<string> | undefined, current: Map<string, Order>): Promise<string> {
  let sum = '0';
  for (const row of rows) {
    const usd = row.txid && listedOpen?.has(row.txid) && !deps.finished.has(row.txid)
      ? row.notionalUsd
      : await countedUsd(deps, row, row.txid ? current.get(row.txid) : undefined);
    sum = addText(sum, usd);
  }
  return sum;
}

async function lookUp(kraken: KrakenClient, txids: string[]): Promise<Map<string, Order>> {
  const found = new Map<string, Order>();
  try {
    for (let i = 0; i < txids.length; i += QUERY_BATCH) {
      for (const order of await kraken.private.queryOrders(txids.slice(i, i + QUERY_BATCH))) found.set(order.txid, order);
    }
  } catch {
    // Kraken unreachable: the rows left unknown count their whole recorded value (see dayUsage).
  }
  return found;
}

async function countedUsd(deps: DayUsageDeps, row: DeskOrderRecord, order: Order | undefined): Promise<string> {
  const known = row.txid ? deps.finished.get(row.txid) : undefined;
  if (known !== undefined) return known;
  if (!order || !FINISHED.has(order.status)) return row.notionalUsd;
  const filled = await filledUsd(deps.market, row, order);
  deps.finished.set(order.txid, filled);
  return filled;
}

/** USD value of the executed part: Kraken's quote cost at today's USD rate, else the executed share of the record. */
async function filledUsd(market: MarketContext, row: DeskOrderRecord, order: Order): Promise<string> {
  if (compareDecimal(order.volumeExecuted || '0', '0') <= 0) return '0';
  const quote = row.symbol.split('/')[1] ?? '';
  const rate = await market.usdRate(quote).catch(() => undefined);
  if (rate !== undefined && order.cost) return toFixedText(multiplyText(order.cost, rate), 2);
  const volume = order.volume || row.volume;
  return toFixedText(multiplyText(row.notionalUsd, divideText(order.volumeExecuted, volume, 12)), 2);
}
