/**
 * The paper account's starting balances (EXCHANGE_PAPER_BALANCES, e.g. `USD=100000,BTC=1`) and its reset:
 * every open order cancelled, then one `adjustment` ledger row per asset whose balance differs from its
 * starting value, so balances equal the ledger's running total before and after.
 */
import type { PairInfo } from '../types';
import { assetIdForCode, codeForAssetId, formatBalance } from './accounts';
import { D, DECIMAL_TEXT } from './decimal';
import { makeId } from './ids';
import type { MatchingEngine } from './matching';
import type { LedgerRecord } from './model';

/** `USD=100000,BTC=1` → { USD: '100000', BTC: '1' }; throws one message naming every bad entry. */
export function parsePaperBalances(text: string, pairs: readonly PairInfo[]): Record<string, string> {
  const out: Record<string, string> = {};
  const problems: string[] = [];
  for (const entry of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    const m = /^([A-Za-z0-9]{1,12})=(.+)$/.exec(entry);
    const code = m?.[1]?.toUpperCase();
    const amount = m?.[2]?.trim();
    if (!code || !amount || !DECIMAL_TEXT.test(amount)) problems.push(`"${entry}" is not CODE=amount`);
    else if (!assetIdForCode(pairs, code)) problems.push(`${code} is not an asset of a listed pair`);
    else if (code in out) problems.push(`${code} is given twice`);
    else out[code] = new D(amount).toFixed();
  }
  if (problems.length > 0) throw new Error(problems.join('; '));
  if (Object.keys(out).length === 0) throw new Error('no balances given (e.g. USD=100000,BTC=1)');
  return out;
}

export interface PaperReset {
  balances: Record<string, string>;
  cancelledOrders: number;
}

/** Cancels every open order and books the balances back to `start` (common code → amount). */
export function resetPaperAccount(engine: MatchingEngine, start: Record<string, string>): PaperReset {
  const pairs = engine.market.pairs;
  return engine.atomically(() => {
    const open = engine.openOrders();
    for (const o of open) engine.close(o, 'canceled', 'Paper account reset');
    const target = new Map<string, string>();
    for (const [code, amount] of Object.entries(start)) {
      const id = assetIdForCode(pairs, code);
      if (id) target.set(id, amount);
    }
    const time = engine.clock();
    const refid = makeId('R');
    const rows: LedgerRecord[] = [];
    const balances = engine.state.balances;
    for (const asset of new Set([...Object.keys(balances), ...target.keys()])) {
      const before = new D(balances[asset] ?? 0);
      const after = new D(target.get(asset) ?? 0);
      if (before.eq(after)) continue;
      balances[asset] = after.toFixed();
      const row: LedgerRecord = {
        id: makeId('L'), refid, time, type: 'adjustment', subtype: '', asset,
        amount: after.minus(before).toFixed(), fee: '0', balance: after.toFixed(),
      };
      engine.state.ledger[row.id] = row;
      rows.push(row);
    }
    if (rows.length > 0) engine.publishLedger(rows);
    const shown: Record<string, string> = {};
    for (const [asset, amount] of Object.entries(balances)) shown[codeForAssetId(pairs, asset)] = formatBalance(asset, new D(amount));
    return { balances: shown, cancelledOrders: open.length };
  });
}
