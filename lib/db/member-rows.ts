import { AppError } from '../errors';
import { usernameSchema } from '../auth/credentials';
import { isRole, type Role } from '../auth/roles';
import type { Member, MemberCredentials, NewMember } from './members';

/**
 * The store-neutral half of member storage: row mapping, validation and the errors a caller sees. The SQLite and
 * PostgreSQL repositories differ only in their SQL, so both refuse the same input with the same message.
 */

export interface MemberRow {
  id: number;
  username: string;
  password_hash: string;
  role: string;
  disabled: number;
  session_version: number;
  created_at: string;
  updated_at: string;
}

export function toMember(row: MemberRow): Member {
  if (!isRole(row.role)) throw new Error(`members row ${row.id} has an unknown role`);
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    disabled: row.disabled === 1,
    sessionVersion: row.session_version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toCredentials(row: MemberRow): MemberCredentials {
  return { member: toMember(row), passwordHash: row.password_hash };
}

export function normalizeUsername(username: string): string | null {
  const parsed = usernameSchema.safeParse(username);
  return parsed.success ? parsed.data : null;
}

export function checkRole(role: string): asserts role is Role {
  if (!isRole(role)) throw new AppError('invalid_role');
}

/** The normalised username of a member about to be created; a 400 naming the problem if the input is not valid. */
export function newMemberName({ username, role }: NewMember): string {
  const name = normalizeUsername(username);
  if (!name) {
    throw new AppError('invalid_username');
  }
  checkRole(role);
  return name;
}

/**
 * Creates a member through the store's `insert` (the validated name, the creation time): validates first and
 * turns the store's unique-violation error code (`duplicateCode`) into a 409 naming the taken username.
 */
export async function createMember(
  input: NewMember, now: () => Date, duplicateCode: string, insert: (name: string, stamp: string) => MemberRow | Promise<MemberRow>,
): Promise<Member> {
  const name = newMemberName(input);
  try {
    return toMember(await insert(name, now().toISOString()));
  } catch (error) {
    if ((error as { code?: string }).code === duplicateCode) throw usernameTaken(name);
    throw error;
  }
}

export const usernameTaken = (name: string) => new AppError('username_taken', `The username "${name}" is already taken.`);

export const memberNotFound = () => new AppError('member_not_found');
