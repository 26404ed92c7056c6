import type Database from 'better-sqlite3';
import { applyPatch, readSettings, type MemberUiSettings, type SettingsPatch } from '../settings/member-ui';

/**
 * Each member's screen settings as one small JSON document (lib/settings/member-ui.ts says what is in it),
 * so a new setting needs no migration. Reads always answer complete settings (defaults filled in).
 */
export interface MemberSettingsRepository {
  get(memberId: number): Promise<MemberUiSettings>;
  /** Lays a validated patch over the stored settings in one transaction; returns the result. */
  update(memberId: number, patch: SettingsPatch): Promise<MemberUiSettings>;
}

/** Bounds the document so a member cannot grow the database through this route. */
export const MAX_SETTINGS_JSON = 8192;

export const MEMBER_SETTINGS_MIGRATION_SQL = `
  CREATE TABLE member_ui_settings (
    member_id  INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    settings   TEXT    NOT NULL CHECK (length(settings) <= ${MAX_SETTINGS_JSON}),
    updated_at TEXT    NOT NULL
  );
`;

/** Parses stored text; a row that is somehow not JSON reads as defaults rather than breaking a page. */
export function parseStoredSettings(text: string | undefined): MemberUiSettings {
  if (text === undefined) return readSettings(undefined);
  try {
    return readSettings(JSON.parse(text));
  } catch {
    return readSettings(undefined);
  }
}

export function createSqliteMemberSettings(db: Database.Database, now: () => Date = () => new Date()): MemberSettingsRepository {
  const select = db.prepare<[number], { settings: string }>('SELECT settings FROM member_ui_settings WHERE member_id = ?');
  const upsert = db.prepare(
    'INSERT INTO member_ui_settings (member_id, settings, updated_at) VALUES (?, ?, ?) ON CONFLICT (member_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at',
  );
  const get = (memberId: number) => parseStoredSettings(select.get(memberId)?.settings);
  const update = db.transaction((memberId: number, patch: SettingsPatch) => {
    const next = applyPatch(get(memberId), patch);
    upsert.run(memberId, JSON.stringify(next), now().toISOString());
    return next;
  });
  return {
    get: async (memberId) => get(memberId),
    update: async (memberId, patch) => update.immediate(memberId, patch),
  };
}
