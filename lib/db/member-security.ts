import type Database from 'better-sqlite3';
import { isRole, ROLES, type Role } from '../auth/roles';
import { AppError } from '../errors';
import { toMember, type MemberRow } from './member-rows';
import type { Member } from './members';

/**
 * Migration 6: members' sessions (one row per signed-in browser, so one can be ended alone, idle and absolute
 * limits are judged on the server and re-authentication is remembered per browser), second factors (a TOTP
 * secret sealed by lib/auth/secret-box.ts, confirmed once a code from it was typed) and hashed one-time
 * recovery codes. The 2FA policy ("these roles must enrol") is a row of desk_settings.
 */
export const MEMBER_SECURITY_MIGRATION_SQL = `
  CREATE TABLE member_sessions (
    id            TEXT    PRIMARY KEY,
    member_id     INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    created_at    TEXT    NOT NULL,
    last_seen_at  TEXT    NOT NULL,
    auth_at       TEXT    NOT NULL,
    ended_at      TEXT,
    ended_reason  TEXT
  );
  CREATE INDEX member_sessions_member ON member_sessions (member_id);
  CREATE TABLE member_second_factor (
    member_id     INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    sealed_secret TEXT    NOT NULL,
    confirmed_at  TEXT,
    last_step     INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT    NOT NULL
  );
  CREATE TABLE member_recovery_codes (
    member_id     INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    code_hash     TEXT    NOT NULL,
    used_at       TEXT,
    PRIMARY KEY (member_id, code_hash)
  );
`;

/** One browser's session. `id` is the SHA-256 of the random id sealed in its cookie. Times are ISO 8601 UTC. */
export interface MemberSession {
  id: string;
  memberId: number;
  createdAt: string;
  lastSeenAt: string;
  /** the last time this browser proved who it is (password, or the code when enrolled) */
  authAt: string;
  endedAt: string | null;
  endedReason: string | null;
}

export interface SessionsRepository {
  start(memberId: number, id: string): Promise<MemberSession>;
  find(id: string): Promise<MemberSession | null>;
  /** Notes activity (idle timeout) on a session not ended. */
  touch(id: string): Promise<void>;
  /** The member re-authenticated in this browser: auth_at (and last_seen_at) become now. */
  reauthenticated(id: string): Promise<void>;
  /** Ends one session; false when it was already ended or unknown. */
  end(id: string, reason: string): Promise<boolean>;
  /** Ends every session of a member not yet ended, except `keep` when given; returns how many. */
  endAll(memberId: number, reason: string, keep?: string): Promise<number>;
  /** Sessions not ended (the caller judges idle and absolute limits against its clock). */
  live(memberId: number): Promise<MemberSession[]>;
  /** The member, this session row (when it is theirs) and their second-factor state, in one read (SessionAdmission); null: no such member. */
  admit(id: string, memberId: number): Promise<SessionAdmission | null>;
}

export interface SecondFactorRecord {
  memberId: number;
  sealedSecret: string;
  confirmedAt: string | null;
  /** the highest TOTP time step accepted: a code works once */
  lastStep: number;
}

export interface SecondFactorRepository {
  get(memberId: number): Promise<SecondFactorRecord | null>;
  /** Starts (or restarts) an enrolment; 409 `already_enrolled` when a confirmed factor exists. */
  begin(memberId: number, sealedSecret: string): Promise<void>;
  /** Confirms a pending enrolment at `step` and stores the recovery code hashes; false when none is pending. */
  confirm(memberId: number, step: number, recoveryHashes: readonly string[]): Promise<boolean>;
  /** Accepts a code's time step once: false when it is not newer than the last accepted one. */
  acceptStep(memberId: number, step: number): Promise<boolean>;
  replaceRecoveryCodes(memberId: number, hashes: readonly string[]): Promise<void>;
  /** Uses a recovery code: true once, false afterwards and for unknown codes. */
  useRecoveryCode(memberId: number, hash: string): Promise<boolean>;
  remainingRecoveryCodes(memberId: number): Promise<number>;
  /** Removes the factor and its codes; false when there was none. */
  remove(memberId: number): Promise<boolean>;
  /** Members with a confirmed factor. */
  enrolledIds(): Promise<number[]>;
  /** Roles that must enrol before using the desk. */
  requiredRoles(): Promise<Role[]>;
  setRequiredRoles(roles: readonly Role[]): Promise<Role[]>;
}

export const REQUIRED_ROLES_KEY = 'require2faRoles';

export function parseRequiredRoles(value: string | undefined): Role[] {
  if (!value) return [];
  const parsed: unknown = JSON.parse(value);
  return Array.isArray(parsed) ? ROLES.filter((role) => parsed.includes(role)) : [];
}

