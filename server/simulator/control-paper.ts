/**
 * /control routes of the paper account: what it starts from and where its market comes from (GET), and the
 * reset an admin runs from the desk's /admin (POST): open orders cancelled, balances back to the configured ones
 * through ledger adjustments, so the account's history stays whole.
 */
import { z } from 'zod';
import { ControlError, jsonBody } from './control-body';
import type { Route } from './control';

export interface PaperResetResult {
  /** common code → balance after the reset */
  balances: Record<string, string>;
  cancelledOrders: number;
}

export interface PaperControl {
  /** the configured starting balances, common code → amount */
  startingBalances(): Record<string, string>;
  reset(): PaperResetResult;
  /** mirror mode: the source and its feed; undefined on the synthetic market */
  source(): unknown;
}

export const PAPER_ROUTES: Record<string, Route> = {
  'GET /control/paper': async (_req, { paper, market }) => {
    if (!paper) throw new ControlError(404, 'this exchange has no paper account');
    return { market: market.sourceUrl ? 'mirror' : 'synthetic', status: market.status(), startingBalances: paper.startingBalances(), source: paper.source() ?? null };
  },
  'POST /control/paper/reset': async (req, { paper }) => {
    if (!paper) throw new ControlError(404, 'this exchange has no paper account');
    await jsonBody(req, z.object({}).strict());
    return paper.reset();
  },
};
