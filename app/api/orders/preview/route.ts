import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { handler } from '@/lib/http/handler';
import { ticketSchema } from '@/lib/orders/ticket';

/** The preview takes a ticket whose idempotencyKey may be left out. */
const previewBody = z.record(z.string(), z.unknown(), { error: 'the body must be a JSON object (an order ticket)' });

/** GET takes the ticket as query parameters (flags comma-separated). */
function ticketFromQuery(url: URL) {
  const pick = (name: string) => url.searchParams.get(name) ?? undefined;
  const flags = pick('flags');
  return ticketSchema.parse({
    symbol: pick('symbol'), side: pick('side'), type: pick('type'), volume: pick('volume'), price: pick('price'), price2: pick('price2'),
    flags: flags ? flags.split(',') : undefined, timeInForce: pick('timeInForce'), expireAt: pick('expireAt'),
    displayVolume: pick('displayVolume'), idempotencyKey: pick('idempotencyKey') ?? randomUUID(),
  });
}

/** Impact preview + fat-finger verdict + Kraken validate=true dry run (trader); GET with query or POST a ticket. */
export const GET = handler({ role: 'trader' }, async ({ req, member, services }) =>
  ({ preview: await services.orders.preview(member, ticketFromQuery(new URL(req.url))) }));

export const POST = handler({ role: 'trader', mutation: true, body: previewBody }, async ({ member, body, services }) =>
  ({ preview: await services.orders.preview(member, ticketSchema.parse({ idempotencyKey: randomUUID(), ...body })) }));