export function checkRoles(roles: readonly string[]): Role[] {
  for (const role of roles) if (!isRole(role)) throw new AppError('invalid_role', 'Roles must be viewer, trader or admin.');
  return ROLES.filter((role) => roles.includes(role));
}

export const alreadyEnrolled = () =>
  new AppError('already_enrolled');

export interface SessionRow {
  id: string;
  member_id: number;
  created_at: string;
  last_seen_at: string;
  auth_at: string;
  ended_at: string | null;
  ended_reason: string | null;
}

export function toSession(row: SessionRow): MemberSession {
  return {
    id: row.id, memberId: row.member_id, createdAt: row.created_at, lastSeenAt: row.last_seen_at, authAt: row.auth_at,
    endedAt: row.ended_at, endedReason: row.ended_reason,
  };
}

export interface FactorRow {
  member_id: number;
  sealed_secret: string;
  confirmed_at: string | null;
  last_step: number | string;
}

export function toFactor(row: FactorRow): SecondFactorRecord {
  return { memberId: row.member_id, sealedSecret: row.sealed_secret, confirmedAt: row.confirmed_at, lastStep: Number(row.last_step) };
}

/**
 * What admitting a request needs to know about the member behind a session cookie, read in ONE statement (every
 * request asks it, so both stores answer it with one joined SELECT): the member's row, the cookie's session row
 * (only when it belongs to that member), whether the member has a confirmed second factor and which roles must
 * enrol. Nothing is cached: a sign-out, a disable or a role change made by any instance shows on the next request.
 */
export interface SessionAdmission {
  member: Member;
  /** null when there is no such session row for this member */
  session: MemberSession | null;
  enrolled: boolean;
  requiredRoles: Role[];
}

export interface AdmissionRow extends MemberRow {
  s_id: string | null;
  s_created_at: string | null;
  s_last_seen_at: string | null;
  s_auth_at: string | null;
  s_ended_at: string | null;
  s_ended_reason: string | null;
  f_confirmed_at: string | null;
  required_roles: string | null;
}

/**
 * The statement, in a store's dialect: `disabled` is how it reads members.disabled as 0/1, `param` its placeholder
 * for the nth value of admissionParams (they appear in that order, so SQLite's plain `?` works too).
 */
export function admissionSql(disabled: string, param: (n: number) => string): string {
  return `SELECT m.id, m.username, m.password_hash, m.role, ${disabled} AS disabled, m.session_version, m.created_at, m.updated_at,
      s.id AS s_id, s.created_at AS s_created_at, s.last_seen_at AS s_last_seen_at, s.auth_at AS s_auth_at,
      s.ended_at AS s_ended_at, s.ended_reason AS s_ended_reason,
      f.confirmed_at AS f_confirmed_at, d.value AS required_roles
    FROM members m
    LEFT JOIN member_sessions s ON s.id = ${param(1)} AND s.member_id = m.id
    LEFT JOIN member_second_factor f ON f.member_id = m.id
    LEFT JOIN desk_settings d ON d.key = ${param(2)}
    WHERE m.id = ${param(3)}`;
}

export const admissionParams = (sessionId: string, memberId: number) => [sessionId, REQUIRED_ROLES_KEY, memberId];

export function toAdmission(row: AdmissionRow | undefined): SessionAdmission | null {
  if (!row) return null;
  const session = row.s_id === null ? null : toSession({
    id: row.s_id, member_id: row.id, created_at: row.s_created_at!, last_seen_at: row.s_last_seen_at!, auth_at: row.s_auth_at!,
    ended_at: row.s_ended_at, ended_reason: row.s_ended_reason,
  });
  return { member: toMember(row), session, enrolled: row.f_confirmed_at !== null, requiredRoles: parseRequiredRoles(row.required_roles ?? undefined) };
}

/** Ended sessions and those past any absolute lifetime are dropped after this long (8 days). */
export const SESSION_RETENTION_MS = 8 * 24 * 60 * 60 * 1000;

