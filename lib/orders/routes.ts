import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors';
import { requireRecentAuth } from '../auth/reauth';
import { verifyAuditRows } from '../audit/verify';
import { auditCsv } from '../audit/csv';
import type { DeskDb } from '../db/database';
import { deadManSchema, freezeSchema, limitsSchema, thresholdsSchema } from './desk-controls';
import type { RouteSpec } from './http';
import type { MarketContext } from './market-context';
import type { OrderService } from './service';
import { amendSchema, cancelAllSchema, ticketSchema } from './ticket';

/** What the handlers need: the order service and the database (audit export, member limits). */
export interface ApiServices {
  orders: OrderService;
  db: DeskDb;
}

type Spec<Body = undefined, Params = Record<string, string>> = RouteSpec<Body, Params, ApiServices>;

const json = (body: unknown, status = 200) => Response.json(body, { status });

function queryParam(req: Request, name: string): string | undefined {
  return new URL(req.url).searchParams.get(name) ?? undefined;
}

function pageParam(req: Request): number {
  const text = queryParam(req, 'page') ?? '0';
  if (!/^\d{1,5}$/.test(text)) throw new AppError('invalid_page', 400, 'page must be a whole number from 0.');
  return Number(text);
}

/** GET /api/orders/preview takes the ticket as query parameters (flags comma-separated). */
function ticketFromQuery(req: Request) {
  const q = new URL(req.url).searchParams;
  const pick = (name: string) => q.get(name) ?? undefined;
  const flags = pick('flags');
  return ticketSchema.parse({
    symbol: pick('symbol'), side: pick('side'), type: pick('type'), volume: pick('volume'), price: pick('price'), price2: pick('price2'),
    flags: flags ? flags.split(',') : undefined, timeInForce: pick('timeInForce'), expireAt: pick('expireAt'),
    displayVolume: pick('displayVolume'), idempotencyKey: pick('idempotencyKey') ?? randomUUID(),
  });
}

/** The preview takes a ticket whose idempotencyKey may be left out. */
const previewBody = z.record(z.string(), z.unknown(), { error: 'the body must be a JSON object (an order ticket)' });

