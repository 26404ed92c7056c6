/**
 * /control routes that script the synthetic market for tests of a mirror (this exchange acting as its source):
 * freeze the synthetic flow, print a trade at a price and size, set one book level. A mirror refuses them: its
 * market belongs to its source.
 */
import { z } from 'zod';
import { ControlError, jsonBody } from './control-body';
import type { Route } from './control';
import type { Market } from './market';

const decimal = z.union([z.string(), z.number()]).transform(String);
const schemas = {
  pause: z.object({ paused: z.boolean() }),
  trade: z.object({ symbol: z.string().min(1).max(40), price: decimal, qty: decimal, side: z.enum(['buy', 'sell']).optional() }),
  level: z.object({ symbol: z.string().min(1).max(40), side: z.enum(['bids', 'asks']), price: decimal, qty: decimal }),
};

function scriptable(market: Market, symbol: string) {
  if (market.sourceUrl) throw new ControlError(409, `this exchange mirrors ${market.sourceUrl}; script the source's market instead`);
  const pair = market.resolvePair(symbol);
  if (!pair) throw new ControlError(400, `unknown symbol ${symbol}`);
  return pair;
}

export const MARKET_ROUTES: Record<string, Route> = {
  'POST /control/market/pause': async (req, { market }) => {
    if (market.sourceUrl) throw new ControlError(409, `this exchange mirrors ${market.sourceUrl}; it has no synthetic flow`);
    market.setPaused((await jsonBody(req, schemas.pause)).paused);
    return { paused: market.isPaused() };
  },
  'POST /control/trade': async (req, { market }) => {
    const body = await jsonBody(req, schemas.trade);
    const pair = scriptable(market, body.symbol);
    if (!market.printTrade(pair.id, body.price, body.qty, body.side)) {
      throw new ControlError(400, `price and qty must be positive decimals with at most ${pair.pairDecimals} and ${pair.lotDecimals} decimals`);
    }
    return { symbol: pair.symbol, ...market.top(pair.id) };
  },
  'POST /control/book/level': async (req, { market }) => {
    const body = await jsonBody(req, schemas.level);
    const pair = scriptable(market, body.symbol);
    if (!market.setLevel(pair.id, body.side, body.price, body.qty)) {
      throw new ControlError(400, `level refused: price and qty must fit the pair's precision (${pair.pairDecimals}, ${pair.lotDecimals}) and a level may not cross the other side`);
    }
    return { symbol: pair.symbol, ...market.top(pair.id), levels: market.levels(pair.id, body.side, 5) };
  },
};
