import type Database from 'better-sqlite3';

/** Each member's favourite markets (WS v2 symbols), so the list follows them from device to device. */
export interface FavouritesRepository {
  list(memberId: number): Promise<string[]>;
  /** Marks or unmarks one symbol; returns the member's list afterwards. */
  set(memberId: number, symbol: string, favourite: boolean): Promise<string[]>;
}

export const FAVOURITES_MIGRATION_SQL = `
  CREATE TABLE member_favourites (
    member_id  INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    symbol     TEXT    NOT NULL CHECK (length(symbol) BETWEEN 3 AND 25),
    created_at TEXT    NOT NULL,
    PRIMARY KEY (member_id, symbol)
  );
`;

export function createSqliteFavourites(db: Database.Database, now: () => Date = () => new Date()): FavouritesRepository {
  const select = db.prepare<[number], { symbol: string }>('SELECT symbol FROM member_favourites WHERE member_id = ? ORDER BY created_at, symbol');
  const insert = db.prepare('INSERT INTO member_favourites (member_id, symbol, created_at) VALUES (?, ?, ?) ON CONFLICT (member_id, symbol) DO NOTHING');
  const remove = db.prepare('DELETE FROM member_favourites WHERE member_id = ? AND symbol = ?');
  const list = (memberId: number) => select.all(memberId).map((r) => r.symbol);
  return {
    list: async (memberId) => list(memberId),
    set: async (memberId, symbol, favourite) => {
      if (favourite) insert.run(memberId, symbol, now().toISOString());
      else remove.run(memberId, symbol);
      return list(memberId);
    },
  };
}
