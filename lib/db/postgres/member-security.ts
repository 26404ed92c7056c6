import {
  admissionParams, admissionSql, alreadyEnrolled, checkRoles, parseRequiredRoles, REQUIRED_ROLES_KEY, SESSION_RETENTION_MS,
  toAdmission, toFactor, toSession, type AdmissionRow, type FactorRow, type SecondFactorRepository, type SessionRow, type SessionsRepository,
} from '../member-security';
import type { PgClient } from './client';

/** Migration 6 in PostgreSQL's dialect (see MEMBER_SECURITY_MIGRATION_SQL for what each table is for). */
export const POSTGRES_MEMBER_SECURITY_SQL = `
  CREATE TABLE member_sessions (
    id            text    PRIMARY KEY,
    member_id     integer NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    created_at    text    NOT NULL,
    last_seen_at  text    NOT NULL,
    auth_at       text    NOT NULL,
    ended_at      text,
    ended_reason  text
  );
  CREATE INDEX member_sessions_member ON member_sessions (member_id);
  CREATE TABLE member_second_factor (
    member_id     integer PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    sealed_secret text    NOT NULL,
    confirmed_at  text,
    last_step     bigint  NOT NULL DEFAULT 0,
    created_at    text    NOT NULL
  );
  CREATE TABLE member_recovery_codes (
    member_id     integer NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    code_hash     text    NOT NULL,
    used_at       text,
    PRIMARY KEY (member_id, code_hash)
  );`;

export function createPostgresSessions(db: PgClient, now: () => Date = () => new Date()): SessionsRepository {
  const stamp = () => now().toISOString();
  const find = async (id: string) => (await db.query<SessionRow>('SELECT * FROM member_sessions WHERE id = $1', [id])).rows[0];
  const admission = admissionSql('m.disabled::int', (n) => `$${n}`);
  return {
    async admit(id, memberId) {
      return toAdmission((await db.query<AdmissionRow>(admission, admissionParams(id, memberId), 'desk_session_admit')).rows[0]);
    },
    async start(memberId, id) {
      const at = stamp();
      await db.query('DELETE FROM member_sessions WHERE created_at < $1', [new Date(now().getTime() - SESSION_RETENTION_MS).toISOString()]);
      const { rows } = await db.query<SessionRow>(
        'INSERT INTO member_sessions (id, member_id, created_at, last_seen_at, auth_at) VALUES ($1, $2, $3, $3, $3) RETURNING *', [id, memberId, at]);
      return toSession(rows[0]!);
    },
    async find(id) {
      const row = await find(id);
      return row ? toSession(row) : null;
    },
    async touch(id) {
      await db.query('UPDATE member_sessions SET last_seen_at = $1 WHERE id = $2 AND ended_at IS NULL', [stamp(), id]);
    },
    async reauthenticated(id) {
      await db.query('UPDATE member_sessions SET auth_at = $1, last_seen_at = $1 WHERE id = $2 AND ended_at IS NULL', [stamp(), id]);
    },
    async end(id, reason) {
      return (await db.query('UPDATE member_sessions SET ended_at = $1, ended_reason = $2 WHERE id = $3 AND ended_at IS NULL', [stamp(), reason, id])).rowCount === 1;
    },
    async endAll(memberId, reason, keep) {
      const result = await db.query(
        'UPDATE member_sessions SET ended_at = $1, ended_reason = $2 WHERE member_id = $3 AND ended_at IS NULL AND id <> $4', [stamp(), reason, memberId, keep ?? '']);
      return result.rowCount ?? 0;
    },
    async live(memberId) {
      return (await db.query<SessionRow>('SELECT * FROM member_sessions WHERE member_id = $1 AND ended_at IS NULL ORDER BY created_at', [memberId])).rows.map(toSession);
    },
  };
}

export function createPostgresSecondFactor(db: PgClient, now: () => Date = () => new Date()): SecondFactorRepository {
  return {
    async get(memberId) {
      const row = (await db.query<FactorRow>('SELECT * FROM member_second_factor WHERE member_id = $1', [memberId])).rows[0];
      return row ? toFactor(row) : null;
    },
    async begin(memberId, sealedSecret) {
      const result = await db.query(
        `INSERT INTO member_second_factor (member_id, sealed_secret, created_at) VALUES ($1, $2, $3)
          ON CONFLICT (member_id) DO UPDATE SET sealed_secret = excluded.sealed_secret, created_at = excluded.created_at, last_step = 0
          WHERE member_second_factor.confirmed_at IS NULL`, [memberId, sealedSecret, now().toISOString()]);
      if (result.rowCount === 0) throw alreadyEnrolled();
    },
    async confirm(memberId, step, hashes) {
      return db.transaction(async (client) => {
        const result = await client.query(
          'UPDATE member_second_factor SET confirmed_at = $1, last_step = $2 WHERE member_id = $3 AND confirmed_at IS NULL', [now().toISOString(), step, memberId]);
        if (result.rowCount !== 1) return false;
        await client.query('DELETE FROM member_recovery_codes WHERE member_id = $1', [memberId]);
        for (const hash of new Set(hashes)) await client.query('INSERT INTO member_recovery_codes (member_id, code_hash) VALUES ($1, $2)', [memberId, hash]);
        return true;
      });
    },
    async acceptStep(memberId, step) {
      const result = await db.query(
        'UPDATE member_second_factor SET last_step = $1 WHERE member_id = $2 AND confirmed_at IS NOT NULL AND last_step < $1', [step, memberId]);
      return result.rowCount === 1;
    },
    async replaceRecoveryCodes(memberId, hashes) {
      await db.transaction(async (client) => {
        await client.query('DELETE FROM member_recovery_codes WHERE member_id = $1', [memberId]);
        for (const hash of new Set(hashes)) await client.query('INSERT INTO member_recovery_codes (member_id, code_hash) VALUES ($1, $2)', [memberId, hash]);
      });
    },
    async useRecoveryCode(memberId, hash) {
      const result = await db.query(
        'UPDATE member_recovery_codes SET used_at = $1 WHERE member_id = $2 AND code_hash = $3 AND used_at IS NULL', [now().toISOString(), memberId, hash]);
      return result.rowCount === 1;
    },
    async remainingRecoveryCodes(memberId) {
      const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM member_recovery_codes WHERE member_id = $1 AND used_at IS NULL', [memberId]);
      return Number(rows[0]!.n);
    },
    async remove(memberId) {
      return db.transaction(async (client) => {
        await client.query('DELETE FROM member_recovery_codes WHERE member_id = $1', [memberId]);
        return (await client.query('DELETE FROM member_second_factor WHERE member_id = $1', [memberId])).rowCount === 1;
      });
    },
    async enrolledIds() {
      const { rows } = await db.query<{ member_id: number }>('SELECT member_id FROM member_second_factor WHERE confirmed_at IS NOT NULL ORDER BY member_id');
      return rows.map((r) => r.member_id);
    },
    async requiredRoles() {
      const { rows } = await db.query<{ value: string }>('SELECT value FROM desk_settings WHERE key = $1', [REQUIRED_ROLES_KEY]);
      return parseRequiredRoles(rows[0]?.value);
    },
    async setRequiredRoles(roles) {
      const value = checkRoles(roles);
      await db.query(`INSERT INTO desk_settings (key, value, updated_at) VALUES ($1, $2, $3)
        ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, [REQUIRED_ROLES_KEY, JSON.stringify(value), now().toISOString()]);
      return value;
    },
  };
}
