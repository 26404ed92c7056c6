import {
  checkRole, createMember, memberNotFound, normalizeUsername, toCredentials, toMember, type MemberRow,
} from '../member-rows';
import type { Member, MembersRepository } from '../members';
import type { PgClient } from './client';
import { UNIQUE_VIOLATION } from './constants';

// `disabled` is a real boolean in PostgreSQL; the shared row mapper reads SQLite's 0/1.
const COLUMNS = 'id, username, password_hash, role, disabled::int AS disabled, session_version, created_at, updated_at';

export function createPostgresMembers(db: PgClient, now: () => Date = () => new Date()): MembersRepository {
  const one = async (where: string, value: unknown) =>
    (await db.query<MemberRow>(`SELECT ${COLUMNS} FROM members WHERE ${where} = $1`, [value])).rows[0];

  /** `assignments` use $1…; the stamp and id follow them. */
  async function update(id: number, assignments: string, values: unknown[]): Promise<Member> {
    const n = values.length;
    const { rows } = await db.query<MemberRow>(
      `UPDATE members SET ${assignments}, updated_at = $${n + 1} WHERE id = $${n + 2} RETURNING ${COLUMNS}`,
      [...values, now().toISOString(), id],
    );
    if (!rows[0]) throw memberNotFound();
    return toMember(rows[0]);
  }

  return {
    async create(input) {
      return createMember(input, now, UNIQUE_VIOLATION, async (name, stamp) => {
        const { rows } = await db.query<MemberRow>(
          `INSERT INTO members (username, password_hash, role, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING ${COLUMNS}`,
          [name, input.passwordHash, input.role, stamp],
        );
        return rows[0]!;
      });
    },
    async findByUsername(username) {
      const name = normalizeUsername(username);
      const row = name ? await one('username', name) : undefined;
      return row ? toMember(row) : null;
    },
    async findById(id) {
      const row = await one('id', id);
      return row ? toMember(row) : null;
    },
    async findCredentials(username) {
      const name = normalizeUsername(username);
      const row = name ? await one('username', name) : undefined;
      return row ? toCredentials(row) : null;
    },
    async list() {
      // COLLATE "C": the same byte order as SQLite's, whatever the database's locale.
      return (await db.query<MemberRow>(`SELECT ${COLUMNS} FROM members ORDER BY username COLLATE "C"`)).rows.map(toMember);
    },
    async setRole(id, role) {
      checkRole(role);
      return update(id, 'role = $1', [role]);
    },
    async setDisabled(id, disabled) {
      return update(id, 'disabled = $1, session_version = session_version + 1', [disabled]);
    },
    async setPassword(id, passwordHash) {
      return update(id, 'password_hash = $1, session_version = session_version + 1', [passwordHash]);
    },
    async bumpSessionVersion(id) {
      return update(id, 'session_version = session_version + 1', []);
    },
  };
}
