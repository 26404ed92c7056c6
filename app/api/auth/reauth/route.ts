import { reauthRoute } from '@/lib/server/account-security';

/** POST {password} or {code}: re-authenticate this session for sensitive actions (5 minutes). */
export const POST = reauthRoute;
