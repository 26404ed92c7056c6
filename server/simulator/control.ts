/**
 * Loopback-only JSON endpoints under /control/ that tests and demos use to steer the exchange:
 * move a price, stall/resume/drop the public feed, drop the private feed, corrupt a checksum, set a book update rate,
 * set the system status, arm REST faults, and read what public sockets are subscribed to.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Faults } from './faults';
import { isLoopbackPeer, sendJson } from './http';
import { MAX_BOOK_RATE, type Market } from './market';
import { ControlError, jsonBody } from './control-body';
import { MARKET_ROUTES } from './control-market';
import { PAPER_ROUTES, type PaperControl } from './control-paper';
import type { PublicFeed } from './public-ws';

const symbolField = z.string().min(1).max(40);
const schemas = {
  price: z.object({ symbol: symbolField, price: z.union([z.string(), z.number()]).transform(String) }),
  drop: z.object({ refuseMs: z.number().int().min(0).max(600_000).optional(), code: z.number().int().min(1000).max(4999).optional() }),
  symbol: z.object({ symbol: symbolField }),
  rate: z.object({ symbol: symbolField, updatesPerSecond: z.number().positive().max(MAX_BOOK_RATE) }),
  status: z.object({ status: z.enum(['online', 'maintenance', 'cancel_only', 'post_only']) }),
  fault: z.object({
    kind: z.enum(['unavailable', 'lost-response']),
    method: z.string().min(1).max(60),
    count: z.number().int().min(1).max(1000).default(1),
  }),
};

function pairOf(symbol: string, market: Market) {
  const pair = market.resolvePair(symbol);
  if (!pair) throw new ControlError(400, `unknown symbol ${symbol}`);
  return pair;
}

/** The private (auth) WS endpoint's sockets, for drop tests of the account feed. */
export interface AuthFeedControl {
  /** Closes every private socket (abruptly unless a close code is given); refuses new ones for `refuseMs`. */
  drop(options: { refuseMs?: number; code?: number }): number;
}

export interface ControlDeps {
  market: Market;
  feed: PublicFeed;
  faults: Faults;
  authFeed?: AuthFeedControl;
  /** the paper account's reset (every exchange has one; a mirror's is what `npm run paper` admins use) */
  paper?: PaperControl;
}

export type Route = (req: IncomingMessage, deps: ControlDeps) => Promise<unknown>;

const ROUTES: Record<string, Route> = {
  'GET /control/state': async (_req, { market, feed, faults }) => ({
    status: market.status(),
    feed: feed.state(),
    faults: faults.list(),
    pairs: market.pairs.map((p) => ({ symbol: p.symbol, bookRate: market.pair(p.id).bookRate, ...market.top(p.id) })),
  }),
  'POST /control/price': async (req, { market }) => {
    const body = await jsonBody(req, schemas.price);
    const pair = pairOf(body.symbol, market);
    if (!market.movePrice(pair.id, body.price)) {
      throw new ControlError(400, `price must be a positive decimal with at most ${pair.pairDecimals} decimals`);
    }
    return { symbol: pair.symbol, ...market.top(pair.id) };
  },
  'POST /control/feed/stall': async (_req, { feed }) => {
    feed.stall();
    return { stalled: true };
  },
  'POST /control/feed/resume': async (_req, { feed }) => {
    feed.resume();
    return { stalled: false };
  },
  'POST /control/feed/drop': async (req, { feed }) => {
    const body = await jsonBody(req, schemas.drop);
    return { closed: feed.drop(body), refuseMs: body.refuseMs ?? 0 };
  },
  'POST /control/auth-feed/drop': async (req, { authFeed }) => {
    if (!authFeed) throw new ControlError(404, 'this exchange has no private feed');
    const body = await jsonBody(req, schemas.drop);
    return { closed: authFeed.drop(body), refuseMs: body.refuseMs ?? 0 };
  },
  'POST /control/book/corrupt-checksum': async (req, { feed, market }) => {
    const pair = pairOf((await jsonBody(req, schemas.symbol)).symbol, market);
    feed.corruptNextChecksum(pair.id);
    return { symbol: pair.symbol, armed: true };
  },
  'POST /control/book/rate': async (req, { market }) => {
    const body = await jsonBody(req, schemas.rate);
    const pair = pairOf(body.symbol, market);
    market.setBookRate(pair.id, body.updatesPerSecond);
    return { symbol: pair.symbol, updatesPerSecond: market.pair(pair.id).bookRate };
  },
  'POST /control/status': async (req, { market }) => {
    market.setStatus((await jsonBody(req, schemas.status)).status);
    return { status: market.status() };
  },
  'GET /control/faults': async (_req, { faults }) => ({ faults: faults.list() }),
  'POST /control/faults': async (req, { faults }) => {
    const body = await jsonBody(req, schemas.fault);
    faults.arm(body.kind, body.method, body.count);
    return { faults: faults.list() };
  },
  'DELETE /control/faults': async (_req, { faults }) => {
    faults.clear();
    return { faults: [] };
  },
  ...MARKET_ROUTES,
  ...PAPER_ROUTES,
};

/** Origins of pages served from this machine; any other page (a browser on the same machine) is cross-site. */
const LOOPBACK_ORIGIN = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/i;

/**
 * A loopback peer can still be a browser carrying a foreign web page's request: a `no-cors` text/plain POST needs
 * no preflight. So requests must come without an Origin or from a loopback one, and POSTs must declare JSON
 * (a content type a page can only send after a CORS preflight, which this server never grants).
 */
function refusal(req: IncomingMessage): { status: number; error: string } | undefined {
  if (!isLoopbackPeer(req.socket.remoteAddress)) return { status: 403, error: 'control endpoints answer loopback peers only' };
  const origin = req.headers.origin;
  if (origin !== undefined && !LOOPBACK_ORIGIN.test(origin)) {
    return { status: 403, error: `control endpoints refuse requests from web pages of other origins (Origin: ${origin})` };
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (req.method === 'POST' && type !== 'application/json') {
    return { status: 415, error: 'control POSTs must be sent with Content-Type: application/json' };
  }
  return undefined;
}

/** Serves one /control request; refuses peers that are not this machine and cross-site browser requests. */
export async function handleControl(req: IncomingMessage, res: ServerResponse, pathname: string, deps: ControlDeps): Promise<void> {
  const refused = refusal(req);
  if (refused) {
    sendJson(res, refused.status, { error: refused.error }, { connection: 'close' });
    req.resume();
    return;
  }
  const route = ROUTES[`${req.method ?? 'GET'} ${pathname.replace(/\/+$/, '')}`];
  if (!route) {
    sendJson(res, 404, { error: `no control endpoint ${req.method} ${pathname}` });
    req.resume();
    return;
  }
  try {
    sendJson(res, 200, await route(req, deps));
  } catch (error) {
    if (error instanceof ControlError) sendJson(res, error.status, { error: error.message }, { connection: 'close' });
    else throw error;
  }
}
