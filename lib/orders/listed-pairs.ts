import { AppError } from '../errors';
import type { MarketContext } from './market-context';

/**
 * Refuses an allowed-pairs list (member limits) that names pairs the exchange does not list (its AssetPairs,
 * cached 60 s): 400, since the pair is a field of the admin's form, not the thing asked for.
 */
export async function assertListedPairs(market: Pick<MarketContext, 'pairs'>, pairs: readonly string[] | null): Promise<void> {
  if (!pairs || pairs.length === 0) return;
  const listed = new Set((await market.pairs()).map((pair) => pair.symbol));
  const unknown = pairs.filter((pair) => !listed.has(pair.toUpperCase()));
  if (unknown.length === 0) return;
  const named = unknown.slice(0, 5).join(', ') + (unknown.length > 5 ? ` and ${unknown.length - 5} more` : '');
  throw new AppError('unknown_pair', { status: 400, message: `Allowed pairs: ${named} ${unknown.length === 1 ? 'is' : 'are'} not listed on the exchange.` });
}
