'use server';

import { z } from 'zod';
import { getDb } from '@/lib/server/db';
import { requireMember } from '@/lib/server/require-member';

const input = z.object({ symbol: z.string().regex(/^[A-Z0-9]{1,12}\/[A-Z0-9]{1,12}$/), favourite: z.boolean() });

export type FavouriteResult = { ok: true; favourites: string[] } | { ok: false; message: string };

/** Marks or unmarks one market as the signed-in member's favourite; answers the member's whole list. */
export async function setFavourite(symbol: string, favourite: boolean): Promise<FavouriteResult> {
  const member = await requireMember();
  const parsed = input.safeParse({ symbol, favourite });
  if (!parsed.success) return { ok: false, message: `"${String(symbol).slice(0, 30)}" is not a market symbol like BTC/USD.` };
  const favourites = await getDb().favourites.set(member.id, parsed.data.symbol, parsed.data.favourite);
  return { ok: true, favourites };
}
