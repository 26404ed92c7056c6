import { newPasswordSchema, usernameSchema } from '../../lib/auth/credentials';
import { endAllSessions } from '../../lib/auth/end-sessions';
import { hashPassword } from '../../lib/auth/password';
import { isRole, ROLES, type Role } from '../../lib/auth/roles';
import type { DeskDb, Member } from '../../lib/db';
import { auditEvent, type Actor } from '../../lib/audit/events';
import { CliError } from './read-password';

export const USAGE = `Usage: npm run user -- <command>

  add <name> [--role viewer|trader|admin]   create a member (default role: viewer); asks for a password
  passwd <name>                             set a new password (signs the member out everywhere)
  role <name> <viewer|trader|admin>         change a member's role
  disable <name>                            block sign-in and end the member's sessions
  enable <name>                             allow sign-in again
  list                                      show all members
  signout <name>                            end every session of the member (all browsers, open feeds)
  reset-2fa <name>                          remove the member's second factor and recovery codes
                                            (they sign in with their password, and enrol again if required)
  require-2fa [none|<role>...]              show, or set, the roles that must use two-factor sign-in

The password is read from the terminal without echo, or from the first line of stdin when piped.
DATABASE_URL (PostgreSQL), else DATABASE_PATH (or DATA_DIR), chooses the database, as for the desk itself.`;

export interface CommandIo {
  out: (line: string) => void;
  readPassword: (prompt: string) => Promise<string>;
}

/** Changes made from the shell are audited like the admin page's, attributed to the operator account. */
const CLI_ACTOR: Actor = { id: null, username: `cli:${process.env.USER ?? 'operator'}` };

export async function runUserCommand(db: DeskDb, argv: string[], io: CommandIo): Promise<void> {
  const [command, ...rest] = argv;
  const audit = (action: string, member: Member, detail: unknown = {}) => auditEvent(db.audit, CLI_ACTOR, action, detail, { subject: member.username });
  switch (command) {
    case 'add': {
      const { positional, role } = parseAddArgs(rest);
      const username = parseUsername(positional);
      if (await db.members.findByUsername(username)) throw new CliError(`A member named "${username}" already exists.`);
      const passwordHash = await hashPassword(await newPassword(io, `Password for ${username}: `));
      const member = await db.members.create({ username, role, passwordHash });
      await audit('member.create', member, { role: member.role });
      io.out(`Created ${member.username} (${member.role}).`);
      return;
    }
    case 'passwd': {
      const member = await existing(db, one(rest, 'passwd <name>'));
      await db.members.setPassword(member.id, await hashPassword(await newPassword(io, `New password for ${member.username}: `)));
      await audit('member.password_reset', member);
      io.out(`Password changed for ${member.username}; their sessions have ended.`);
      return;
    }
    case 'role': {
      const [name = '', role] = exactly(rest, 2, 'role <name> <viewer|trader|admin>');
      if (!isRole(role)) throw new CliError(`Unknown role "${role}": use ${ROLES.join(', ')}.`, 2);
      const member = await existing(db, name);
      if (role !== 'admin') await keepOneAdmin(db, member, 'demote');
      await db.members.setRole(member.id, role);
      await audit('member.role', member, { from: member.role, to: role });
      io.out(`${member.username} is now ${role}.`);
      return;
    }
    case 'disable':
    case 'enable': {
      const member = await existing(db, one(rest, `${command} <name>`));
      if (command === 'disable') await keepOneAdmin(db, member, 'disable');
      await db.members.setDisabled(member.id, command === 'disable');
      await audit(`member.${command}`, member);
      io.out(command === 'disable' ? `Disabled ${member.username}; their sessions have ended.` : `Enabled ${member.username}.`);
      return;
    }
    case 'signout': {
      const member = await existing(db, one(rest, 'signout <name>'));
      const { ended } = await endAllSessions(db, member.id, 'ended from the shell');
      await audit('member.sessions_ended', member, { sessions: ended });
      io.out(`Signed ${member.username} out everywhere (${ended} session${ended === 1 ? '' : 's'} ended).`);
      return;
    }
    case 'reset-2fa': {
      const member = await existing(db, one(rest, 'reset-2fa <name>'));
      if (!(await db.secondFactor.remove(member.id))) throw new CliError(`${member.username} has no second factor to reset.`);
      // whoever held the old authenticator must not stay signed in on its strength
      await endAllSessions(db, member.id, 'second factor reset');
      await audit('member.2fa_reset', member);
      io.out(`Second factor removed for ${member.username}; their sessions have ended.`);
      return;
    }
    case 'require-2fa': {
      if (rest.length > 0) {
        const roles = rest.length === 1 && rest[0] === 'none' ? [] : rest;
        for (const role of roles) if (!isRole(role)) throw new CliError(`Unknown role "${role}": use ${ROLES.join(', ')} or none.`, 2);
        const before = await db.secondFactor.requiredRoles();
        const after = await db.secondFactor.setRequiredRoles(roles as Role[]);
        await auditEvent(db.audit, CLI_ACTOR, 'desk.2fa_policy', { from: before, to: after });
      }
      const required = await db.secondFactor.requiredRoles();
      io.out(required.length === 0 ? 'Two-factor sign-in is optional for every role.' : `Two-factor sign-in is required for: ${required.join(', ')}.`);
      return;
    }
    case 'list': {
      exactly(rest, 0, 'list');
      for (const line of formatMembers(await db.members.list())) io.out(line);
      return;
    }
    default:
      throw new CliError(command ? `Unknown command "${command}".\n\n${USAGE}` : USAGE, 2);
  }
}

