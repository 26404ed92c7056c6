import { z } from 'zod';
import type { Member } from '../db/members';
import { AppError } from '../errors';
import { CROSS_ORIGIN_MESSAGE } from '../origin';

/**
 * The gate of a member's own security actions (re-authenticate, enrol, recovery codes): same-origin Origin,
 * a live member, zod-validated input, errors as values. Unlike runAction it lets a member who must still enrol
 * through: these actions are how they enrol.
 */
export interface AccountGate {
  currentMember: () => Promise<Member | null>;
  origin: () => Promise<string | null>;
  isAllowedOrigin: (origin: string | null) => boolean;
}

export type AccountResult<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export async function runAccountAction<Input, T>(
  gate: AccountGate,
  schema: z.ZodType<Input>,
  input: unknown,
  work: (member: Member, input: Input) => Promise<T>,
): Promise<AccountResult<T>> {
  try {
    if (!gate.isAllowedOrigin(await gate.origin())) throw new AppError('cross_origin', 403, CROSS_ORIGIN_MESSAGE);
    const member = await gate.currentMember();
    if (!member) throw new AppError('unauthenticated', 401, 'Sign in to continue.');
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, error: { code: 'invalid_request', message: issue ? `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}` : 'The request is not valid.' } };
    }
    return { ok: true, data: await work(member, parsed.data) };
  } catch (error) {
    // recognised by shape: Next bundles server actions apart from the module that threw
    if (error instanceof Error && error.name === 'AppError' && 'code' in error) {
      return { ok: false, error: { code: String((error as AppError).code), message: error.message } };
    }
    console.error(`[account action] failed: ${error instanceof Error ? error.message : String(error)}`);
    return { ok: false, error: { code: 'internal', message: 'Something went wrong on the desk. Try again; if it keeps happening, tell an admin.' } };
  }
}
