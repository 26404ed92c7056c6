import type { Metadata } from 'next';
import { OpenOrders } from '@/components/account/open-orders';
import { OrderHistory } from '@/components/account/order-history';
import { Toaster } from '@/components/ui/toaster';
import { roleAtLeast } from '@/lib/auth/roles';
import { requireMember } from '@/lib/server/require-member';

export const metadata: Metadata = { title: 'Orders' };
// Account data and the member are per request; never prerender at build time.
export const dynamic = 'force-dynamic';

/** /orders: the account's open orders (live) and its history. Viewers read; traders and admins act. */
export default async function OrdersPage() {
  const member = await requireMember('viewer');
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">Orders</h1>
      <OpenOrders canTrade={roleAtLeast(member.role, 'trader')} />
      <OrderHistory />
      <Toaster />
    </div>
  );
}