function parseAddArgs(args: string[]): { positional: string; role: Role } {
  let role: Role = 'viewer';
  const positional: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--role' || arg.startsWith('--role=')) {
      const value = arg === '--role' ? args[++i] : arg.slice('--role='.length);
      if (!isRole(value)) throw new CliError(`--role must be one of ${ROLES.join(', ')}.`, 2);
      role = value;
    } else if (arg.startsWith('--')) {
      throw new CliError(`Unknown option ${arg}.\n\n${USAGE}`, 2);
    } else positional.push(arg);
  }
  return { positional: exactly(positional, 1, 'add <name> [--role <role>]')[0]!, role };
}

function exactly(args: string[], count: number, usage: string): string[] {
  if (args.length !== count) throw new CliError(`Usage: npm run user -- ${usage}`, 2);
  return args;
}

function one(args: string[], usage: string): string {
  return exactly(args, 1, usage)[0]!;
}

function parseUsername(name: string): string {
  const parsed = usernameSchema.safeParse(name);
  if (!parsed.success) throw new CliError(parsed.error.issues[0]?.message ?? 'Invalid username.', 2);
  return parsed.data;
}

async function existing(db: DeskDb, name: string): Promise<Member> {
  const member = await db.members.findByUsername(name);
  if (!member) throw new CliError(`No member named "${name}".`);
  return member;
}

async function newPassword(io: CommandIo, prompt: string): Promise<string> {
  const parsed = newPasswordSchema.safeParse(await io.readPassword(prompt));
  if (!parsed.success) throw new CliError(parsed.error.issues[0]?.message ?? 'Invalid password.');
  return parsed.data;
}

/** The desk must keep one enabled admin, or nobody could manage members from the app. */
async function keepOneAdmin(db: DeskDb, member: Member, action: 'disable' | 'demote'): Promise<void> {
  if (member.role !== 'admin' || member.disabled) return;
  const admins = (await db.members.list()).filter((m) => m.role === 'admin' && !m.disabled);
  if (admins.length <= 1) throw new CliError(`Refusing to ${action} ${member.username}: they are the only enabled admin.`);
}

function formatMembers(members: Member[]): string[] {
  if (members.length === 0) return ['No members yet. Add one with: npm run user -- add <name> --role admin'];
  const width = Math.max(8, ...members.map((m) => m.username.length));
  const header = `${'USERNAME'.padEnd(width)}  ROLE    STATUS    CREATED`;
  return [
    header,
    ...members.map((m) => `${m.username.padEnd(width)}  ${m.role.padEnd(6)}  ${(m.disabled ? 'disabled' : 'active').padEnd(8)}  ${m.createdAt.slice(0, 10)}`),
  ];
}
