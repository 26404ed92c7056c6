import { DEFAULT_DESK_SETTINGS, type DeskSettings, type DeskSettingsRepository } from '../desk-settings';
import { toLimits, type LimitsRepository, type LimitsRow } from '../limits';
import type { FavouritesRepository } from '../favourites';
import type { PgClient } from './client';

/** The small per-desk and per-member tables: desk settings, member limits, favourites. */

export function createPostgresDeskSettings(db: PgClient, now: () => Date = () => new Date()): DeskSettingsRepository {
  const read = async (): Promise<DeskSettings> => {
    const settings: DeskSettings = { ...DEFAULT_DESK_SETTINGS };
    for (const { key, value } of (await db.query<{ key: string; value: string }>('SELECT key, value FROM desk_settings')).rows) {
      if (key in settings) (settings as unknown as Record<string, unknown>)[key] = JSON.parse(value);
    }
    return settings;
  };
  return {
    get: read,
    async update(changes) {
      const stamp = now().toISOString();
      await db.transaction(async (client) => {
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || !(key in DEFAULT_DESK_SETTINGS)) continue;
          await client.query(`INSERT INTO desk_settings (key, value, updated_at) VALUES ($1, $2, $3)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, [key, JSON.stringify(value), stamp]);
        }
      });
      return read();
    },
  };
}

export function createPostgresLimits(db: PgClient, now: () => Date = () => new Date()): LimitsRepository {
  return {
    async get(memberId) {
      const row = (await db.query<LimitsRow>('SELECT * FROM member_limits WHERE member_id = $1', [memberId])).rows[0];
      return row ? toLimits(row) : { memberId, maxOrderUsd: null, maxDayUsd: null, allowedPairs: null, allowedTypes: null, updatedAt: null };
    },
    async set(memberId, limits, updatedBy) {
      const { rows } = await db.query<LimitsRow>(
        `INSERT INTO member_limits (member_id, max_order_usd, max_day_usd, allowed_pairs, allowed_types, updated_at, updated_by)
          VALUES ($1, $2, $3, $4, $5, $6, $7)
          ON CONFLICT (member_id) DO UPDATE SET max_order_usd = excluded.max_order_usd, max_day_usd = excluded.max_day_usd,
            allowed_pairs = excluded.allowed_pairs, allowed_types = excluded.allowed_types, updated_at = excluded.updated_at,
            updated_by = excluded.updated_by
          RETURNING *`,
        [memberId, limits.maxOrderUsd, limits.maxDayUsd,
          limits.allowedPairs === null ? null : JSON.stringify(limits.allowedPairs),
          limits.allowedTypes === null ? null : JSON.stringify(limits.allowedTypes),
          now().toISOString(), updatedBy],
      );
      return toLimits(rows[0]!);
    },
    async list() {
      return (await db.query<LimitsRow>('SELECT * FROM member_limits ORDER BY member_id')).rows.map(toLimits);
    },
  };
}

export function createPostgresFavourites(db: PgClient, now: () => Date = () => new Date()): FavouritesRepository {
  const list = async (memberId: number) =>
    (await db.query<{ symbol: string }>('SELECT symbol FROM member_favourites WHERE member_id = $1 ORDER BY created_at, symbol COLLATE "C"', [memberId]))
      .rows.map((r) => r.symbol);
  return {
    list,
    async set(memberId, symbol, favourite) {
      if (favourite) {
        await db.query('INSERT INTO member_favourites (member_id, symbol, created_at) VALUES ($1, $2, $3) ON CONFLICT (member_id, symbol) DO NOTHING',
          [memberId, symbol, now().toISOString()]);
      } else {
        await db.query('DELETE FROM member_favourites WHERE member_id = $1 AND symbol = $2', [memberId, symbol]);
      }
      return list(memberId);
    },
  };
}