export function createSqliteSessions(db: Database.Database, now: () => Date = () => new Date()): SessionsRepository {
  const byId = db.prepare<[string], SessionRow>('SELECT * FROM member_sessions WHERE id = ?');
  const admission = db.prepare<unknown[], AdmissionRow>(admissionSql('m.disabled', () => '?'));
  const stamp = () => now().toISOString();
  return {
    async admit(id, memberId) {
      return toAdmission(admission.get(...admissionParams(id, memberId)));
    },
    async start(memberId, id) {
      const at = stamp();
      db.prepare('DELETE FROM member_sessions WHERE created_at < ?').run(new Date(now().getTime() - SESSION_RETENTION_MS).toISOString());
      db.prepare('INSERT INTO member_sessions (id, member_id, created_at, last_seen_at, auth_at) VALUES (?, ?, ?, ?, ?)').run(id, memberId, at, at, at);
      return toSession(byId.get(id)!);
    },
    async find(id) {
      const row = byId.get(id);
      return row ? toSession(row) : null;
    },
    async touch(id) {
      db.prepare('UPDATE member_sessions SET last_seen_at = ? WHERE id = ? AND ended_at IS NULL').run(stamp(), id);
    },
    async reauthenticated(id) {
      const at = stamp();
      db.prepare('UPDATE member_sessions SET auth_at = ?, last_seen_at = ? WHERE id = ? AND ended_at IS NULL').run(at, at, id);
    },
    async end(id, reason) {
      return db.prepare('UPDATE member_sessions SET ended_at = ?, ended_reason = ? WHERE id = ? AND ended_at IS NULL').run(stamp(), reason, id).changes === 1;
    },
    async endAll(memberId, reason, keep) {
      return db
        .prepare('UPDATE member_sessions SET ended_at = ?, ended_reason = ? WHERE member_id = ? AND ended_at IS NULL AND id <> ?')
        .run(stamp(), reason, memberId, keep ?? '').changes;
    },
    async live(memberId) {
      return db.prepare<[number], SessionRow>('SELECT * FROM member_sessions WHERE member_id = ? AND ended_at IS NULL ORDER BY created_at').all(memberId).map(toSession);
    },
  };
}

export function createSqliteSecondFactor(db: Database.Database, now: () => Date = () => new Date()): SecondFactorRepository {
  const get = db.prepare<[number], FactorRow>('SELECT * FROM member_second_factor WHERE member_id = ?');
  const insertCode = db.prepare('INSERT INTO member_recovery_codes (member_id, code_hash) VALUES (?, ?)');
  const replaceCodes = (memberId: number, hashes: readonly string[]) => {
    db.prepare('DELETE FROM member_recovery_codes WHERE member_id = ?').run(memberId);
    for (const hash of new Set(hashes)) insertCode.run(memberId, hash);
  };
  const setting = db.prepare<[string], { value: string }>('SELECT value FROM desk_settings WHERE key = ?');
  return {
    async get(memberId) {
      const row = get.get(memberId);
      return row ? toFactor(row) : null;
    },
    async begin(memberId, sealedSecret) {
      const changes = db
        .prepare(`INSERT INTO member_second_factor (member_id, sealed_secret, created_at) VALUES (?, ?, ?)
          ON CONFLICT (member_id) DO UPDATE SET sealed_secret = excluded.sealed_secret, created_at = excluded.created_at, last_step = 0
          WHERE member_second_factor.confirmed_at IS NULL`)
        .run(memberId, sealedSecret, now().toISOString()).changes;
      if (changes === 0) throw alreadyEnrolled();
    },
    async confirm(memberId, step, hashes) {
      return db.transaction(() => {
        const done = db
          .prepare('UPDATE member_second_factor SET confirmed_at = ?, last_step = ? WHERE member_id = ? AND confirmed_at IS NULL')
          .run(now().toISOString(), step, memberId).changes === 1;
        if (done) replaceCodes(memberId, hashes);
        return done;
      }).immediate();
    },
    async acceptStep(memberId, step) {
      return db
        .prepare('UPDATE member_second_factor SET last_step = ? WHERE member_id = ? AND confirmed_at IS NOT NULL AND last_step < ?')
        .run(step, memberId, step).changes === 1;
    },
    async replaceRecoveryCodes(memberId, hashes) {
      db.transaction(() => replaceCodes(memberId, hashes)).immediate();
    },
    async useRecoveryCode(memberId, hash) {
      return db
        .prepare('UPDATE member_recovery_codes SET used_at = ? WHERE member_id = ? AND code_hash = ? AND used_at IS NULL')
        .run(now().toISOString(), memberId, hash).changes === 1;
    },
    async remainingRecoveryCodes(memberId) {
      return db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM member_recovery_codes WHERE member_id = ? AND used_at IS NULL').get(memberId)!.n;
    },
    async remove(memberId) {
      return db.transaction(() => {
        db.prepare('DELETE FROM member_recovery_codes WHERE member_id = ?').run(memberId);
        return db.prepare('DELETE FROM member_second_factor WHERE member_id = ?').run(memberId).changes === 1;
      }).immediate();
    },
    async enrolledIds() {
      return db.prepare<[], { member_id: number }>('SELECT member_id FROM member_second_factor WHERE confirmed_at IS NOT NULL ORDER BY member_id').all().map((r) => r.member_id);
    },
    async requiredRoles() {
      return parseRequiredRoles(setting.get(REQUIRED_ROLES_KEY)?.value);
    },
    async setRequiredRoles(roles) {
      const value = checkRoles(roles);
      db.prepare(`INSERT INTO desk_settings (key, value, updated_at) VALUES (?, ?, ?)
        ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`).run(REQUIRED_ROLES_KEY, JSON.stringify(value), now().toISOString());
      return value;
    },
  };
}
