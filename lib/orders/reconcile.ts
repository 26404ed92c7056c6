import type { DeskDb } from '../db/database';
import { isKrakenError } from '../kraken/errors';
import type { KrakenClient } from '../kraken/rest';

/**
 * With several instances on one store an open intent younger than this may be a call a peer is making right now (a
 * request times out after 15 s; its cl_ord_id lookup follows within 10 s): only older intents are orphans.
 */
export const ORPHAN_INTENT_AFTER_MS = 60_000;

export interface ReconcileReport {
  /** open intents found at start */
  open: number;
  /** order placements found on Kraken by cl_ord_id and completed as placed */
  placed: number;
  /** placements proven absent (completed as not placed) */
  notPlaced: number;
  /** intents that could not be resolved (other actions, or the lookup failed) — completed as `unknown` */
  unknown: number;
}

/**
 * After a crash between an intent row and its result, completes every open intent. Placements are resolved the
 * same way a lost response is — by looking the cl_ord_id up on Kraken, never by sending again — and their desk
 * order row is settled so a repeat of the ticket replays the real outcome (or, when absent, is released).
 */
export async function reconcileOpenIntents(db: DeskDb, kraken: KrakenClient, options: { olderThanMs?: number; now?: () => number } = {}): Promise<ReconcileReport> {
  // With several instances an open intent may be a call another instance is making right now: only intents older
  // than any call can take are orphans. One pass at a time across instances, so no intent is completed twice.
  return db.shared.exclusive('reconcile-open-intents', () => reconcile(db, kraken, options.olderThanMs ?? 0, options.now ?? Date.now));
}

async function reconcile(db: DeskDb, kraken: KrakenClient, olderThanMs: number, now: () => number): Promise<ReconcileReport> {
  const open = (await db.audit.openIntents()).filter((intent) => now() - Date.parse(intent.at) >= olderThanMs);
  const report: ReconcileReport = { open: open.length, placed: 0, notPlaced: 0, unknown: 0 };
  for (const intent of open) {
    const record = intent.action === 'order.place' && intent.idempotencyKey ? await db.deskOrders.findByKey(intent.idempotencyKey) : null;
    if (!record) {
      await db.audit.complete(intent.seq, 'unknown', { reconciled: true, note: 'the desk stopped before Kraken answered' });
      report.unknown++;
      continue;
    }
    try {
      const found = [...(await kraken.private.openOrders({ clOrdId: record.clOrdId })), ...(await kraken.private.closedOrders({ clOrdId: record.clOrdId })).orders]
        .find((o) => o.clOrdId === record.clOrdId);
      if (found) {
        const order = {
          txid: found.txid, clOrdId: record.clOrdId, symbol: record.symbol, side: found.side, type: found.orderType, status: found.status,
          volume: found.volume, volumeExecuted: found.volumeExecuted, price: found.price || null, price2: found.price2 || null, avgPrice: found.avgPrice || null,
          cost: found.cost || null, fee: found.fee || null, openTime: found.openTime, closeTime: found.closeTime ?? null, description: found.description,
          member: { id: record.memberId, username: record.username }, outsideDesk: false, resolvedByLookup: true,
        };
        await db.deskOrders.settle(record.id, { state: 'placed', txid: found.txid, response: { status: 201, body: { order } } });
        await db.audit.complete(intent.seq, 'ok', { reconciled: true, txids: [found.txid], status: found.status });
        report.placed++;
      } else {
        // Proved not placed: the key is free again, so the member may send the same ticket once more.
        await db.deskOrders.release(record.id);
        await db.audit.complete(intent.seq, 'error', { reconciled: true, notPlaced: true });
        report.notPlaced++;
      }
    } catch (error) {
      // Kraken unreachable now: leave the intent open so the next start tries again.
      report.unknown++;
      if (!isKrakenError(error)) throw error;
    }
  }
  return report;
}
