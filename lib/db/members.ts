import type Database from 'better-sqlite3';
import type { Role } from '../auth/roles';
import {
  checkRole, createMember, memberNotFound, normalizeUsername, toCredentials, toMember, type MemberRow,
} from './member-rows';

/** A desk member as the rest of the app sees it (never the password hash). */
export interface Member {
  id: number;
  username: string;
  role: Role;
  disabled: boolean;
  /** Bumped to revoke every session cookie issued before (logout, disable, password change). */
  sessionVersion: number;
  /** ISO 8601 UTC. */
  createdAt: string;
  /** ISO 8601 UTC. */
  updatedAt: string;
}

export interface MemberCredentials {
  member: Member;
  passwordHash: string;
}

export interface NewMember {
  username: string;
  passwordHash: string;
  role: Role;
}

/**
 * Member storage. Async on purpose although SQLite answers synchronously: a Postgres
 * implementation can sit beside this one later without touching any caller.
 */
export interface MembersRepository {
  create(input: NewMember): Promise<Member>;
  findByUsername(username: string): Promise<Member | null>;
  findById(id: number): Promise<Member | null>;
  /** Only for the login check; everything else uses findByUsername/findById. */
  findCredentials(username: string): Promise<MemberCredentials | null>;
  list(): Promise<Member[]>;
  setRole(id: number, role: Role): Promise<Member>;
  /** Disabling also bumps the session version so re-enabling does not revive old cookies. */
  setDisabled(id: number, disabled: boolean): Promise<Member>;
  /** Also bumps the session version: a new password signs the member out everywhere. */
  setPassword(id: number, passwordHash: string): Promise<Member>;
  bumpSessionVersion(id: number): Promise<Member>;
}

export function createSqliteMembers(db: Database.Database, now: () => Date = () => new Date()): MembersRepository {
  const byUsername = db.prepare<[string], MemberRow>('SELECT * FROM members WHERE username = ?');
  const byId = db.prepare<[number], MemberRow>('SELECT * FROM members WHERE id = ?');
  const all = db.prepare<[], MemberRow>('SELECT * FROM members ORDER BY username');
  const insert = db.prepare(
    `INSERT INTO members (username, password_hash, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
  );

  function update(id: number, assignments: string, values: unknown[]): Member {
    const result = db
      .prepare(`UPDATE members SET ${assignments}, updated_at = ? WHERE id = ?`)
      .run(...values, now().toISOString(), id);
    if (result.changes === 0) throw memberNotFound();
    return toMember(byId.get(id)!);
  }

  return {
    async create(input) {
      return createMember(input, now, 'SQLITE_CONSTRAINT_UNIQUE', (name, stamp) => {
        const { lastInsertRowid } = insert.run(name, input.passwordHash, input.role, stamp, stamp);
        return byId.get(Number(lastInsertRowid))!;
      });
    },
    async findByUsername(username) {
      const name = normalizeUsername(username);
      const row = name ? byUsername.get(name) : undefined;
      return row ? toMember(row) : null;
    },
    async findById(id) {
      const row = byId.get(id);
      return row ? toMember(row) : null;
    },
    async findCredentials(username) {
      const name = normalizeUsername(username);
      const row = name ? byUsername.get(name) : undefined;
      return row ? toCredentials(row) : null;
    },
    async list() {
      return all.all().map(toMember);
    },
    async setRole(id, role) {
      checkRole(role);
      return update(id, 'role = ?', [role]);
    },
    async setDisabled(id, disabled) {
      return update(id, 'disabled = ?, session_version = session_version + 1', [disabled ? 1 : 0]);
    },
    async setPassword(id, passwordHash) {
      return update(id, 'password_hash = ?, session_version = session_version + 1', [passwordHash]);
    },
    async bumpSessionVersion(id) {
      return update(id, 'session_version = session_version + 1', []);
    },
  };
}
