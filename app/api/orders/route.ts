import { handler, jsonAnswer } from '@/lib/http/handler';
import { AppError } from '@/lib/errors';
import { historyQuery } from '@/lib/orders/history';
import { ticketSchema } from '@/lib/orders/ticket';

/**
 * GET ?status=open|closed &page=N|all=1 (viewer; closed orders filter by &symbol &side &from &to over all of them)
 * · POST a ticket (trader; Origin + JSON; idempotent by idempotencyKey).
 */
export const GET = handler({ role: 'viewer' }, async ({ req, services }) => {
  const url = new URL(req.url);
  const status = url.searchParams.get('status') ?? 'open';
  if (status !== 'open' && status !== 'closed') throw new AppError('invalid_status');
  const { filter, page } = historyQuery(url);
  return services.orders.reads.orders(status, page, filter);
});

export const POST = handler({ role: 'trader', mutation: true, body: ticketSchema }, async ({ member, body, services }) => {
  const result = await services.orders.place(member, body);
  return jsonAnswer(result.body, { status: result.status, headers: result.replayed ? { 'Idempotent-Replayed': 'true' } : {} });
});
