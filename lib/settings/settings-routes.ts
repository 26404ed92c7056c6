import { AppError } from '../errors';
import { settingsPatchSchema, type SettingsPatch } from './member-ui';

/**
 * The body of PUT /api/me/settings: a partial document (only the sections and fields it changes), refused whole with
 * a 400 naming the first bad or unknown field.
 */
export function settingsPatchOf(body: unknown): SettingsPatch {
  const parsed = settingsPatchSchema.safeParse(body);
  if (!parsed.success) throw new AppError('invalid_settings', describeIssue(parsed.error.issues[0]!));
  return parsed.data;
}

function describeIssue(issue: { path: PropertyKey[]; message: string; code?: string; keys?: string[] }): string {
  const where = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys' && issue.keys) {
    return `Unknown setting ${issue.keys.map((k) => (where ? `${where}.${k}` : k)).join(', ')}.`;
  }
  return where ? `${where}: ${issue.message}` : issue.message;
}
