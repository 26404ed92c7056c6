import { applyPatch } from '../../settings/member-ui';
import { parseStoredSettings, type MemberSettingsRepository } from '../member-settings';
import type { PgClient } from './client';

export function createPostgresMemberSettings(db: PgClient, now: () => Date = () => new Date()): MemberSettingsRepository {
  return {
    async get(memberId) {
      const { rows } = await db.query<{ settings: string }>('SELECT settings FROM member_ui_settings WHERE member_id = $1', [memberId]);
      return parseStoredSettings(rows[0]?.settings);
    },
    async update(memberId, patch) {
      // read-modify-write under the row's lock, so two tabs saving different sections at once both land
      return db.transaction(async (tx) => {
        await tx.query(
          'INSERT INTO member_ui_settings (member_id, settings, updated_at) VALUES ($1, $2, $3) ON CONFLICT (member_id) DO NOTHING',
          [memberId, '{}', now().toISOString()],
        );
        const { rows } = await tx.query<{ settings: string }>('SELECT settings FROM member_ui_settings WHERE member_id = $1 FOR UPDATE', [memberId]);
        const next = applyPatch(parseStoredSettings(rows[0]?.settings), patch);
        await tx.query('UPDATE member_ui_settings SET settings = $2, updated_at = $3 WHERE member_id = $1', [memberId, JSON.stringify(next), now().toISOString()]);
        return next;
      });
    },
  };
}