/** Every JSON API route of the private path; app/api route files only bind these (see lib/server/orders.ts). */
export const API_ROUTES = {
  placeOrder: {
    role: 'trader', mutation: true, body: ticketSchema,
    async handle(s, _req, { member, body }) {
      const result = await s.orders.place(member, body);
      return Response.json(result.body, { status: result.status, headers: result.replayed ? { 'Idempotent-Replayed': 'true' } : {} });
    },
  } satisfies Spec<z.output<typeof ticketSchema>>,
  listOrders: {
    role: 'viewer', mutation: false,
    async handle(s, req) {
      const status = queryParam(req, 'status') ?? 'open';
      if (status !== 'open' && status !== 'closed') throw new AppError('invalid_status', 400, 'status must be "open" or "closed".');
      return json(await s.orders.orders(status, pageParam(req)));
    },
  } satisfies Spec,
  fills: {
    role: 'viewer', mutation: false,
    async handle(s, req) {
      return json(await s.orders.reads.fills(pageParam(req)));
    },
  } satisfies Spec,
  ledger: {
    role: 'viewer', mutation: false,
    async handle(s, req) {
      return json(await s.orders.reads.ledger(pageParam(req)));
    },
  } satisfies Spec,
  previewGet: {
    role: 'trader', mutation: false,
    async handle(s, req, { member }) {
      return json({ preview: await s.orders.preview(member, ticketFromQuery(req)) });
    },
  } satisfies Spec,
  previewPost: {
    role: 'trader', mutation: true, body: previewBody,
    async handle(s, _req, { member, body }) {
      const ticket = ticketSchema.parse({ idempotencyKey: randomUUID(), ...body });
      return json({ preview: await s.orders.preview(member, ticket) });
    },
  } satisfies Spec<z.output<typeof previewBody>>,
  cancelOrder: {
    role: 'trader', mutation: true,
    async handle(s, _req, { member, params }) {
      return json(await s.orders.cancel(member, params.id ?? ''));
    },
  } satisfies Spec<undefined, { id?: string }>,
  amendOrder: {
    role: 'trader', mutation: true, body: amendSchema,
    async handle(s, _req, { member, params, body }) {
      return json(await s.orders.amend(member, params.id ?? '', body));
    },
  } satisfies Spec<z.output<typeof amendSchema>, { id?: string }>,
  cancelAll: {
    role: 'trader', mutation: true, body: cancelAllSchema,
    async handle(s, _req, { member }) {
      return json(await s.orders.cancelAll(member));
    },
  } satisfies Spec<z.output<typeof cancelAllSchema>>,
  balances: {
    role: 'viewer', mutation: false,
    async handle(s) {
      return json(await s.orders.balances());
    },
  } satisfies Spec,
  audit: {
    role: 'admin', mutation: false,
    async handle(s, req) {
      const format = queryParam(req, 'format') ?? 'json';
      if (format === 'csv') {
        return new Response(auditCsv(await s.db.audit.all()), {
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="kraken-desk-audit.csv"' },
        });
      }
      if (format !== 'json') throw new AppError('invalid_format', 400, 'format must be "json" or "csv".');
      const limit = Number(queryParam(req, 'limit') ?? '100');
      const before = queryParam(req, 'before');
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new AppError('invalid_limit', 400, 'limit must be 1–1000.');
      if (before !== undefined && !/^\d{1,15}$/.test(before)) throw new AppError('invalid_before', 400, 'before must be a row number.');
      const page = await s.db.audit.page({ limit, beforeSeq: before === undefined ? undefined : Number(before) });
      const chain = queryParam(req, 'verify') === '1' ? verifyAuditRows(await s.db.audit.all()) : undefined;
      return json({ ...page, chain });
    },
  } satisfies Spec,
  deskState: {
    role: 'viewer', mutation: false,
    async handle(s) {
      return json({ settings: await s.orders.deskSettings() });
    },
  } satisfies Spec,
  freeze: {
    role: 'admin', mutation: true, body: freezeSchema,
    async handle(s, _req, { member, body }) {
      requireRecentAuth(member);
      return json(await s.orders.freeze(member, body.frozen));
    },
  } satisfies Spec<z.output<typeof freezeSchema>>,
  deadMan: {
    role: 'admin', mutation: true, body: deadManSchema,
    async handle(s, _req, { member, body }) {
      requireRecentAuth(member);
      return json(await s.orders.deadManSwitch(member, body.enabled));
    },
  } satisfies Spec<z.output<typeof deadManSchema>>,
  thresholds: {
    role: 'admin', mutation: true, body: thresholdsSchema,
    async handle(s, _req, { member, body }) {
      requireRecentAuth(member);
      return json({ settings: await s.orders.thresholds(member, body) });
    },
  } satisfies Spec<z.output<typeof thresholdsSchema>>,
  getLimits: {
    role: 'admin', mutation: false,
    async handle(s, _req, { params }) {
      return json({ limits: await s.orders.memberLimits(memberIdParam(params.memberId)) });
    },
  } satisfies Spec<undefined, { memberId?: string }>,
  setLimits: {
    role: 'admin', mutation: true, body: limitsSchema,
    async handle(s, _req, { member, params, body }) {
      requireRecentAuth(member);
      await assertListedPairs(s.orders.market, body.allowedPairs);
      return json({ limits: await s.orders.setMemberLimits(member, memberIdParam(params.memberId), body) });
    },
  } satisfies Spec<z.output<typeof limitsSchema>, { memberId?: string }>,
};

/** Refuses an allowed-pairs list that names pairs the exchange does not list (its AssetPairs, cached 60 s). */
export async function assertListedPairs(market: Pick<MarketContext, 'pairs'>, pairs: readonly string[] | null): Promise<void> {
  if (!pairs || pairs.length === 0) return;
  const listed = new Set((await market.pairs()).map((pair) => pair.symbol));
  const unknown = pairs.filter((pair) => !listed.has(pair.toUpperCase()));
  if (unknown.length === 0) return;
  const named = unknown.slice(0, 5).join(', ') + (unknown.length > 5 ? ` and ${unknown.length - 5} more` : '');
  throw new AppError('unknown_pair', 400, `Allowed pairs: ${named} ${unknown.length === 1 ? 'is' : 'are'} not listed on the exchange.`);
}

function memberIdParam(text: string | undefined): number {
  if (!text || !/^\d{1,9}$/.test(text)) throw new AppError('invalid_member_id', 400, 'The member id must be a positive whole number.');
  return Number(text);
}
