import { formatDecimal } from '@/lib/format';
import type { DeskOrder } from '@/lib/desk-api/orders';
import { orderTypeLabel } from '@/lib/account-client/order-types';

/** Who placed an order: the member, or a flag when it came from outside the desk. */
export function PlacedBy({ order }: { order: DeskOrder }) {
  if (order.outsideDesk || !order.member) {
    return <span className="rounded border border-border px-1.5 py-0.5 text-xs text-muted">outside the desk</span>;
  }
  if (order.approvedBy) {
    return (
      <span>
        {order.member.username} <span className="text-xs text-muted">approved by {order.approvedBy.username}</span>
      </span>
    );
  }
  return <span>{order.member.username}</span>;
}

export function SideCell({ side }: { side: string }) {
  return <span className={side === 'buy' ? 'text-up' : side === 'sell' ? 'text-down' : ''}>{side || '—'}</span>;
}

export function TypeCell({ type }: { type: string }) {
  return <span>{type ? orderTypeLabel(type) : '—'}</span>;
}

/** Decimal text as sent (no rounding of quantities the exchange reports); `like` lends its decimal places, so a computed column lines up with the one it came from. */
export function Num({ value, like }: { value: string | null | undefined; like?: string }) {
  if (!value) return <span className="text-muted">—</span>;
  const places = (like ?? value).split('.')[1]?.length ?? 0;
  return <span className="tabular-nums">{formatDecimal(value, places)}</span>;
}

/** ISO time or Unix seconds → local "YYYY-MM-DD HH:MM:SS". */
export function When({ value }: { value: string | undefined }) {
  if (!value) return <span className="text-muted">—</span>;
  const date = /^\d+(\.\d+)?$/.test(value) ? new Date(Number(value) * 1000) : new Date(value);
  if (Number.isNaN(date.getTime())) return <span>{value}</span>;
  const pad = (n: number) => String(n).padStart(2, '0');
  const text = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  return <time dateTime={date.toISOString()} className="whitespace-nowrap tabular-nums">{text}</time>;
}
