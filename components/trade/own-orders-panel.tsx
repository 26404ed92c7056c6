'use client';

import { useId } from 'react';
import { AccountFeedNotice } from '@/components/account/account-feed-notice';
import { OpenOrderRow } from '@/components/account/open-order-row';
import { Num, SideCell, When } from '@/components/account/order-cells';
import { useOpenOrders } from '@/lib/hooks/use-open-orders';
import { usePairFills } from '@/lib/hooks/use-pair-fills';
import { TabList, tabPanelId } from '@/components/ui/tab-list';
import { liquidityOf } from '@/lib/desk-api/account';
import { placedByName } from '@/lib/desk-api/orders';

const ORDER_HEAD = ['Opened', 'Pair', 'Side', 'Type', 'Price', 'Size', 'Filled', 'Placed by', ''];
const FILL_HEAD = ['Time', 'Side', 'Price', 'Size', 'Fee', 'Liquidity', 'Member'];
const TH = 'px-2 py-1.5 font-medium';

/**
 * The account's open orders and latest fills on this pair, under the chart: cancel and amend in place
 * (the orders page's own rows, with the same server checks), live from the executions feed.
 */
export function OwnOrdersPanel({ symbol, canTrade, tab, onTab }: { symbol: string; canTrade: boolean; tab: 'orders' | 'fills'; onTab: (tab: 'orders' | 'fills') => void }) {
  const id = useId();
  const orders = useOpenOrders();
  const open = (orders.data ?? []).filter((o) => o.symbol === symbol);
  const tabs = [
    { key: 'orders' as const, label: `Open orders (${open.length})` },
    { key: 'fills' as const, label: 'Fills' },
  ];
  return (
    <section aria-label="Your orders on this pair" className="min-w-0 rounded-lg border border-border bg-panel">
      <TabList
        label="Orders and fills"
        tabs={tabs}
        selected={tab}
        onSelect={onTab}
        idBase={id}
        className="flex gap-1 border-b border-border px-2 pt-2"
        tabClassName={() => '-mb-px rounded-t border-b-2 border-transparent px-2 py-1 text-sm text-muted aria-selected:border-accent aria-selected:text-text'}
      />
      <div className="px-2 pt-2 empty:hidden">
        <AccountFeedNotice />
      </div>
      <div role="tabpanel" id={tabPanelId(id, tab)} aria-labelledby={`${id}-${tab}`} className="max-h-72 overflow-auto lg:max-h-[max(8rem,calc((100dvh-10rem)*(100-var(--chart-pct,62))/100-4rem))]">
        {tab === 'orders' ? (
          <>
            {orders.status === 'error' ? <p role="alert" className="px-2 py-1 text-sm text-down">{orders.error}</p> : null}
            <Table head={ORDER_HEAD} numeric={[4, 5, 6]}>
              {open.map((o) => (
                <OpenOrderRow key={o.txid} order={o} canTrade={canTrade} />
              ))}
            </Table>
            {open.length === 0 ? <Empty text={orders.status === 'loading' ? 'Loading open orders…' : 'No open orders on this pair.'} /> : null}
          </>
        ) : (
          <FillsTable symbol={symbol} />
        )}
      </div>
    </section>
  );
}

function FillsTable({ symbol }: { symbol: string }) {
  const fills = usePairFills(symbol);
  const rows = fills.data ?? [];
  return (
    <>
      {fills.status === 'error' ? <p role="alert" className="px-2 py-1 text-sm text-down">{fills.error}</p> : null}
      <Table head={FILL_HEAD} numeric={[2, 3, 4]}>
        {rows.map((f) => (
          <tr key={f.tradeTxid} className="border-t border-border">
            <td className="px-2 py-1"><When value={String(f.time)} /></td>
            <td className="px-2 py-1"><SideCell side={f.side} /></td>
            <td className="px-2 py-1 text-right"><Num value={f.price} /></td>
            <td className="px-2 py-1 text-right"><Num value={f.volume} /></td>
            <td className="px-2 py-1 text-right"><Num value={f.fee} /></td>
            <td className="px-2 py-1">{liquidityOf(f) || '—'}</td>
            <td className="px-2 py-1">{placedByName(f)}</td>
          </tr>
        ))}
      </Table>
      {rows.length === 0 ? <Empty text={fills.status === 'loading' ? 'Loading fills…' : 'No fills on this pair yet.'} /> : null}
    </>
  );
}

function Table({ head, numeric, children }: { head: string[]; numeric: number[]; children: React.ReactNode }) {
  return (
    <table className="w-full min-w-[40rem] text-sm">
      <thead className="sticky top-0 bg-panel text-left text-xs text-muted">
        <tr>
          {head.map((h, i) => (
            <th key={i} scope="col" className={`${TH} ${numeric.includes(i) ? 'text-right' : ''}`}>
              {h || <span className="sr-only">Actions</span>}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

function Empty({ text }: { text: string }) {
  return <p className="p-2 text-sm text-muted">{text}</p>;
}
