'use client';

import { useMemo } from 'react';
import { formatDecimal } from '@/lib/format';
import { useBalances } from '@/lib/hooks/use-balances';
import { useTickers } from '@/lib/hooks/use-tickers';
import { commonAssetCode } from '@/lib/account-client/assets';
import { valueBalances } from '@/lib/account-client/valuation';
import { AccountFeedNotice } from './account-feed-notice';
import { AllocationChart } from './allocation-chart';
import { Num } from './order-cells';

/**
 * Balances and holds of the account, each valued in USD at the live CODE/USD ticker, with the total and
 * allocation. Assets without a USD market are listed with an unknown value rather than guessed.
 */
export function BalancesView({ usdSymbols }: { usdSymbols: string[] }) {
  const balances = useBalances();
  const codes = useMemo(() => new Set((balances.data ?? []).map((b) => commonAssetCode(b.asset))), [balances.data]);
  const wanted = useMemo(() => usdSymbols.filter((s) => codes.has(s.split('/')[0] ?? '')), [usdSymbols, codes]);
  const tickers = useTickers(wanted);
  const valuation = valueBalances(balances.data ?? [], (code) => tickers.get(`${code}/USD`)?.data?.last);

  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(16rem,1fr)]">
      <section aria-labelledby="balances-heading" className="rounded-lg border border-border bg-panel">
        <div className="flex flex-wrap items-baseline justify-between gap-2 p-3">
          <h2 id="balances-heading" className="text-base font-semibold">Balances</h2>
          <p className="text-sm">
            <span className="text-muted">Total </span>
            <span data-testid="balances-total" className="font-semibold tabular-nums">{formatDecimal(valuation.totalUsd, 2)} USD</span>
          </p>
        </div>
        <div className="px-3 pb-2 empty:hidden">
          <AccountFeedNotice />
        </div>
        {balances.status === 'error' ? <p role="alert" className="px-3 pb-2 text-sm text-down">{balances.error}</p> : null}
        <div className="overflow-x-auto">
          <table className="w-full min-w-[32rem] text-sm">
            <thead className="text-left text-xs text-muted">
              <tr>
                <th scope="col" className="px-3 py-1.5 font-medium">Asset</th>
                <th scope="col" className="px-3 py-1.5 text-right font-medium">Balance</th>
                <th scope="col" className="px-3 py-1.5 text-right font-medium">On hold</th>
                <th scope="col" className="px-3 py-1.5 text-right font-medium">Available</th>
                <th scope="col" className="px-3 py-1.5 text-right font-medium">Value (USD)</th>
              </tr>
            </thead>
            <tbody>
              {valuation.rows.map((r) => (
                <tr key={r.code} className="border-t border-border" data-asset={r.code}>
                  <th scope="row" className="px-3 py-1.5 text-left font-medium">{r.code}</th>
                  <td className="px-3 py-1.5 text-right"><Num value={r.balance} /></td>
                  <td className="px-3 py-1.5 text-right"><Num value={r.hold} /></td>
                  <td className="px-3 py-1.5 text-right"><Num value={r.free} like={r.balance} /></td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{r.usd !== undefined ? formatDecimal(r.usd, 2) : <span className="text-muted">no USD price</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {valuation.rows.length === 0 ? (
            <p className="p-3 text-sm text-muted">{balances.status === 'loading' ? 'Loading balances…' : 'No balances.'}</p>
          ) : null}
        </div>
      </section>
      <section aria-label="Allocation" className="rounded-lg border border-border bg-panel p-3">
        <AllocationChart rows={valuation.rows} />
      </section>
    </div>
  );
}
