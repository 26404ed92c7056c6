import { z } from 'zod';
import type { DeskDb } from '../db/database';
import { AppError } from '../errors';
import type { RouteSpec } from '../orders/http';
import { settingsPatchSchema } from './member-ui';

/**
 * GET/PUT /api/me/settings: the signed-in member's own screen settings (any role: a viewer's chart
 * interval is theirs to keep). PUT takes a partial document (only the sections and fields it changes),
 * refused whole with a 400 naming the first bad field. Plain specs, bound by the thin route file.
 */
type Services = { db: DeskDb };

function describeIssue(issue: { path: PropertyKey[]; message: string; code?: string; keys?: string[] }): string {
  const where = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys' && issue.keys) {
    return `Unknown setting ${issue.keys.map((k) => (where ? `${where}.${k}` : k)).join(', ')}.`;
  }
  return where ? `${where}: ${issue.message}` : issue.message;
}

export const MEMBER_SETTINGS_ROUTES = {
  get: {
    role: 'viewer', mutation: false,
    async handle(s, _req, { member }) {
      return Response.json({ settings: await s.db.memberSettings.get(member.id) });
    },
  } satisfies RouteSpec<undefined, Record<string, string>, Services>,
  put: {
    role: 'viewer', mutation: true, body: z.unknown(),
    async handle(s, _req, { member, body }) {
      const parsed = settingsPatchSchema.safeParse(body);
      if (!parsed.success) throw new AppError('invalid_settings', 400, describeIssue(parsed.error.issues[0]!));
      return Response.json({ settings: await s.db.memberSettings.update(member.id, parsed.data) });
    },
  } satisfies RouteSpec<unknown, Record<string, string>, Services>,
};
